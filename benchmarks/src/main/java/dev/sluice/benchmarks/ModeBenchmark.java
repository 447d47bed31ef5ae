package dev.sluice.benchmarks;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.SlowDataset;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times every {@link IoMode} on one {@link Suite} in this JVM: one warm-up run per mode without delay,
 * so the JIT is not measured, then {@code runs} rounds of one run per mode, interleaved so that drift
 * in the machine's speed touches every mode alike.
 */
final class ModeBenchmark {
    private final Suite suite;
    private final Duration delay;
    private final int runs;
    private final PrintStream progress;

    /** One timed run: its wall time and its physical limit. */
    record Sample(Duration wall, PhysicalLimit limit) {}

    /** Every timed run of one mode. */
    record ModeResult(IoMode mode, List<Sample> samples) {
        Duration medianWall() {
            return median(samples.stream().map(Sample::wall).toList());
        }

        Duration medianLimit() {
            return median(samples.stream().map(s -> s.limit().limit()).toList());
        }

        Duration medianPathCompute() {
            return median(samples.stream().map(s -> s.limit().pathCompute()).toList());
        }

        /** The median wall time over the median limit. */
        double ratio() {
            return (double) medianWall().toNanos() / medianLimit().toNanos();
        }

        /** Whether the workers rather than the critical path set the limit in most runs. */
        boolean boundByWorkers() {
            long byWorkers =
                    samples.stream().filter(s -> s.limit().boundByWorkers()).count();
            return byWorkers * 2 > samples.size();
        }
    }

    ModeBenchmark(Suite suite, Duration delay, int runs, PrintStream progress) {
        this.suite = suite;
        this.delay = delay;
        this.runs = runs;
        this.progress = progress;
    }

    /** Runs the benchmark; results in {@link IoMode} order. */
    List<ModeResult> run() {
        for (IoMode mode : IoMode.values()) {
            progress.printf("%s: warm-up, %s, no delay%n", suite.name(), mode);
            runOnce(mode, Duration.ZERO);
        }
        Map<IoMode, List<Sample>> samples = new EnumMap<>(IoMode.class);
        for (int round = 1; round <= runs; round++) {
            for (IoMode mode : IoMode.values()) {
                Sample sample = runOnce(mode, delay);
                samples.computeIfAbsent(mode, m -> new ArrayList<>()).add(sample);
                progress.printf(
                        "%s: %s, run %d of %d: %s s (limit %s s)%n",
                        suite.name(),
                        mode,
                        round,
                        runs,
                        Format.seconds(sample.wall()),
                        Format.seconds(sample.limit().limit()));
            }
        }
        List<ModeResult> results = new ArrayList<>();
        samples.forEach((mode, list) -> results.add(new ModeResult(mode, List.copyOf(list))));
        return results;
    }

    private Sample runOnce(IoMode mode, Duration runDelay) {
        Suite.Setup setup = suite.setup(runDelay);
        Pipeline pipeline = setup.pipeline();
        RunTimings timings = new RunTimings(pipeline.inputs());
        Runner runner =
                suite.runner().io(mode).hooks(setup.hooks()).hook(timings).build();
        // Garbage from the previous run should not be collected inside this one.
        System.gc();
        long start = System.nanoTime();
        runner.run(pipeline, setup.catalog());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        PhysicalLimit limit = PhysicalLimit.of(
                pipeline,
                timings.compute(),
                timings.freeInputLoads(),
                saveDelays(pipeline, setup.catalog()),
                suite.workers());
        return new Sample(wall, limit);
    }

    /**
     * The save delay of every persisted output of {@code pipeline}: a slow dataset's configured delay;
     * zero for other persisted datasets, whose real write time the model leaves out.
     */
    static Map<String, Duration> saveDelays(Pipeline pipeline, DataCatalog catalog) {
        Map<String, Duration> delays = new HashMap<>();
        for (String output : pipeline.allOutputs()) {
            Optional<Dataset<?>> dataset = catalog.entry(output).map(CatalogEntry::dataset);
            if (dataset.isPresent()
                    && dataset.get().isPersistent()
                    && dataset.get() instanceof SlowDataset<?> slow
                    && slow.describe().get("save_delay") instanceof Number seconds) {
                delays.put(output, Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
            }
        }
        return delays;
    }

    private static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
