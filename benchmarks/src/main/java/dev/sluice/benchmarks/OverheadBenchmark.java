package dev.sluice.benchmarks;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.Runner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The runner's own cost per node: a chain and a wide fan-out (one source, {@code nodes} branches, one
 * join) of nodes that do nothing, every dataset in memory, built and run with the default I/O mode under
 * the sequential and the parallel runner. Building counts creating the nodes and the pipeline; running
 * counts {@code runner.run}. Each figure is the median of {@code runs}, after a warm-up at a tenth of the
 * size (the JIT is not what is measured).
 */
final class OverheadBenchmark {
    private final int nodes;
    private final int runs;
    private final int workers;
    private final PrintStream progress;

    /**
     * One shape's figures.
     *
     * @param nodes how many nodes the pipeline has
     * @param build the median time to build it
     * @param sequential the median run under the sequential runner
     * @param parallel the median run under the parallel runner
     */
    record Result(String shape, int nodes, Duration build, Duration sequential, Duration parallel) {
        static double microsPerNode(Duration time, int nodes) {
            return time.toNanos() / 1e3 / nodes;
        }
    }

    OverheadBenchmark(int nodes, int runs, int workers, PrintStream progress) {
        this.nodes = nodes;
        this.runs = runs;
        this.workers = workers;
        this.progress = progress;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        results.add(measure("chain", n -> Shape.chain(n, Duration.ZERO).pipeline()));
        results.add(measure("wide", n -> Shape.wide(n, Duration.ZERO).pipeline()));
        return results;
    }

    private Result measure(String name, IntFunction<Pipeline> build) {
        runAll(build.apply(Math.max(1, nodes / 10)));
        List<Duration> builds = new ArrayList<>();
        List<Duration> sequential = new ArrayList<>();
        List<Duration> parallel = new ArrayList<>();
        int size = 0;
        for (int round = 1; round <= runs; round++) {
            System.gc();
            long start = System.nanoTime();
            Pipeline pipeline = build.apply(nodes);
            Duration built = Duration.ofNanos(System.nanoTime() - start);
            size = pipeline.nodes().size();
            Duration[] ran = runAll(pipeline);
            builds.add(built);
            sequential.add(ran[0]);
            parallel.add(ran[1]);
            progress.printf(
                    "overhead: %s of %,d nodes, run %d of %d: build %s, sequential %s, parallel %s µs per node%n",
                    name,
                    size,
                    round,
                    runs,
                    Format.micros(Result.microsPerNode(built, size)),
                    Format.micros(Result.microsPerNode(ran[0], size)),
                    Format.micros(Result.microsPerNode(ran[1], size)));
        }
        return new Result(name, size, median(builds), median(sequential), median(parallel));
    }

    /** Runs {@code pipeline} sequentially, then in parallel; returns both wall times. */
    private Duration[] runAll(Pipeline pipeline) {
        Duration[] times = new Duration[2];
        List<Runner> runners = List.of(
                Runner.builder().build(), Runner.builder().parallel(workers).build());
        for (int i = 0; i < runners.size(); i++) {
            System.gc();
            long start = System.nanoTime();
            runners.get(i).run(pipeline, DataCatalog.builder().build());
            times[i] = Duration.ofNanos(System.nanoTime() - start);
        }
        return times;
    }

    /** The middle value (the lower middle one for an even count). */
    private static Duration median(List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
