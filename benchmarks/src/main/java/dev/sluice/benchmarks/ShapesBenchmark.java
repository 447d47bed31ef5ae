package dev.sluice.benchmarks;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.SlowDataset;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code shapes} suite: every {@link Shape} under the sequential and the parallel runner in every I/O
 * mode, with runner defaults only (no tuning flags), every output a small text file behind a
 * {@code slow} dataset whose loads and saves each wait {@code delay}. One warm-up run of every
 * configuration without delay, then {@code runs} rounds of one run of each, interleaved so that drift in
 * the machine's speed touches them alike.
 */
final class ShapesBenchmark {
    private final List<Shape> shapes;
    private final Duration delay;
    private final int runs;
    private final int workers;
    private final Path dir;
    private final PrintStream progress;

    /** A shape, a runner and an I/O mode. */
    record Config(Shape shape, boolean parallel, IoMode mode) {
        String runner(int workers) {
            return parallel ? "parallel (" + workers + ")" : "sequential";
        }
    }

    /**
     * One timed run.
     *
     * @param limit the run's physical limit, its CPU bound included
     * @param cpu the CPU time the process used during the run
     */
    record Sample(Duration wall, PhysicalLimit limit, Duration cpu) {
        double ratio() {
            return (double) wall.toNanos() / limit.limit().toNanos();
        }

        double utilisation() {
            return Cpu.utilisation(cpu, wall);
        }
    }

    /** Every timed run of one configuration. */
    record Result(Config config, List<Sample> samples) {
        /** The run with the median ratio (the lower middle one for an even count). */
        Sample median() {
            List<Sample> sorted = samples.stream()
                    .sorted(Comparator.comparingDouble(Sample::ratio))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        /** The fastest and the slowest wall time. */
        Duration fastest() {
            return samples.stream().map(Sample::wall).min(Duration::compareTo).orElseThrow();
        }

        Duration slowest() {
            return samples.stream().map(Sample::wall).max(Duration::compareTo).orElseThrow();
        }
    }

    /**
     * @param dir a directory for the outputs' files, one subdirectory per shape
     */
    ShapesBenchmark(List<Shape> shapes, Duration delay, int runs, int workers, Path dir, PrintStream progress) {
        this.shapes = List.copyOf(shapes);
        this.delay = delay;
        this.runs = runs;
        this.workers = workers;
        this.dir = dir;
        this.progress = progress;
    }

    /** Runs the suite; results in shape, runner, then mode order. */
    List<Result> run() {
        List<Config> configs = new ArrayList<>();
        for (Shape shape : shapes) {
            for (boolean parallel : List.of(false, true)) {
                for (IoMode mode : IoMode.values()) {
                    configs.add(new Config(shape, parallel, mode));
                }
            }
        }
        progress.printf("shapes: warm-up, every configuration once without delay%n");
        for (Config config : configs) {
            runOnce(config, Duration.ZERO);
        }
        Map<Config, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= runs; round++) {
            for (Config config : configs) {
                Sample sample = runOnce(config, delay);
                samples.computeIfAbsent(config, c -> new ArrayList<>()).add(sample);
                progress.printf(
                        "shapes: %s, %s, %s, run %d of %d: %s s (limit %s s, CPU %s)%n",
                        config.shape().name(),
                        config.runner(workers),
                        config.mode(),
                        round,
                        runs,
                        Format.seconds(sample.wall()),
                        Format.seconds(sample.limit().limit()),
                        Format.percent(sample.utilisation()));
            }
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((config, list) -> results.add(new Result(config, List.copyOf(list))));
        return results;
    }

    private Sample runOnce(Config config, Duration runDelay) {
        Pipeline pipeline = config.shape().pipeline();
        DataCatalog catalog = catalog(config.shape(), runDelay);
        RunTimings timings = new RunTimings(pipeline.inputs());
        Runner.Builder builder = config.parallel() ? Runner.builder().parallel(workers) : Runner.builder();
        Runner runner = builder.io(config.mode()).hook(timings).build();
        System.gc();
        long cpuStart = Cpu.processNanos();
        long start = System.nanoTime();
        runner.run(pipeline, catalog);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(Cpu.processNanos() - cpuStart);
        // Each save costs its delay plus the local write behind it (a temporary file, fsync, rename), which
        // a busy disk can stretch: the limit takes each save as long as it took in the run, at least d.
        Map<String, Duration> saves = new HashMap<>(ModeBenchmark.saveDelays(pipeline, catalog));
        timings.saves().forEach((dataset, took) -> saves.merge(dataset, took, ShapesBenchmark::longer));
        PhysicalLimit limit = PhysicalLimit.of(
                        pipeline, timings.compute(), timings.freeInputLoads(), saves, config.parallel() ? workers : 1)
                .withCpu(cpu, Cpu.cores());
        return new Sample(wall, limit, cpu);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A fresh catalog: every output of the shape a text file behind a slow dataset. */
    private DataCatalog catalog(Shape shape, Duration runDelay) {
        Path shapeDir = dir.resolve(String.valueOf(shapes.indexOf(shape)));
        DataCatalog.Builder catalog = DataCatalog.builder();
        for (String output : shape.pipeline().allOutputs()) {
            TextDataset file = TextDataset.at(Storage.local(shapeDir.resolve(output + ".txt")));
            catalog.add(
                    output,
                    SlowDataset.wrap(file)
                            .loadDelay(runDelay)
                            .saveDelay(runDelay)
                            .build());
        }
        return catalog.build();
    }
}
