package dev.sluice.benchmarks;

import dev.sluice.benchmarks.StorageBenchmark.ConfigResult;
import dev.sluice.benchmarks.StorageBenchmark.Result;
import dev.sluice.benchmarks.StorageBenchmark.Sample;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Renders the storage suite's and the Iris-on-S3 results as Markdown. */
final class StorageReport {
    private StorageReport() {}

    /** One store's table, with its heading, the store's measured throughput and what the columns mean. */
    static String table(Result result, int runs, int workers) {
        int bytes = Math.toIntExact(result.bytesPerOutput());
        Pipeline pipeline = StorageBenchmark.pipeline(bytes);
        long written = (long) StorageBenchmark.OUTPUTS.size() * bytes;
        long read = loadsOfStoredInputs(pipeline) * (long) bytes;
        StoreThroughput throughput = result.throughput();
        int probes = throughput.samples();

        StringBuilder out = new StringBuilder();
        out.append("### Large intermediates on ")
                .append(result.store().name())
                .append(" (")
                .append(result.store().where())
                .append("): ")
                .append(StorageBenchmark.OUTPUTS.size())
                .append(" nodes, ")
                .append(StorageBenchmark.OUTPUTS.size())
                .append(" `bytes` outputs of ")
                .append(mib(bytes))
                .append(", ")
                .append(mib(written))
                .append(" written per run\n\n");
        out.append("Store alone, through `BytesDataset` with ")
                .append(mib(bytes))
                .append(" objects, measured ")
                .append(probes)
                .append(" times between the runs (best / median): write one at a time ")
                .append(Format.mibPerSecond(throughput.bestSerialWrite()))
                .append(" / ")
                .append(Format.mibPerSecond(throughput.medianSerialWrite()))
                .append(" MiB/s; ")
                .append(throughput.streams())
                .append(" at once ")
                .append(Format.mibPerSecond(throughput.bestConcurrentWrite()))
                .append(" / ")
                .append(Format.mibPerSecond(throughput.medianConcurrentWrite()))
                .append(" MiB/s in all; read ")
                .append(Format.mibPerSecond(throughput.bestRead()))
                .append(" / ")
                .append(Format.mibPerSecond(throughput.medianRead()))
                .append(" MiB/s.\n\n");

        out.append(Report.row(List.of(
                "runner",
                "mode",
                "wall (ms)",
                "limit (ms)",
                "ratio",
                "limit set by",
                "ratio at median W",
                "CPU",
                "compute (ms)",
                "saves (ms)",
                "loads (ms)",
                "`sync` limit (ms)")));
        out.append(Report.row(
                List.of("---", "---", "--:", "--:", "--:", "---", "--:", "--:", "--:", "--:", "--:", "--:")));
        for (ConfigResult config : result.configs()) {
            Sample run = config.median();
            out.append(Report.row(List.of(
                    config.config().runner(workers),
                    "`" + config.config().mode() + "`",
                    Format.millis(run.wall()),
                    Format.millis(run.limit().limit()),
                    Format.ratio(run.ratio()),
                    run.limit().setBy().toString(),
                    Format.ratio(run.typicalRatio()),
                    Format.percent(run.utilisation()),
                    Format.millis(run.compute()),
                    Format.millis(run.run().saves()),
                    Format.millis(run.run().loads()),
                    config.config().mode() == IoMode.SYNC ? Format.millis(run.syncLimit()) : "—")));
        }
        out.append('\n')
                .append(
                        runs == 1
                                ? "One run per configuration"
                                : "Per configuration, the run with the median ratio of " + runs)
                .append(", after a warm-up run of each with ")
                .append(mib(Math.min(bytes, StorageBenchmark.WARM_UP_BYTES)))
                .append(" outputs. Limit: what the store allows, with W = ")
                .append(Format.mibPerSecond(throughput.bestWrite()))
                .append(" MiB/s (the best write rate above): the largest of the critical path (compute, then the")
                .append(" last output's save at W), the compute shared by the workers, and the write bound (each")
                .append(" output saved no earlier than its node ends, all ")
                .append(mib(written))
                .append(" at W), and the run's CPU time over the ")
                .append(Cpu.cores())
                .append(" cores. Ratio: wall / limit. Ratio at median W: the same with W = ")
                .append(Format.mibPerSecond(throughput.medianWrite()))
                .append(" MiB/s, the better median write rate, what the store usually gives. CPU: the process's CPU")
                .append(" time over wall time × cores (the S3 server's included: it runs in the same JVM).")
                .append(" Compute, saves, loads: the run's node, save and load times")
                .append(" added up (under `tee` the saves overlap each other and compute). `sync` limit: what")
                .append(" `sync` must do one thing after another, each at the best rate above: the compute, ")
                .append(mib(written))
                .append(" written one at a time, and ")
                .append(mib(read))
                .append(" read back.\n");
        speedUp(result.configs(), false).ifPresent(sequential -> {
            out.append("\n`tee` over `sync`: ").append(sequential).append(" on the sequential runner");
            speedUp(result.configs(), true)
                    .ifPresent(parallel -> out.append(", ").append(parallel).append(" on the parallel runner"));
            out.append(" (wall time of the rows above).\n");
        });
        return out.toString();
    }

    /** The Iris-on-S3 table, with its heading and what the columns mean. */
    static String irisTable(String where, List<IrisS3Benchmark.ModeResult> results, int runs) {
        StringBuilder out = new StringBuilder();
        out.append("### Iris (`examples/iris`, `--env s3`) on ")
                .append(where)
                .append(": sequential runner, 4 nodes, 6 intermediates of a few KB, no delay\n\n");
        out.append(Report.row(List.of(
                "mode",
                "wall (ms)",
                "limit (ms)",
                "ratio",
                "CPU",
                "compute on path (ms)",
                "saves (ms)",
                "loads (ms)",
                "speed-up over `sync`")));
        out.append(Report.row(List.of("---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:")));
        Duration syncWall = results.stream()
                .filter(r -> r.mode() == IoMode.SYNC)
                .map(r -> r.median().wall())
                .findFirst()
                .orElse(null);
        for (IrisS3Benchmark.ModeResult result : results) {
            IrisS3Benchmark.Sample run = result.median();
            out.append(Report.row(List.of(
                    "`" + result.mode() + "`",
                    Format.millis(run.wall()),
                    Format.millis(run.limit().limit()),
                    Format.ratio(run.ratio()),
                    Format.percent(run.utilisation()),
                    Format.millis(run.limit().pathCompute()),
                    Format.millis(run.saves()),
                    Format.millis(run.loads()),
                    syncWall == null ? "—" : times(ratio(syncWall, run.wall())))));
        }
        out.append('\n')
                .append(runs == 1 ? "One run per mode" : "Per mode, the run with the median wall time of " + runs)
                .append(", after a warm-up run of each mode. Limit: the run's compute on the critical path plus")
                .append(" its last save, that save taking as long as it took in the run, or the run's CPU time over")
                .append(" the cores if that is longer. CPU: the process's CPU time over wall time × cores, the S3")
                .append(" server's included. Saves: the six saves'")
                .append(" times added up; loads: every load's, `iris.csv` from local disk included.\n");
        return out.toString();
    }

    /**
     * The tee's speed-up over sync on the sequential runner, side by side for every workload measured,
     * next to the speed-up the limits predict.
     */
    static String comparison(List<Result> stores, List<IrisS3Benchmark.ModeResult> iris) {
        StringBuilder out = new StringBuilder();
        out.append("### `tee` over `sync`, sequential runner\n\n");
        out.append(
                Report.row(List.of("workload", "`sync` (ms)", "`tee` (ms)", "speed-up", "`sync` limit ÷ `tee` limit")));
        out.append(Report.row(List.of("---", "--:", "--:", "--:", "--:")));
        for (Result store : stores) {
            Optional<Sample> sync = sample(store.configs(), false, IoMode.SYNC);
            Optional<Sample> tee = sample(store.configs(), false, IoMode.TEE);
            if (sync.isPresent() && tee.isPresent()) {
                out.append(Report.row(List.of(
                        StorageBenchmark.OUTPUTS.size() + " × " + mib(store.bytesPerOutput()) + " on "
                                + store.store().name(),
                        Format.millis(sync.get().wall()),
                        Format.millis(tee.get().wall()),
                        times(ratio(sync.get().wall(), tee.get().wall())),
                        times(ratio(sync.get().syncLimit(), tee.get().limit().limit())))));
            }
        }
        Optional<IrisS3Benchmark.Sample> irisSync = irisSample(iris, IoMode.SYNC);
        Optional<IrisS3Benchmark.Sample> irisTee = irisSample(iris, IoMode.TEE);
        if (irisSync.isPresent() && irisTee.isPresent()) {
            out.append(Report.row(List.of(
                    "Iris on S3",
                    Format.millis(irisSync.get().wall()),
                    Format.millis(irisTee.get().wall()),
                    times(ratio(irisSync.get().wall(), irisTee.get().wall())),
                    times(ratio(irisSync.get().inSeries(), irisTee.get().limit().limit())))));
        }
        out.append("\nSpeed-up: `sync`'s wall time over `tee`'s, from the rows above. `sync` limit ÷ `tee` limit:")
                .append(" what the speed-up would be if both modes reached their limits; for the large intermediates")
                .append(" the `sync` limit is the table's, for Iris it is the `sync` run's compute, saves and loads")
                .append(" added up, and the `tee` limit is the `tee` row's.\n");
        return out.toString();
    }

    /** How many loads of a stored dataset {@code sync} makes: one per consuming node and distinct input. */
    static long loadsOfStoredInputs(Pipeline pipeline) {
        long loads = 0;
        for (Node node : pipeline.nodes()) {
            for (String input : new LinkedHashSet<>(node.inputs())) {
                if (StorageBenchmark.OUTPUTS.contains(input)) {
                    loads++;
                }
            }
        }
        return loads;
    }

    private static Optional<String> speedUp(List<ConfigResult> configs, boolean parallel) {
        Optional<Sample> sync = sample(configs, parallel, IoMode.SYNC);
        Optional<Sample> tee = sample(configs, parallel, IoMode.TEE);
        if (sync.isEmpty() || tee.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(times(ratio(sync.get().wall(), tee.get().wall())));
    }

    private static Optional<Sample> sample(List<ConfigResult> configs, boolean parallel, IoMode mode) {
        return configs.stream()
                .filter(c -> c.config().parallel() == parallel && c.config().mode() == mode)
                .map(ConfigResult::median)
                .findFirst();
    }

    private static Optional<IrisS3Benchmark.Sample> irisSample(List<IrisS3Benchmark.ModeResult> iris, IoMode mode) {
        return iris.stream()
                .filter(r -> r.mode() == mode)
                .map(IrisS3Benchmark.ModeResult::median)
                .findFirst();
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / b.toNanos();
    }

    private static String times(double ratio) {
        return Format.ratio(ratio) + "×";
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
