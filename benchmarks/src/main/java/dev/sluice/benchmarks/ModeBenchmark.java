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
import java.util.Comparator;
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
    record Sample(Duration wall, PhysicalLimit limit) {
        /** Wall time over the limit. */
        double ratio() {
            return (double) wall.toNanos() / limit.limit().toNanos();
        }
    }

    /** Every timed run of one mode. */
    record ModeResult(IoMode mode, List<Sample> samples) {
        /**
         * The run with the median ratio (the lower middle one for an even count). The ratio is what the
         * benchmark compares, and a whole run keeps wall, limit and ratio of one row consistent.
         */
        Sample median() {
            List<Sample> sorted = samples.stream()
                    .sorted(Comparator.comparingDouble(Sample::ratio))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
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
}
