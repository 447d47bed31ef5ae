package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Delta table written by Spark through a {@code delta} entry and read by the JVM's {@code parquet} type through
 * another transcoding of it: overwritten, appended to and checkpointed, partitioned or not, the JVM reads the rows
 * and columns Spark reads, under sync and tee; a table with deletion vectors fails, naming the fix.
 */
class SparkDeltaTranscodingTest {
    private static final String DEFAULTS = "spark.databricks.delta.properties.defaults.";

    @TempDir
    Path project;

    @BeforeEach
    void setUp() {
        LocalSpark.session();
    }

    @AfterEach
    void resetTableDefaults() {
        LocalSpark.session().conf().unset(DEFAULTS + "checkpointInterval");
        LocalSpark.session().conf().unset(DEFAULTS + "enableDeletionVectors");
    }

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of(IoMode.SYNC, false), Arguments.of(IoMode.TEE, true));
    }

    private static Runner runner(IoMode io, boolean parallel) {
        Runner.Builder builder = Runner.builder().io(io).hook(new SparkHook());
        return (parallel ? builder.parallel(2) : builder.sequential()).build();
    }

    /** Orders {@code from} to {@code to} (exclusive) in three files: id, customer, amount (null for id 4), bucket. */
    private static org.apache.spark.sql.Dataset<Row> orders(long from, long to) {
        return SparkTranscodingTest.ordersBetween(from, to)
                .withColumn(
                        "bucket",
                        functions
                                .when(functions.col("id").equalTo(5), functions.lit(null))
                                .otherwise(functions.col("id").mod(3).cast("int")));
    }

    private static List<String> table(DataFrame frame) {
        return SparkTranscodingTest.table(frame);
    }

    /** What Spark reads from the table through {@code daily@delta}. */
    private static List<String> sparkTable(DataCatalog catalog) {
        return SparkTranscodingTest.sparkTable(catalog, "daily@delta");
    }

    /** A run that writes orders {@code from} to {@code to} through daily@delta and reads the table as daily@dflib. */
    private static Pipeline writeThenRead(long from, long to) {
        return Pipeline.of(
                Node.named("make").outputs("daily@delta").fn(() -> orders(from, to)),
                Node.named("read").inputs("daily@dflib").outputs("rows").fn((DataFrame frame) -> table(frame)));
    }

    private DataCatalog catalog(String mode, String partitionBy) {
        return LocalSpark.catalog(
                project, """
                daily@delta:
                  type: delta
                  filepath: data/daily
                  save_args:
                    mode: %s%s
                daily@dflib:
                  type: parquet
                  filepath: data/daily
                """.formatted(mode, partitionBy.isEmpty() ? "" : "\n    partitionBy: " + partitionBy));
    }

    /**
     * Overwrites the table twice, appends twice (version 2 is checkpointed, version 3 is a commit after it), and
     * after each run compares what the JVM read with what Spark reads.
     */
    private void overwriteTwiceThenAppend(IoMode io, boolean parallel, String partitionBy) throws IOException {
        LocalSpark.session().conf().set(DEFAULTS + "checkpointInterval", "2");
        long[][] writes = {{0, 6}, {3, 9}, {20, 23}, {30, 32}};
        for (int run = 0; run < writes.length; run++) {
            DataCatalog catalog = catalog(run < 2 ? "overwrite" : "append", partitionBy);

            RunResult result = runner(io, parallel).run(writeThenRead(writes[run][0], writes[run][1]), catalog);

            List<String> spark = sparkTable(catalog);
            assertThat(result.freeOutputs().get("rows")).as("run %d", run).isEqualTo(spark);
            assertThat(spark).hasSize(1 + 6 + 6 - 6 + 3 * (run >= 2 ? 1 : 0) + 2 * (run >= 3 ? 1 : 0));
        }
        Path log = project.resolve("data/daily/_delta_log");
        assertThat(log.resolve("00000000000000000002.checkpoint.parquet")).isRegularFile();
        assertThat(Files.readString(log.resolve("00000000000000000001.json"))).contains("{\"remove\":");
        assertThat(log.resolve("00000000000000000003.json")).isRegularFile();
    }

    @ParameterizedTest(name = "{0}, parallel {1}")
    @MethodSource("runs")
    void deltaWritten_jvmParquetReadsTheCurrentVersionAsSparkDoes(IoMode io, boolean parallel) throws IOException {
        overwriteTwiceThenAppend(io, parallel, "");
    }

    /** Under tee only: the JVM reads the same files under sync (above), and each Delta run costs seconds. */
    @Test
    void deltaWrittenPartitioned_jvmParquetReadsThePartitionColumnsWhereSparkDoes() throws IOException {
        overwriteTwiceThenAppend(IoMode.TEE, true, "[customer, bucket]");

        assertThat(project.resolve("data/daily/customer=c1/bucket=__HIVE_DEFAULT_PARTITION__"))
                .isDirectory();
    }

    @Test
    void deltaWithDeletionVectors_jvmParquetRead_failsNamingTheEntryAndTheFix() {
        LocalSpark.session().conf().set(DEFAULTS + "enableDeletionVectors", "true");
        DataCatalog catalog = catalog("overwrite", "");
        catalog.save("daily@delta", orders(0, 6));
        LocalSpark.session()
                .sql("DELETE FROM delta.`" + project.resolve("data/daily").toUri() + "` WHERE id = 1");
        Pipeline read = Pipeline.of(
                Node.named("read").inputs("daily@dflib").outputs("rows").fn((DataFrame frame) -> table(frame)));

        assertThatThrownBy(() -> runner(IoMode.TEE, false).run(read, catalog))
                .hasStackTraceContaining("Dataset 'daily@dflib'")
                .hasStackTraceContaining("has a deletion vector")
                .hasStackTraceContaining("read it through a delta entry");
        assertThat(sparkTable(catalog)).hasSize(1 + 5);
    }
}
