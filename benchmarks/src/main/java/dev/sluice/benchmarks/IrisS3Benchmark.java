package dev.sluice.benchmarks;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.examples.iris.IrisPipelines;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Iris example as it ships, with its intermediates on S3 ({@code --env s3}, no artificial delay),
 * against an {@link S3ProxyServer} in this JVM, under the sequential runner in every I/O mode.
 *
 * <p>The example's S3 catalog takes credentials from the AWS SDK's default chain; the benchmark sets the
 * SDK's system properties {@code aws.accessKeyId} and {@code aws.secretAccessKey} to the server's keys
 * while it runs, and restores them afterwards.
 */
final class IrisS3Benchmark {
    private static final String BUCKET = "sluice-iris";

    private final Path projectDir;
    private final S3ProxyServer server;
    private final int runs;
    private final PrintStream progress;

    /**
     * One timed run.
     *
     * @param wall {@code runner.run} as a whole
     * @param limit the run's compute on the DAG plus its last save, each save taking as long as it did
     * @param inSeries every node's compute, save and load of the run added up: what the run costs when it
     *     does one thing after another, as {@code sync} does
     * @param saves every save of a persisted output added up
     * @param loads every load added up
     * @param cpu the CPU time the process used during the run, the S3 server's included
     */
    record Sample(Duration wall, PhysicalLimit limit, Duration inSeries, Duration saves, Duration loads, Duration cpu) {
        double ratio() {
            return (double) wall.toNanos() / limit.limit().toNanos();
        }

        double utilisation() {
            return Cpu.utilisation(cpu, wall);
        }
    }

    /** Every timed run of one mode. */
    record ModeResult(IoMode mode, List<Sample> samples) {
        /** The run with the median wall time (the lower middle one for an even count). */
        Sample median() {
            List<Sample> sorted =
                    samples.stream().sorted(Comparator.comparing(Sample::wall)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    IrisS3Benchmark(Path projectDir, S3ProxyServer server, int runs, PrintStream progress) {
        this.projectDir = projectDir;
        this.server = server;
        this.runs = runs;
        this.progress = progress;
    }

    /** Runs one warm-up run per mode, then {@code runs} rounds of one run per mode; results in mode order. */
    List<ModeResult> run() {
        String bucket = server.createBucket(BUCKET);
        String oldKey = System.getProperty("aws.accessKeyId");
        String oldSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", server.accessKey());
        System.setProperty("aws.secretAccessKey", server.secret());
        try {
            for (IoMode mode : IoMode.values()) {
                progress.printf("iris-s3: warm-up, %s%n", mode);
                runOnce(mode, bucket);
            }
            Map<IoMode, List<Sample>> samples = new EnumMap<>(IoMode.class);
            for (int round = 1; round <= runs; round++) {
                for (IoMode mode : IoMode.values()) {
                    Sample sample = runOnce(mode, bucket);
                    samples.computeIfAbsent(mode, m -> new ArrayList<>()).add(sample);
                    progress.printf(
                            "iris-s3: %s, run %d of %d: %s ms (limit %s ms)%n",
                            mode,
                            round,
                            runs,
                            Format.millis(sample.wall()),
                            Format.millis(sample.limit().limit()));
                }
            }
            List<ModeResult> results = new ArrayList<>();
            samples.forEach((mode, list) -> results.add(new ModeResult(mode, List.copyOf(list))));
            return results;
        } finally {
            restore("aws.accessKeyId", oldKey);
            restore("aws.secretAccessKey", oldSecret);
        }
    }

    private Sample runOnce(IoMode mode, String bucket) {
        Project project = Project.at(projectDir)
                .registry(new IrisPipelines())
                .env("s3")
                .runtimeParams(Map.of("s3_endpoint", server.endpoint().toString(), "s3_bucket", bucket))
                .open();
        Pipeline pipeline = project.pipeline(PipelineRegistry.DEFAULT);
        DataCatalog catalog = project.catalog();
        RunTimings timings = new RunTimings(pipeline.inputs());
        Runner runner = Runner.builder()
                .sequential()
                .io(mode)
                .hooks(project.hooks())
                .hook(timings)
                .build();
        System.gc();
        long cpuStart = Cpu.processNanos();
        long start = System.nanoTime();
        runner.run(pipeline, catalog);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(Cpu.processNanos() - cpuStart);

        Map<String, Duration> saves = new HashMap<>();
        timings.saves().forEach((dataset, took) -> {
            if (catalog.entry(dataset)
                    .map(CatalogEntry::dataset)
                    .filter(d -> d.isPersistent())
                    .isPresent()) {
                saves.put(dataset, took);
            }
        });
        PhysicalLimit limit = PhysicalLimit.of(pipeline, timings.compute(), timings.freeInputLoads(), saves, 1)
                .withCpu(cpu, Cpu.cores());
        Duration saveTotal = saves.values().stream().reduce(Duration.ZERO, Duration::plus);
        Duration computeTotal = timings.compute().values().stream().reduce(Duration.ZERO, Duration::plus);
        Duration inSeries = computeTotal.plus(saveTotal).plus(timings.loadTotal());
        return new Sample(wall, limit, inSeries, saveTotal, timings.loadTotal(), cpu);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
