package dev.sluice.benchmarks;

import dev.sluice.benchmarks.ShapesBenchmark.Result;
import dev.sluice.benchmarks.ShapesBenchmark.Sample;
import dev.sluice.runner.IoMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Renders the {@code shapes} suite's results as Markdown. */
final class ShapesReport {
    /** The goal of issue 10: the tee with runner defaults at most this far above its limit. */
    static final double TEE_GOAL = 1.10;
    /** The goal of issue 10 for the runner's own cost, in microseconds per node. */
    static final double OVERHEAD_GOAL_MICROS = 20;
    /** How many of Kedro's random ready orders the model draws per shape. */
    static final int KEDRO_ORDERS = 200;

    private ShapesReport() {}

    /** The main table: every shape and runner, every mode's wall time and ratio, and the tee's CPU use. */
    static String modes(List<Result> results, Duration delay, Duration compute, int runs, int workers) {
        StringBuilder out = new StringBuilder();
        out.append("### Shapes: every output a slow text file, d = ")
                .append(Format.compact(delay))
                .append(" s per load and per save, ")
                .append(Format.compact(compute))
                .append(" s of CPU per node; runner defaults\n\n");
        out.append(Report.row(List.of(
                "shape",
                "runner",
                "limit (s)",
                "`sync`",
                "`async`",
                "`cache`",
                "`tee`",
                "`tee` CPU",
                "`tee` ≤ 1.10×")));
        out.append(Report.row(List.of("---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "---")));
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < results.size(); i += IoMode.values().length) {
            List<Result> row = results.subList(i, i + IoMode.values().length);
            Result tee = row.get(IoMode.TEE.ordinal());
            Sample teeRun = tee.median();
            List<String> cells = new ArrayList<>(List.of(
                    tee.config().shape().name(),
                    tee.config().runner(workers),
                    Format.seconds(teeRun.limit().limit())));
            for (Result result : row) {
                Sample run = result.median();
                cells.add(Format.seconds(run.wall()) + " (" + Format.ratio(run.ratio()) + "×)");
            }
            cells.add(Format.percent(teeRun.utilisation()));
            boolean met = teeRun.ratio() <= TEE_GOAL;
            cells.add(met ? "yes" : "**no**");
            if (!met) {
                missed.add(tee.config().shape().name() + ", " + tee.config().runner(workers));
            }
            out.append(Report.row(cells));
        }
        out.append('\n')
                .append(
                        runs == 1
                                ? "One run per configuration"
                                : "Per configuration, the run with the median ratio of " + runs)
                .append(
                        ", after a warm-up run of each without delay. Cells: wall time in seconds (ratio to the limit). ")
                .append("Limit: the largest of the critical path (the run's measured compute on the DAG plus the last ")
                .append("save, each save taking as long as it took in the run: d plus the local write, at least d), ")
                .append("the compute shared by the workers, and the run's CPU time over the cores. ")
                .append("CPU: the process's CPU time over wall time × cores. ")
                .append(
                        missed.isEmpty()
                                ? "Goal met: the tee, with no flags, within " + TEE_GOAL
                                        + "× of the limit everywhere.\n"
                                : "Goal missed (tee above " + TEE_GOAL + "× the limit): " + String.join("; ", missed)
                                        + ".\n");
        return out.toString();
    }

    /**
     * Parallel {@code sync} against Kedro's ready order: the measured runs, and both orders in the
     * {@link ScheduleModel}, which charges nothing but the delays.
     */
    static String kedro(List<Result> results, Duration delay, Duration compute, int workers, long seed) {
        StringBuilder out = new StringBuilder();
        out.append("### Parallel `sync` (").append(workers).append(" workers) against Kedro's ThreadRunner order\n\n");
        out.append(Report.row(List.of(
                "shape",
                "Sluice, measured (s)",
                "Sluice's order, model (s)",
                "Kedro's order, model: median (s)",
                "Kedro's order, model: best–worst (s)",
                "Sluice's order ÷ Kedro's median",
                "measured ÷ Sluice's order")));
        out.append(Report.row(List.of("---", "--:", "--:", "--:", "--:", "--:", "--:")));
        List<String> behind = new ArrayList<>();
        for (Result result : results) {
            if (!result.config().parallel() || result.config().mode() != IoMode.SYNC) {
                continue;
            }
            Shape shape = result.config().shape();
            ScheduleModel model = new ScheduleModel(
                    shape.pipeline(), ScheduleModel.syncCosts(shape.pipeline(), delay, compute, delay), workers);
            Random random = new Random(seed);
            List<Duration> kedro = new ArrayList<>();
            for (int i = 0; i < KEDRO_ORDERS; i++) {
                kedro.add(model.kedro(random));
            }
            kedro.sort(null);
            Duration median = kedro.get((kedro.size() - 1) / 2);
            Duration measured = result.median().wall();
            Duration ours = model.longestPathFirst();
            double orders = (double) ours.toNanos() / median.toNanos();
            if (orders > 1) {
                behind.add(shape.name());
            }
            out.append(Report.row(List.of(
                    shape.name(),
                    Format.seconds(measured),
                    Format.seconds(ours),
                    Format.seconds(median),
                    Format.seconds(kedro.get(0)) + "–" + Format.seconds(kedro.get(kedro.size() - 1)),
                    Format.ratio(orders),
                    Format.ratio((double) measured.toNanos() / ours.toNanos()))));
        }
        out.append('\n')
                .append("Kedro is not installed here (the Python package index is not reachable), so its order is ")
                .append("modelled: Kedro's `AbstractRunner._run` submits every node whose dependencies are done to ")
                .append("a first-in, first-out pool, in the iteration order of a Python set, which string hashing ")
                .append("randomises per process; the model draws ")
                .append(KEDRO_ORDERS)
                .append(" such orders and charges each node its loads, compute and saves one after another, ")
                .append("nothing else (Kedro's own per-node cost is left out, in its favour). ")
                .append(
                        behind.isEmpty()
                                ? "Sluice's measured runs are at or ahead of Kedro's median order on every shape.\n"
                                : "Behind Kedro's median order: " + String.join("; ", behind) + ".\n");
        return out.toString();
    }

    /** The runner's own cost per node on large pipelines. */
    static String overhead(List<OverheadBenchmark.Result> results, int runs, int workers) {
        StringBuilder out =
                new StringBuilder("### Runner overhead: nodes that do nothing, datasets in memory, `tee`\n\n");
        out.append(Report.row(List.of(
                "pipeline",
                "nodes",
                "build (µs/node)",
                "run, sequential (µs/node)",
                "run, parallel (" + workers + ") (µs/node)")));
        out.append(Report.row(List.of("---", "--:", "--:", "--:", "--:")));
        List<String> over = new ArrayList<>();
        for (OverheadBenchmark.Result result : results) {
            double build = OverheadBenchmark.Result.microsPerNode(result.build(), result.nodes());
            double sequential = OverheadBenchmark.Result.microsPerNode(result.sequential(), result.nodes());
            double parallel = OverheadBenchmark.Result.microsPerNode(result.parallel(), result.nodes());
            for (double figure : List.of(build, sequential, parallel)) {
                if (figure > OVERHEAD_GOAL_MICROS) {
                    over.add(result.shape());
                    break;
                }
            }
            out.append(Report.row(List.of(
                    result.shape().equals("wide") ? "wide (source, branches, join)" : "chain",
                    String.format(Locale.ROOT, "%,d", result.nodes()),
                    Format.micros(build),
                    Format.micros(sequential),
                    Format.micros(parallel))));
        }
        out.append('\n')
                .append("The median of ")
                .append(runs)
                .append(" runs after a warm-up at a tenth of the size. Build: creating the nodes and the pipeline. ")
                .append(
                        over.isEmpty()
                                ? "Goal met: every figure at most " + (int) OVERHEAD_GOAL_MICROS + " µs per node.\n"
                                : "Above " + (int) OVERHEAD_GOAL_MICROS + " µs per node: " + String.join(", ", over)
                                        + ".\n");
        return out.toString();
    }
}
