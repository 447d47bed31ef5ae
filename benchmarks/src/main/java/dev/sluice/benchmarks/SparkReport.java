package dev.sluice.benchmarks;

import dev.sluice.benchmarks.SparkBenchmark.Result;
import dev.sluice.benchmarks.SparkBenchmark.Round;
import dev.sluice.benchmarks.SparkLimit.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Renders the Spark suite's results as Markdown. */
final class SparkReport {
    /** The goals for the tee on the Spark example. */
    static final double GOAL_RATIO = 1.2;

    static final double GOAL_SPEED_UP = 1.5;

    private SparkReport() {}

    /** The table of the median round, the spread over every round, and what the rows mean. */
    static String table(Result result, int runs) {
        Round round = result.median();
        SparkLimit limit = round.limit();
        int cores = Cpu.cores();
        StringBuilder out = new StringBuilder();
        out.append("### Spark (`")
                .append(SparkBenchmark.PROJECT)
                .append("`, `rows=")
                .append(result.rows())
                .append("`) on ")
                .append(result.store())
                .append(": sequential runner, 9 nodes, 9 persisted intermediates, ")
                .append(round.bytesStored() >> 20)
                .append(" MiB stored\n\n");
        out.append(Report.row(List.of(
                "run",
                "wall (s)",
                "CPU (s)",
                "CPU use",
                "jobs",
                "a job running (s)",
                "task time (s)",
                "÷ limit",
                "`tee` faster by")));
        out.append(Report.row(List.of("---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:")));
        out.append(row("`sync`", round.sync(), limit, "—"));
        out.append(row("`tee`", round.tee(), limit, times(round.speedUp())));
        out.append(row("compute only (every write a no-op)", limit.computeOnly(), limit, "—"));
        out.append(row("writes alone (each output from memory, one at a time)", limit.writesAlone(), limit, "—"));
        out.append(row("reads alone (each load of `sync`'s consumers, one at a time)", round.reads(), limit, "—"));
        out.append(Report.row(
                List.of("**limit**: " + limit.setBy(), Format.seconds(limit.limit()), "—", "—", "1.00", "—")));
        out.append('\n');
        out.append(runs == 1 ? "One round" : "The round with the median `tee` ratio of " + runs)
                .append(", after a warm-up round at a tenth of the size; each round runs the five lines in")
                .append(" this order in one JVM and one Spark session (`local[*]`, ")
                .append(cores)
                .append(" cores). Limit: the larger of the compute-only run's wall time and the CPU time of the")
                .append(" compute-only run and the writes over ")
                .append(cores)
                .append(" cores (")
                .append(Format.seconds(limit.cpuBound()))
                .append(" s here). CPU use: the process's CPU time over wall time × cores. Jobs, a job")
                .append(" running, task time: the Spark jobs that ran, how long at least one of them was running (the")
                .append(" rest is the driver alone: planning, Delta's log, commits, Sluice), and their tasks' run time")
                .append(" added up (at most wall × cores).\n\n");
        if (runs > 1) {
            out.append("Over all ")
                    .append(runs)
                    .append(" rounds: `tee` ")
                    .append(spread(result.rounds(), Round::teeRatio))
                    .append("× its limit, `sync` ")
                    .append(spread(result.rounds(), Round::syncRatio))
                    .append("×; `tee` ")
                    .append(spread(result.rounds(), Round::speedUp))
                    .append("× faster than `sync`.\n\n");
        }
        Duration withoutReads = round.withoutReads(cores);
        out.append("What an in-memory hand-off can save: `sync`'s consumers load ")
                .append(Format.seconds(round.reads().cpu()))
                .append(" s of CPU time when each load runs alone (every column); `sync` used ")
                .append(Format.seconds(round.sync().cpu()))
                .append(" s.");
        if (withoutReads.isNegative() || withoutReads.isZero()) {
            out.append(" The loads alone took as much CPU time as the whole run, so this round sets no bound.\n\n");
        } else {
            out.append(" Doing all the rest of `sync`'s work on ")
                    .append(cores)
                    .append(" cores takes at least ")
                    .append(Format.seconds(withoutReads))
                    .append(" s, so a hand-off that cost nothing could make this run at most ")
                    .append(times((double) round.sync().wall().toNanos() / withoutReads.toNanos()))
                    .append(" faster than `sync` while `sync` keeps the cores busy (its CPU use above).\n\n");
        }
        out.append("Goals (issue 12): `tee` at most ")
                .append(Format.ratio(GOAL_RATIO))
                .append("× its limit: ")
                .append(round.teeRatio() <= GOAL_RATIO ? "met" : "missed")
                .append(" (")
                .append(String.format(Locale.ROOT, "%.3f", round.teeRatio()))
                .append("×); at least ")
                .append(Format.ratio(GOAL_SPEED_UP))
                .append("× faster than `sync`: ")
                .append(round.speedUp() >= GOAL_SPEED_UP ? "met" : "missed")
                .append(" (")
                .append(Format.ratio(round.speedUp()))
                .append("×).\n\n");
        out.append("Stored after the `tee` run: ").append(sizes(round.stored())).append(".\n\n");
        out.append("Writes alone, by output: ").append(writes(round.writes())).append(".\n");
        return out.toString();
    }

    private static String row(String name, Phase phase, SparkLimit limit, String speedUp) {
        return Report.row(List.of(
                name,
                Format.seconds(phase.wall()),
                Format.seconds(phase.cpu()),
                Format.percent(Cpu.utilisation(phase.cpu(), phase.wall())),
                String.valueOf(phase.jobs().count()),
                Format.seconds(phase.jobs().busy()),
                Format.seconds(phase.jobs().taskTime()),
                Format.ratio(limit.ratio(phase.wall())),
                speedUp));
    }

    private static String spread(List<Round> rounds, ToDoubleFunction<Round> value) {
        double min = rounds.stream().mapToDouble(value).min().orElse(0);
        double max = rounds.stream().mapToDouble(value).max().orElse(0);
        return Format.ratio(min) + "–" + Format.ratio(max);
    }

    private static String sizes(Map<String, Long> stored) {
        StringBuilder out = new StringBuilder();
        stored.forEach((dataset, bytes) -> {
            out.append(out.isEmpty() ? "" : ", ")
                    .append('`')
                    .append(dataset)
                    .append("` ")
                    .append(mib(bytes));
        });
        return out.toString();
    }

    private static String writes(Map<String, Phase> writes) {
        StringBuilder out = new StringBuilder();
        writes.forEach((dataset, phase) -> {
            out.append(out.isEmpty() ? "" : ", ")
                    .append('`')
                    .append(dataset)
                    .append("` ")
                    .append(Format.seconds(phase.wall()))
                    .append(" s");
        });
        return out.toString();
    }

    private static String mib(long bytes) {
        return bytes >= 1 << 20
                ? (bytes >> 20) + " MiB"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static String times(double ratio) {
        return Format.ratio(ratio) + "×";
    }
}
