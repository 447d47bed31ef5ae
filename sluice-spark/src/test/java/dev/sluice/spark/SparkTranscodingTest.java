package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transcoding between Spark and the JVM's types: {@code x@spark} written and {@code x@dflib} read through the
 * committed files (a directory of part files), and the reverse (one file that Spark reads), under sync and tee
 * on both runners; combinations that cannot work fail before any node runs, naming both entries.
 */
class SparkTranscodingTest {
    @TempDir
    Path project;

    @BeforeEach
    void setUp() {
        LocalSpark.session();
    }

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (IoMode io : List.of(IoMode.SYNC, IoMode.TEE)) {
            for (boolean parallel : List.of(false, true)) {
                runs.add(Arguments.of(io, parallel));
            }
        }
        return runs.stream();
    }

    private static Runner runner(IoMode io, boolean parallel) {
        Runner.Builder builder = Runner.builder().io(io).hook(new SparkHook());
        return (parallel ? builder.parallel(2) : builder.sequential()).build();
    }

    /** Three partitions of orders: id, customer, amount (one null), as Spark writes them, in three part files. */
    private static org.apache.spark.sql.Dataset<Row> orders() {
        return SluiceSpark.session()
                .range(0, 6, 1, 3)
                .toDF()
                .withColumn(
                        "customer",
                        functions.concat(functions.lit("c"), functions.col("id").mod(2)))
                .withColumn(
                        "amount",
                        functions
                                .when(functions.col("id").equalTo(4), functions.lit(null))
                                .otherwise(functions.col("id").multiply(1.5)));
    }

    private static List<String> rows(DataFrame frame) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < frame.height(); i++) {
            rows.add(frame.getColumn("id").get(i) + ","
                    + frame.getColumn("customer").get(i) + ","
                    + frame.getColumn("amount").get(i));
        }
        return rows;
    }

    private static final List<String> ORDERS =
            List.of("0,c0,0.0", "1,c1,1.5", "2,c0,3.0", "3,c1,4.5", "4,c0,null", "5,c1,7.5");

    private Pipeline sparkToJvm(String read) {
        return Pipeline.of(
                Node.named("make").outputs("orders@spark").fn(SparkTranscodingTest::orders),
                Node.named("read").inputs(read).outputs("rows").fn((DataFrame frame) -> rows(frame)));
    }

    @ParameterizedTest(name = "{0}, parallel {1}")
    @MethodSource("runs")
    void sparkWritten_jvmParquetReadsThePartFiles(IoMode io, boolean parallel) {
        DataCatalog catalog = LocalSpark.catalog(project, """
                orders@spark:
                  type: spark
                  filepath: data/orders
                orders@dflib:
                  type: parquet
                  filepath: data/orders
                """);

        RunResult result = runner(io, parallel).run(sparkToJvm("orders@dflib"), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(ORDERS);
        assertThat(project.resolve("data/orders").toFile().list((dir, name) -> name.startsWith("part-")))
                .hasSize(3);
    }

    @ParameterizedTest(name = "{0}, parallel {1}")
    @MethodSource("runs")
    void sparkWritten_jvmCsvReadsThePartFilesUnderOneHeader(IoMode io, boolean parallel) {
        DataCatalog catalog = LocalSpark.catalog(project, """
                orders@spark:
                  type: spark
                  filepath: data/orders.csv
                  file_format: csv
                  save_args:
                    header: true
                orders@dflib:
                  type: csv
                  filepath: data/orders.csv
                """);

        RunResult result = runner(io, parallel).run(sparkToJvm("orders@dflib"), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(ORDERS);
    }

    private Pipeline jvmToSpark() {
        return Pipeline.of(
                Node.named("make").outputs("prices@dflib").fn(() -> DataFrame.foldByRow("id", "item", "price")
                        .of(1L, "tea", 2.5, 2L, "cake", 4.0, 3L, "jam", 3.25)),
                Node.named("read")
                        .inputs("prices@spark")
                        .outputs("rows")
                        .fn((org.apache.spark.sql.Dataset<Row> prices) ->
                                LocalSpark.rows(prices.select("id", "item", "price"))));
    }

    @ParameterizedTest(name = "{0}, parallel {1}")
    @MethodSource("runs")
    void jvmWritten_sparkReadsTheParquetFile(IoMode io, boolean parallel) {
        DataCatalog catalog = LocalSpark.catalog(project, """
                prices@dflib:
                  type: parquet
                  filepath: data/prices.parquet
                prices@spark:
                  type: spark
                  filepath: data/prices.parquet
                """);

        RunResult result = runner(io, parallel).run(jvmToSpark(), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(List.of("1,tea,2.5", "2,cake,4.0", "3,jam,3.25"));
    }

    /** prices@dflib written as CSV, read by prices@spark with {@code sparkSettings} added to its entry. */
    private DataCatalog pricesCsv(String sparkSettings) {
        return LocalSpark.catalog(project, """
                prices@dflib:
                  type: csv
                  filepath: data/prices.csv
                prices@spark:
                  type: spark
                  filepath: data/prices.csv
                  file_format: csv
                """ + sparkSettings);
    }

    @Test
    void jvmWritten_sparkReadsTheCsvFileWithItsHeader() {
        DataCatalog catalog = pricesCsv("""
                  load_args:
                    header: true
                    inferSchema: true
                """);

        RunResult result = runner(IoMode.TEE, true).run(jvmToSpark(), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(List.of("1,tea,2.5", "2,cake,4.0", "3,jam,3.25"));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of(
                        """
                        orders@spark:
                          type: spark
                          filepath: data/orders.csv
                          file_format: csv
                        orders@dflib:
                          type: csv
                          filepath: data/orders.csv
                        """,
                        "'orders@spark' writes no header row (Spark's default), and this entry reads the first row"
                                + " as column names; set save_args header: true on 'orders@spark'"),
                Arguments.of("""
                        orders@spark:
                          type: spark
                          filepath: data/orders
                          save_args:
                            partitionBy: customer
                        orders@dflib:
                          type: parquet
                          filepath: data/orders
                        """, "remove partitionBy from 'orders@spark', or read it through a spark entry"),
                Arguments.of("""
                        orders@spark:
                          type: delta
                          filepath: data/orders
                        orders@dflib:
                          type: parquet
                          filepath: data/orders
                        """, "'orders@spark' is a delta table"),
                Arguments.of("""
                        orders@spark:
                          type: spark
                          filepath: data/orders
                          file_format: json
                        orders@dflib:
                          type: parquet
                          filepath: data/orders
                        """, "'orders@spark' writes json and this entry reads parquet"));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void sparkWritten_jvmCannotReadIt_failsBeforeAnyNodeNamingBothEntriesAndTheFix(String catalogYml, String fix) {
        DataCatalog catalog = LocalSpark.catalog(project, catalogYml);
        AtomicBoolean ran = new AtomicBoolean();
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("orders@spark").fn(() -> {
                    ran.set(true);
                    return orders();
                }),
                Node.named("read").inputs("orders@dflib").outputs("rows").fn((DataFrame frame) -> frame.height()));

        assertThatThrownBy(() -> runner(IoMode.TEE, false).run(pipeline, catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Node 'read' reads 'orders@dflib'")
                .hasMessageContaining("which node 'make' writes as 'orders@spark'")
                .hasMessageContaining(fix)
                .hasMessageContaining("No node was run");
        assertThat(ran).isFalse();
    }

    @Test
    void jvmWritten_sparkReadsCsvWithoutHeader_failsBeforeAnyNodeSayingToSetHeader() {
        DataCatalog catalog = pricesCsv("");

        assertThatThrownBy(() -> runner(IoMode.SYNC, false).run(jvmToSpark(), catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Node 'read' reads 'prices@spark'")
                .hasMessageContaining("'prices@dflib' writes a header row, which Spark reads as data unless told;"
                        + " set load_args header: true here");
    }
}
