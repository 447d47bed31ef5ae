package dev.sluice.benchmarks;

import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.BytesDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Large intermediates on a real store: a five-node diamond whose every output is {@code size} bytes,
 * saved as-is ({@code bytes} dataset type) to one store, timed under several runners and I/O modes, and
 * divided by what the store's measured write throughput allows ({@link StorageLimit}).
 *
 * <p>The store's throughput is measured through the same datasets: {@value #FIRST_PROBES} times before
 * the runs, and once more at the start of every round, so that the measurements see the machine as the
 * runs do. Each configuration runs once at a smaller size (the JIT warms up); then {@code runs} rounds
 * run every configuration once, interleaved so that drift in the machine's speed touches them alike.
 * Limits are computed at the end, from the best rates of all the measurements.
 */
final class StorageBenchmark {
    /** The persisted outputs, in the order the nodes produce them. */
    static final List<String> OUTPUTS = List.of("raw", "scrambled", "masked", "merged", "encoded");

    /** The size of the warm-up runs' outputs, or less when the outputs are smaller. */
    static final int WARM_UP_BYTES = 16 << 20;

    private static final int FIRST_PROBES = 3;

    private final Store store;
    private final int bytes;
    private final int runs;
    private final int workers;
    private final PrintStream progress;

    /**
     * A store the suite writes to.
     *
     * @param name the store's name in the report, e.g. {@code local disk}
     * @param where where the files go, in words for the report
     * @param root the directory or prefix under which each output is a file {@code <name>.bin}
     */
    record Store(String name, String where, Location root) {
        Location location(String dataset) {
            return root.resolve(dataset + ".bin");
        }
    }

    /** A runner and an I/O mode. */
    record Config(boolean parallel, IoMode mode) {
        String runner(int workers) {
            return parallel ? "parallel (" + workers + ")" : "sequential";
        }
    }

    /**
     * What one run measured, before any limit is computed.
     *
     * @param wall {@code runner.run} as a whole
     * @param compute each node's compute time
     * @param freeInputLoads each free input's load time
     * @param written the bytes stored for each output
     * @param saves every save's time added up (in the background under {@code tee})
     * @param loads every load's time added up
     * @param cpu the CPU time the process used during the run, every thread's
     */
    record Measured(
            Duration wall,
            Map<String, Duration> compute,
            Map<String, Duration> freeInputLoads,
            Map<String, Long> written,
            Duration saves,
            Duration loads,
            Duration cpu) {}

    /**
     * One timed run with its limits.
     *
     * @param limit what the store's write throughput and the run's compute allow, at the best write rate
     *     measured
     * @param typicalLimit the same at the median write rate: what the store usually allows
     * @param syncLimit the run's compute, writes and reads one after another at the best measured rates:
     *     the limit of a run that does its I/O in series, as {@code sync} on the sequential runner does
     */
    record Sample(Measured run, StorageLimit limit, StorageLimit typicalLimit, Duration syncLimit) {
        Duration wall() {
            return run.wall();
        }

        Duration compute() {
            return run.compute().values().stream().reduce(Duration.ZERO, Duration::plus);
        }

        double ratio() {
            return (double) run.wall().toNanos() / limit.limit().toNanos();
        }

        double typicalRatio() {
            return (double) run.wall().toNanos() / typicalLimit.limit().toNanos();
        }

        double utilisation() {
            return Cpu.utilisation(run.cpu(), run.wall());
        }
    }

    /** Every timed run of one configuration. */
    record ConfigResult(Config config, List<Sample> samples) {
        /** The run with the median ratio (the lower middle one for an even count). */
        Sample median() {
            List<Sample> sorted = samples.stream()
                    .sorted(Comparator.comparingDouble(Sample::ratio))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    /** What one store's benchmark found. */
    record Result(Store store, long bytesPerOutput, StoreThroughput throughput, List<ConfigResult> configs) {}

    StorageBenchmark(Store store, int bytes, int runs, int workers, PrintStream progress) {
        this.store = store;
        this.bytes = bytes;
        this.runs = runs;
        this.workers = workers;
        this.progress = progress;
    }

    /** The pipeline: {@code raw} feeds two branches, which {@code merge} joins, and {@code encode} ends. */
    static Pipeline pipeline(int bytes) {
        return Pipeline.of(
                Node.named("generate").outputs("raw").fn(() -> StorageNodes.generate(bytes)),
                Node.named("scramble").inputs("raw").outputs("scrambled").fn(StorageNodes::scramble),
                Node.named("mask").inputs("raw").outputs("masked").fn(StorageNodes::mask),
                Node.named("merge")
                        .inputs("scrambled", "masked")
                        .outputs("merged")
                        .fn(StorageNodes::merge),
                Node.named("encode").inputs("merged").outputs("encoded").fn(StorageNodes::encode));
    }

    /** The configurations timed: every mode on the sequential runner, then sync and tee on the parallel one. */
    static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        for (IoMode mode : IoMode.values()) {
            configs.add(new Config(false, mode));
        }
        configs.add(new Config(true, IoMode.SYNC));
        configs.add(new Config(true, IoMode.TEE));
        return List.copyOf(configs);
    }

    /** Measures the store, then runs the benchmark. */
    Result run() {
        progress.printf("storage, %s: measuring the store with %d MiB objects%n", store.name(), bytes >> 20);
        List<Location> locations = OUTPUTS.stream().map(store::location).toList();
        byte[] probe = StorageNodes.generate(bytes);
        StoreThroughput throughput = StoreThroughput.measure(locations, probe, FIRST_PROBES, true);
        report(throughput);

        Pipeline warmUp = pipeline(Math.min(bytes, WARM_UP_BYTES));
        for (Config config : configs()) {
            progress.printf("storage, %s: warm-up, %s, %s%n", store.name(), config.runner(workers), config.mode());
            runOnce(warmUp, config);
        }
        Pipeline pipeline = pipeline(bytes);
        Map<Config, List<Measured>> measured = new LinkedHashMap<>();
        for (int round = 1; round <= runs; round++) {
            throughput = throughput.plus(StoreThroughput.measure(locations, probe, 1, false));
            for (Config config : configs()) {
                Measured run = runOnce(pipeline, config);
                measured.computeIfAbsent(config, c -> new ArrayList<>()).add(run);
                progress.printf(
                        "storage, %s: %s, %s, run %d of %d: %s ms (CPU %s)%n",
                        store.name(),
                        config.runner(workers),
                        config.mode(),
                        round,
                        runs,
                        Format.millis(run.wall()),
                        Format.percent(Cpu.utilisation(run.cpu(), run.wall())));
            }
        }
        report(throughput);
        List<ConfigResult> results = new ArrayList<>();
        for (Map.Entry<Config, List<Measured>> entry : measured.entrySet()) {
            List<Sample> samples = new ArrayList<>();
            for (Measured run : entry.getValue()) {
                samples.add(sample(pipeline, entry.getKey(), run, throughput));
            }
            results.add(new ConfigResult(entry.getKey(), List.copyOf(samples)));
        }
        return new Result(store, bytes, throughput, List.copyOf(results));
    }

    private Sample sample(Pipeline pipeline, Config config, Measured run, StoreThroughput throughput) {
        int nodeWorkers = config.parallel() ? workers : 1;
        StorageLimit limit = StorageLimit.of(
                        pipeline,
                        run.compute(),
                        run.freeInputLoads(),
                        run.written(),
                        throughput.bestWrite(),
                        nodeWorkers)
                .withCpu(run.cpu(), Cpu.cores());
        StorageLimit typical = StorageLimit.of(
                        pipeline,
                        run.compute(),
                        run.freeInputLoads(),
                        run.written(),
                        throughput.medianWrite(),
                        nodeWorkers)
                .withCpu(run.cpu(), Cpu.cores());
        Duration syncLimit = StorageLimit.inSeries(
                pipeline, run.compute(), run.written(), throughput.bestSerialWrite(), throughput.bestRead());
        return new Sample(run, limit, typical, syncLimit);
    }

    private void report(StoreThroughput throughput) {
        progress.printf(
                "storage, %s: write %s MiB/s alone, %s MiB/s with %d at once; read %s MiB/s (best of %d)%n",
                store.name(),
                Format.mibPerSecond(throughput.bestSerialWrite()),
                Format.mibPerSecond(throughput.bestConcurrentWrite()),
                throughput.streams(),
                Format.mibPerSecond(throughput.bestRead()),
                throughput.samples());
    }

    private Measured runOnce(Pipeline pipeline, Config config) {
        DataCatalog.Builder catalog = DataCatalog.builder();
        for (String output : OUTPUTS) {
            catalog.add(output, BytesDataset.at(store.location(output)));
        }
        RunTimings timings = new RunTimings(pipeline.inputs());
        Runner.Builder runner = Runner.builder();
        if (config.parallel()) {
            runner.parallel(workers);
        } else {
            runner.sequential();
        }
        Runner built = runner.io(config.mode()).hook(timings).build();
        // Garbage from the previous run, hundreds of megabytes of it, should not be collected inside this one.
        System.gc();
        long cpuStart = Cpu.processNanos();
        long start = System.nanoTime();
        built.run(pipeline, catalog.build());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(Cpu.processNanos() - cpuStart);

        Map<String, Long> written = new LinkedHashMap<>();
        for (String output : OUTPUTS) {
            written.put(output, sizeOf(output, store.location(output)));
        }
        return new Measured(
                wall,
                timings.compute(),
                timings.freeInputLoads(),
                written,
                timings.saveTotal(),
                timings.loadTotal(),
                cpu);
    }

    private static long sizeOf(String dataset, Location location) {
        try {
            long size = location.size();
            if (size < 0) {
                throw new DatasetException(
                        dataset,
                        "The run saved dataset '" + dataset + "' but left nothing at " + location.uri()
                                + "; the store lost the write.");
            }
            return size;
        } catch (IOException e) {
            throw new DatasetException(
                    dataset, "Cannot read the size of dataset '" + dataset + "' at " + location.uri() + ": " + e, e);
        }
    }
}
