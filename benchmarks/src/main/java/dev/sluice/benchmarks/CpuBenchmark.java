package dev.sluice.benchmarks;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.datasets.json.JsonDataset;
import dev.sluice.io.BytesDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The {@code cpu} suite: does the tee stay at or ahead of {@code cache} on local disk when its
 * background saves compete with the nodes for the cores, and would saving on fewer threads, or at a
 * lower thread priority, help? Two workloads on local disk, each under the sequential and the parallel
 * runner: the storage suite's diamond of {@code bytes} outputs (saves that copy and sync, no encoding),
 * and a fan-out whose nodes compute and whose outputs are encoded as JSON (saves that cost as much CPU
 * as the nodes). Every run's limit counts its CPU time over the cores.
 */
final class CpuBenchmark {
    /** Branches of the JSON workload. */
    static final int BRANCHES = 8;
    /** Doubles in each output of the JSON workload: about 10 MB of JSON each. */
    static final int JSON_VALUES = 500_000;
    /** Logistic-map steps per value in the JSON workload's nodes. */
    static final int STEPS = 40;

    /** How a run saves: one of the two modes compared, or the tee with a change to its saves. */
    enum Variant {
        CACHE("`cache`"),
        TEE("`tee`"),
        TEE_ONE_SAVE("`tee`, one save at a time"),
        TEE_LOW_PRIORITY("`tee`, saves at low priority");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A pipeline and the catalog of each of its runs. */
    record Workload(String name, Pipeline pipeline, Function<Path, DataCatalog> catalog) {}

    /** A runner and a variant. */
    record Config(boolean parallel, Variant variant) {
        String runner(int workers) {
            return parallel ? "parallel (" + workers + ")" : "sequential";
        }
    }

    /**
     * What one run measured.
     *
     * @param compute each node's compute time
     * @param saves each persisted output's save time
     * @param cpu the CPU time the process used during the run
     */
    record Measured(Duration wall, Duration cpu, Map<String, Duration> compute, Map<String, Duration> saves) {
        Duration computeTotal() {
            return compute.values().stream().reduce(Duration.ZERO, Duration::plus);
        }

        Duration saveTotal() {
            return saves.values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /**
     * One timed run and its limit.
     *
     * @param limit what the round's work allows: the critical path, the compute shared by the workers, and
     *     the CPU time over the cores, from the costs of the round's sequential {@code cache} run, where
     *     every node computes and every save runs with nothing else of the run beside it
     */
    record Sample(Measured run, PhysicalLimit limit) {
        Duration wall() {
            return run.wall();
        }

        double ratio() {
            return (double) run.wall().toNanos() / limit.limit().toNanos();
        }

        double utilisation() {
            return Cpu.utilisation(run.cpu(), run.wall());
        }
    }

    /** Every timed run of one configuration. */
    record Result(Config config, List<Sample> samples) {
        /** The run with the median wall time (the lower middle one for an even count). */
        Sample median() {
            List<Sample> sorted =
                    samples.stream().sorted(Comparator.comparing(Sample::wall)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    private final int runs;
    private final int workers;
    private final PrintStream progress;

    CpuBenchmark(int runs, int workers, PrintStream progress) {
        this.runs = runs;
        this.workers = workers;
        this.progress = progress;
    }

    /** The storage suite's diamond, {@code bytes} outputs of {@code bytes} bytes each. */
    static Workload bytesDiamond(int bytes) {
        return new Workload(
                "storage diamond, 5 `bytes` outputs of " + (bytes >> 20) + " MiB",
                StorageBenchmark.pipeline(bytes),
                dir -> {
                    DataCatalog.Builder catalog = DataCatalog.builder();
                    for (String output : StorageBenchmark.OUTPUTS) {
                        catalog.add(output, BytesDataset.at(Storage.local(dir.resolve(output + ".bin"))));
                    }
                    return catalog.build();
                });
    }

    /** A source and {@link #BRANCHES} branches, each computing {@code values} doubles saved as JSON. */
    static Workload jsonFanOut(int values) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(Node.named("source").outputs("source").fn(() -> compute(null, 1, values)));
        List<String> outputs = new ArrayList<>(List.of("source"));
        for (int i = 0; i < BRANCHES; i++) {
            int seed = i + 2;
            String output = "branch_" + i;
            nodes.add(Node.named("compute_" + i)
                    .inputs("source")
                    .outputs(output)
                    .fn((double[] source) -> compute(source, seed, values)));
            outputs.add(output);
        }
        return new Workload(
                "fan-out of " + BRANCHES + ", " + (BRANCHES + 1) + " JSON outputs of " + values + " doubles",
                Pipeline.of(nodes),
                dir -> {
                    DataCatalog.Builder catalog = DataCatalog.builder();
                    for (String output : outputs) {
                        catalog.add(
                                output, JsonDataset.at(Storage.local(dir.resolve(output + ".json")), double[].class));
                    }
                    return catalog.build();
                });
    }

    /** {@code values} doubles, {@link #STEPS} steps of the logistic map each, plus the input's values. */
    static double[] compute(double[] input, int seed, int values) {
        double[] out = new double[values];
        double x = 0.1 + seed * 1e-3;
        for (int i = 0; i < values; i++) {
            for (int step = 0; step < STEPS; step++) {
                x = 3.9 * x * (1 - x);
            }
            out[i] = input == null ? x : x + input[i % input.length];
        }
        return out;
    }

    /** The configurations: each variant on the sequential runner, then on the parallel one. */
    static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        for (boolean parallel : List.of(false, true)) {
            for (Variant variant : Variant.values()) {
                configs.add(new Config(parallel, variant));
            }
        }
        return List.copyOf(configs);
    }

    /**
     * One warm-up run of every configuration, then {@code runs} rounds of one run of each. Each round
     * starts with the sequential {@code cache} run, whose costs give the limit of every run of the round.
     */
    List<Result> run(Workload workload, Path dir) {
        progress.printf("cpu, %s: warm-up%n", workload.name());
        for (Config config : configs()) {
            runOnce(workload, config, dir);
        }
        Config calibration = configs().get(0);
        Map<Config, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= runs; round++) {
            Map<Config, Measured> measured = new LinkedHashMap<>();
            for (Config config : configs()) {
                measured.put(config, runOnce(workload, config, dir));
            }
            Measured costs = measured.get(calibration);
            for (Map.Entry<Config, Measured> entry : measured.entrySet()) {
                Config config = entry.getKey();
                PhysicalLimit limit = PhysicalLimit.of(
                                workload.pipeline(),
                                costs.compute(),
                                Map.of(),
                                costs.saves(),
                                config.parallel() ? workers : 1)
                        .withCpu(costs.cpu(), Cpu.cores());
                Sample sample = new Sample(entry.getValue(), limit);
                samples.computeIfAbsent(config, c -> new ArrayList<>()).add(sample);
                progress.printf(
                        "cpu, %s: %s, %s, run %d of %d: %s ms (limit %s ms, CPU %s)%n",
                        workload.name(),
                        config.runner(workers),
                        config.variant(),
                        round,
                        runs,
                        Format.millis(sample.wall()),
                        Format.millis(limit.limit()),
                        Format.percent(sample.utilisation()));
            }
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((config, list) -> results.add(new Result(config, List.copyOf(list))));
        return results;
    }

    private Measured runOnce(Workload workload, Config config, Path dir) {
        Runner.Builder builder = config.parallel() ? Runner.builder().parallel(workers) : Runner.builder();
        builder.io(config.variant() == Variant.CACHE ? IoMode.CACHE : IoMode.TEE);
        if (config.variant() == Variant.TEE_ONE_SAVE) {
            builder.storeConcurrency(1);
        }
        ExecutorService lowPriority = null;
        if (config.variant() == Variant.TEE_LOW_PRIORITY) {
            lowPriority = Executors.newCachedThreadPool(ThreadPriorities.lowPriorityThreads("low-priority-save"));
            builder.ioExecutor(lowPriority);
        }
        RunTimings timings = new RunTimings(workload.pipeline().inputs());
        Runner runner = builder.hook(timings).build();
        DataCatalog catalog = workload.catalog().apply(dir);
        try {
            System.gc();
            long cpuStart = Cpu.processNanos();
            long start = System.nanoTime();
            runner.run(workload.pipeline(), catalog);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration cpu = Duration.ofNanos(Cpu.processNanos() - cpuStart);
            return new Measured(wall, cpu, Map.copyOf(timings.compute()), Map.copyOf(timings.saves()));
        } finally {
            if (lowPriority != null) {
                lowPriority.shutdown();
            }
        }
    }
}
