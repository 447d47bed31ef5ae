package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.cli.Main;
import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import dev.sluice.runner.SaveState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed Spark writes fail the run naming the dataset; the manifest and {@code --resume} across Spark datasets. */
class SparkRunFailureTest {
    @TempDir
    Path project;

    private SparkSession spark;

    @BeforeEach
    void setUp() {
        spark = LocalSpark.session();
    }

    static long failOnThree(long id) {
        if (id == 3) {
            throw new IllegalStateException("row 3 cannot be written");
        }
        return id;
    }

    @Test
    void tee_writeJobFails_runFailsNamingTheDatasetAndTheOtherSaveCommits() {
        DataCatalog catalog = LocalSpark.catalog(project, """
                bad:
                  type: spark
                  filepath: data/bad
                good:
                  type: delta
                  filepath: data/good
                """);
        Node produce = Node.named("produce").outputs("bad", "good").fn(() -> {
            org.apache.spark.sql.Dataset<Row> ids = spark.range(6).toDF();
            UDF1<Long, Long> fail = SparkRunFailureTest::failOnThree;
            return java.util.List.of(
                    ids.withColumn("id", functions.udf(fail, DataTypes.LongType).apply(functions.col("id"))), ids);
        });
        Node width = Node.named("width")
                .inputs("bad")
                .outputs("columns")
                .fn((org.apache.spark.sql.Dataset<Row> bad) -> bad.columns().length);

        assertThatThrownBy(() -> Runner.builder().io(IoMode.TEE).build().run(Pipeline.of(produce, width), catalog))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("'bad'")
                .satisfies(e -> assertThat(((RunFailedException) e).result().saveStates())
                        .containsEntry("bad", SaveState.FAILED)
                        .containsEntry("good", SaveState.COMMITTED));
        assertThat(project.resolve("data/bad")).doesNotExist();
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "good"))).hasSize(6);
    }

    /** The project's pipeline for the CLI tests: {@code make -> ids (delta) -> total -> total (text)}. */
    public static final class Registry implements PipelineRegistry {
        static final AtomicBoolean failTotal = new AtomicBoolean();
        static final AtomicInteger makeRuns = new AtomicInteger();

        public Registry() {}

        @Override
        public Map<String, Pipeline> pipelines() {
            Node make = Node.named("make").outputs("ids").fn(() -> {
                makeRuns.incrementAndGet();
                return SluiceSpark.session().range(3).toDF();
            });
            Node total = Node.named("total")
                    .inputs("ids")
                    .outputs("total")
                    .fn((org.apache.spark.sql.Dataset<Row> ids) -> {
                        if (failTotal.get()) {
                            throw new IllegalStateException("total fails in this run");
                        }
                        return String.valueOf(
                                ids.agg(functions.sum("id")).first().getLong(0));
                    });
            return Map.of(PipelineRegistry.DEFAULT, Pipeline.of(make, total));
        }
    }

    private int sluice(String... args) {
        StringWriter out = new StringWriter();
        return Main.execute(new PrintWriter(out, true), new PrintWriter(out, true), args);
    }

    @Test
    void resume_afterAFailedNode_readsTheDeltaVersionTheFirstRunCommitted() throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(base.resolve("catalog.yml"), """
                ids:
                  type: delta
                  filepath: data/ids
                total:
                  type: text
                  filepath: data/total.txt
                """);
        Registry.failTotal.set(true);
        Registry.makeRuns.set(0);

        int failed = sluice("run", "--project", project.toString());
        RunManifest first =
                RunHistory.of(project).read(RunHistory.of(project).lastRunId().orElseThrow());
        // Someone appends to the table between the runs: version 1.
        spark.range(10, 12)
                .toDF()
                .write()
                .format("delta")
                .mode("append")
                .save(project.resolve("data/ids").toString());
        Registry.failTotal.set(false);
        int resumed = sluice("run", "--project", project.toString(), "--resume");

        assertThat(failed).isNotZero();
        assertThat(first.datasets().get("ids").state()).isEqualTo(SaveState.COMMITTED);
        assertThat(first.datasets().get("ids").version()).isEqualTo("0");
        assertThat(resumed).isZero();
        assertThat(Registry.makeRuns).hasValue(1);
        assertThat(project.resolve("data/total.txt")).hasContent("3");
    }
}
