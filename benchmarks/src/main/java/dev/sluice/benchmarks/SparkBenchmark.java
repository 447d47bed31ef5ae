package dev.sluice.benchmarks;

import dev.sluice.benchmarks.SparkLimit.Phase;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.examples.spark.OrderPipelines;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.spark.SluiceSpark;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark example ({@code examples/spark}) at scale, on local disk or on S3 ({@link SparkStore}): {@code
 * sync} against {@code tee} against the physical limit ({@link SparkLimit}), all measured in each round of one
 * JVM.
 *
 * <p>A round times five things, each run in a directory of its own holding a copy of the example's {@code
 * conf/}, with its store emptied first: {@code sync}; {@code tee}; the tee with every write replaced by
 * Spark's no-op sink ({@link NoopSparkWrite}: each DataFrame computed once and persisted, as the tee does,
 * nothing written); every output the tee run committed, read back, cached, and written again through its
 * catalog entry into a fourth directory, one at a time (the writes alone, from memory); and every load the
 * {@code sync} run's consumers make, each alone (the reads a hand-off saves). The third and fourth give the
 * round's limit; the fifth bounds what any hand-off could gain over {@code sync}. The rounds share one Spark session, built from the example's {@code
 * spark.yml} before a warm-up round at a tenth of the size, so that neither the session's start nor the
 * JIT's first compilations fall in a timed run. Sequential runner, as {@code sluice run} uses by default.
 */
final class SparkBenchmark {
    static final String PROJECT = "examples/spark";
    private static final long MIN_WARM_UP_ROWS = 100_000;

    private final Path projectDir;
    private final Path scratch;
    private final SparkStore store;
    private final long rows;
    private final int runs;
    private final PrintStream progress;

    /**
     * One round.
     *
     * @param sync the {@code sync} run
     * @param tee the {@code tee} run
     * @param limit the round's limit, from its compute-only run and writes
     * @param writes each output written alone, by dataset, in the pipeline's order
     * @param reads every load the {@code sync} run's consumers make, each alone, added up
     * @param stored the bytes of every file or object each output left in the store in the tee run, by dataset
     */
    record Round(
            Phase sync, Phase tee, SparkLimit limit, Map<String, Phase> writes, Phase reads, Map<String, Long> stored) {
        double teeRatio() {
            return limit.ratio(tee.wall());
        }

        double syncRatio() {
            return limit.ratio(sync.wall());
        }

        double speedUp() {
            return (double) sync.wall().toNanos() / tee.wall().toNanos();
        }

        /**
         * The fastest a run could be that did all {@code sync} does but its loads, each consumer taking the output
         * from memory at no cost: {@code sync}'s CPU time less the loads', over the cores. A bound while {@code
         * sync} keeps the cores busy.
         */
        Duration withoutReads(int cores) {
            return sync.cpu().minus(reads.cpu()).dividedBy(cores);
        }

        long bytesStored() {
            return stored.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Every timed round.
     *
     * @param store where the runs kept the outputs, as the report names it
     */
    record Result(long rows, String store, List<Round> rounds) {
        /** The round with the median {@code tee} ratio (the lower middle one for an even count). */
        Round median() {
            List<Round> sorted = rounds.stream()
                    .sorted(Comparator.comparingDouble(Round::teeRatio))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    SparkBenchmark(Path projectDir, Path scratch, SparkStore store, long rows, int runs, PrintStream progress) {
        this.projectDir = projectDir;
        this.scratch = scratch;
        this.store = store;
        this.rows = rows;
        this.runs = runs;
        this.progress = progress;
    }

    /** Builds the session, runs a warm-up round, then {@code runs} timed rounds. */
    Result run() {
        Path sync = copyConf("sync");
        Path tee = copyConf("tee");
        Path computeOnly = copyConf("compute-only");
        Path writes = copyConf("writes");
        SparkSession spark = startSession(tee);
        try {
            long warmUp = Math.max(Math.min(rows, MIN_WARM_UP_ROWS), rows / 10);
            progress.printf("spark: warm-up round, %,d rows%n", warmUp);
            round(warmUp, sync, tee, computeOnly, writes, spark);
            List<Round> rounds = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Round round = round(rows, sync, tee, computeOnly, writes, spark);
                rounds.add(round);
                progress.printf(
                        "spark (%s): round %d of %d: sync %s s, tee %s s, compute only %s s, writes alone %s s;"
                                + " tee %s× its limit, %s× faster than sync; %s MiB stored%n",
                        store.label(),
                        i,
                        runs,
                        Format.seconds(round.sync().wall()),
                        Format.seconds(round.tee().wall()),
                        Format.seconds(round.limit().computeOnly().wall()),
                        Format.seconds(round.limit().writesAlone().wall()),
                        Format.ratio(round.teeRatio()),
                        Format.ratio(round.speedUp()),
                        round.bytesStored() >> 20);
            }
            return new Result(rows, store.label(), List.copyOf(rounds));
        } finally {
            SluiceSpark.use(spark);
            SluiceSpark.stop();
            spark.stop();
        }
    }

    private Round round(long rows, Path syncDir, Path teeDir, Path computeDir, Path writesDir, SparkSession spark) {
        Phase sync = timedRun(spark, syncDir, rows, IoMode.SYNC, false);
        Phase tee = timedRun(spark, teeDir, rows, IoMode.TEE, false);
        Phase computeOnly = timedRun(spark, computeDir, rows, IoMode.TEE, true);
        SluiceSpark.use(spark);
        Project written = open(teeDir, rows);
        Map<String, Long> stored = new LinkedHashMap<>();
        for (String output : persistedOutputs(written)) {
            stored.put(
                    output,
                    store.bytesUnder(String.valueOf(
                            written.catalog().dataset(output).describe().get("filepath"))));
        }
        Map<String, Phase> writes = writeAlone(written, open(writesDir, rows), spark);
        Phase writeTotal = writes.values().stream().reduce(Phase.ZERO, Phase::plus);
        SparkLimit limit = SparkLimit.of(computeOnly, writeTotal, Cpu.cores());
        return new Round(sync, tee, limit, writes, readAlone(written, spark), stored);
    }

    /**
     * The session every round uses, built from the example's {@code spark.yml} (opening the project gives
     * it to Sluice); given back to Sluice before each run, so that Sluice does not stop it.
     */
    private static SparkSession startSession(Path projectDir) {
        open(projectDir, MIN_WARM_UP_ROWS);
        SparkSession spark = SluiceSpark.session();
        SluiceSpark.use(spark);
        return spark;
    }

    private static Project open(Path dir, long rows) {
        return Project.at(dir)
                .registry(new OrderPipelines())
                .runtimeParams(Map.of("rows", rows))
                .open();
    }

    /**
     * Times one run of the example's pipeline in {@code dir}, its store emptied first, with the session given back to
     * Sluice and its cache empty; {@code noWrites} replaces every Spark entry by a no-op write.
     */
    private Phase timedRun(SparkSession spark, Path dir, long rows, IoMode mode, boolean noWrites) {
        store.clear(dir);
        SluiceSpark.use(spark);
        spark.catalog().clearCache();
        Project project = open(dir, rows);
        Pipeline pipeline = project.pipeline(PipelineRegistry.DEFAULT);
        DataCatalog catalog = project.catalog();
        if (noWrites) {
            for (String output : pipeline.allOutputs()) {
                catalog.entry(output)
                        .ifPresent(entry -> catalog.put(new CatalogEntry(
                                entry.name(), NoopSparkWrite.replacing(entry.dataset()), entry.tee(), entry.source())));
            }
        }
        Runner runner =
                Runner.builder().sequential().io(mode).hooks(project.hooks()).build();
        return timed(spark, () -> runner.run(pipeline, catalog));
    }

    /**
     * Writes every persisted output of {@code from}'s catalog into {@code to}'s, one at a time, each read
     * back and cached first (untimed), so that a write costs only its encoding and storing.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Phase> writeAlone(Project from, Project to, SparkSession spark) {
        store.clear(to.dir());
        Map<String, Phase> writes = new LinkedHashMap<>();
        for (String output : persistedOutputs(from)) {
            org.apache.spark.sql.Dataset<Row> frame = ((org.apache.spark.sql.Dataset<Row>)
                            from.catalog().load(output))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            frame.count();
            try {
                writes.put(output, timed(spark, () -> to.catalog().save(output, frame)));
            } finally {
                frame.unpersist(true);
            }
        }
        return writes;
    }

    /**
     * Loads every persisted output once for each node that takes it, as the {@code sync} run's consumers do, and
     * runs each load alone through Spark's {@code noop} sink: every column read and decoded, nothing kept.
     * Consumers read only the columns they use, so this is at least what {@code sync}'s loads cost.
     */
    private static Phase readAlone(Project project, SparkSession spark) {
        List<String> persisted = persistedOutputs(project);
        Phase reads = Phase.ZERO;
        for (Node node : project.pipeline(PipelineRegistry.DEFAULT).nodes()) {
            for (String input : node.inputs()) {
                if (persisted.contains(input)) {
                    reads = reads.plus(timed(spark, () -> ((org.apache.spark.sql.Dataset<?>)
                                    project.catalog().load(input))
                            .write()
                            .format("noop")
                            .mode("overwrite")
                            .save()));
                }
            }
        }
        return reads;
    }

    /** The outputs of the example's nodes that its catalog persists, in the order the nodes run. */
    private static List<String> persistedOutputs(Project project) {
        List<String> outputs = new ArrayList<>();
        for (Node node : project.pipeline(PipelineRegistry.DEFAULT).nodes()) {
            for (String output : node.outputs()) {
                if (project.catalog().entry(output).isPresent()) {
                    outputs.add(output);
                }
            }
        }
        return outputs;
    }

    /** The wall and CPU time of {@code run}, and the Spark jobs it ran. */
    private static Phase timed(SparkSession spark, Runnable run) {
        // Garbage of the previous run should not be collected inside this one.
        System.gc();
        SparkJobs jobs = SparkJobs.listen(spark.sparkContext());
        long cpuStart = Cpu.processNanos();
        long start = System.nanoTime();
        run.run();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(Cpu.processNanos() - cpuStart);
        return new Phase(wall, cpu, jobs.stop());
    }

    /** A directory {@code name} under the scratch directory with a copy of the example's {@code conf/}. */
    private Path copyConf(String name) {
        Path target = scratch.resolve(name);
        Path conf = projectDir.resolve("conf");
        try (Stream<Path> files = Files.walk(conf)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(projectDir.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + conf + " to " + target, e);
        }
        store.prepare(target);
        return target;
    }
}
