package dev.sluice.benchmarks;

import dev.sluice.benchmarks.CpuBenchmark.Result;
import dev.sluice.benchmarks.CpuBenchmark.Sample;
import dev.sluice.benchmarks.CpuBenchmark.Variant;
import java.util.List;

/** Renders the {@code cpu} suite's results as Markdown. */
final class CpuReport {
    private CpuReport() {}

    /** One workload's table: every runner and variant, with each row's wall time over {@code cache}'s. */
    static String table(String workload, List<Result> results, int runs, int workers, String priorities) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(workload).append(", on local disk\n\n");
        out.append(Report.row(List.of(
                "runner",
                "mode",
                "wall (ms)",
                "limit (ms)",
                "ratio",
                "limit set by",
                "CPU",
                "compute (ms)",
                "saves (ms)",
                "÷ `cache`")));
        out.append(Report.row(List.of("---", "---", "--:", "--:", "--:", "---", "--:", "--:", "--:", "--:")));
        for (Result result : results) {
            Sample run = result.median();
            Sample cache = results.stream()
                    .filter(r -> r.config().parallel() == result.config().parallel()
                            && r.config().variant() == Variant.CACHE)
                    .findFirst()
                    .orElseThrow()
                    .median();
            out.append(Report.row(List.of(
                    result.config().runner(workers),
                    result.config().variant().toString(),
                    Format.millis(run.wall()),
                    Format.millis(run.limit().limit()),
                    Format.ratio(run.ratio()),
                    run.limit().setBy(result.config().parallel() ? workers : 1, Cpu.cores()),
                    Format.percent(run.utilisation()),
                    Format.millis(run.run().computeTotal()),
                    Format.millis(run.run().saveTotal()),
                    Format.ratio((double) run.wall().toNanos() / cache.wall().toNanos()))));
        }
        out.append('\n')
                .append(
                        runs == 1
                                ? "One run per configuration"
                                : "Per configuration, the run with the median wall time of " + runs)
                .append(", after a warm-up run of each. Limit: what the work allows, from the costs measured in the")
                .append(" same round's sequential `cache` run, where each node computes and each save runs with")
                .append(" nothing else of the run beside it: the largest of the critical path (compute on the DAG,")
                .append(" then the last save), the compute shared by the runner's workers, and that run's CPU time")
                .append(" over the ")
                .append(Cpu.cores())
                .append(" cores. CPU: the process's CPU time over wall time × cores. Compute, saves: the nodes' and")
                .append(" the saves' times added up (under `tee` the saves overlap the nodes). ÷ `cache`: wall time")
                .append(" over `cache`'s on the same runner; below 1 is faster. One save at a time:")
                .append(" `--store-concurrency 1`. Low priority: the saves on threads at Java's lowest priority;")
                .append(" in this run ")
                .append(priorities)
                .append(".\n");
        return out.toString();
    }
}
