package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.datasets.Frames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.params.provider.ValueSource;

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
        return ordersBetween(0, 6);
    }

    /** Orders {@code from} to {@code to} (exclusive), as {@link #orders()} makes them. */
    static org.apache.spark.sql.Dataset<Row> ordersBetween(long from, long to) {
        return SluiceSpark.session()
                .range(from, to, 1, 3)
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
                Arguments.of(
                        """
                        orders@spark:
                          type: spark
                          filepath: data/orders
                          save_args:
                            partitionBy: customer
                        orders@dflib:
                          type: parquet
                          filepath: data/orders
                          load_args:
                            record: dev.sluice.spark.SparkTranscodingTest$Order
                        """,
                        "this entry loads records of dev.sluice.spark.SparkTranscodingTest$Order, which cannot take"
                                + " them; remove 'record' from load_args here (a DataFrame gets the partition"
                                + " columns), or remove partitionBy from 'orders@spark'"),
                Arguments.of(
                        """
                        orders@spark:
                          type: spark
                          filepath: data/orders
                          file_format: json
                        orders@dflib:
                          type: json
                          filepath: data/orders
                          load_args:
                            type: dev.sluice.spark.SparkTranscodingTest$Order
                        """,
                        "'orders@spark' writes JSON Lines part files, which load as a list, and this entry loads"
                                + " dev.sluice.spark.SparkTranscodingTest$Order; set load_args type:"
                                + " java.util.List<dev.sluice.spark.SparkTranscodingTest$Order> here"),
                Arguments.of("""
                        orders@spark:
                          type: delta
                          filepath: data/orders
                        orders@dflib:
                          type: csv
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
                Node.named("read").inputs("orders@dflib").outputs("rows").fn((Object orders) -> "read"));

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

    /** An order as the JVM's types can load it into. */
    public record Order(long id, String customer, Double amount) {}

    /** The orders with a bucket (id mod 3 as an int, null for id 5), to partition by customer and bucket. */
    private static org.apache.spark.sql.Dataset<Row> bucketedOrders() {
        return orders().withColumn(
                        "bucket",
                        functions
                                .when(functions.col("id").equalTo(5), functions.lit(null))
                                .otherwise(functions.col("id").mod(3).cast("int")));
    }

    /** The frame's column names, then its rows as "a,b,c" in column order, sorted. */
    static List<String> table(DataFrame frame) {
        List<String> table = Frames.table(frame);
        List<String> sorted = new ArrayList<>(table.subList(0, 1));
        sorted.addAll(table.subList(1, table.size()).stream().sorted().toList());
        return sorted;
    }

    /** What Spark itself reads from {@code name}'s files, as {@link #table(DataFrame)} gives it. */
    static List<String> sparkTable(DataCatalog catalog, String name) {
        org.apache.spark.sql.Dataset<Row> frame = LocalSpark.load(catalog, name);
        List<String> table = new ArrayList<>(List.of(String.join(",", frame.columns())));
        table.addAll(LocalSpark.rows(frame));
        return table;
    }

    private static final List<String> BUCKETED = List.of(
            "id,amount,customer,bucket",
            "0,0.0,c0,0",
            "1,1.5,c1,1",
            "2,3.0,c0,2",
            "3,4.5,c1,0",
            "4,null,c0,1",
            "5,7.5,c1,null");

    private static Pipeline partitionedToJvm() {
        return Pipeline.of(
                Node.named("make").outputs("orders@spark").fn(SparkTranscodingTest::bucketedOrders),
                Node.named("read").inputs("orders@dflib").outputs("rows").fn((DataFrame frame) -> table(frame)));
    }

    /** The parquet and csv entries of a partitioned dataset, each under sync and tee on both runners. */
    static Stream<Arguments> partitionedRuns() {
        String parquet = """
                orders@spark:
                  type: spark
                  filepath: data/orders
                  save_args:
                    partitionBy: [customer, bucket]
                orders@dflib:
                  type: parquet
                  filepath: data/orders
                """;
        String csv = """
                orders@spark:
                  type: spark
                  filepath: data/orders
                  file_format: csv
                  load_args:
                    header: true
                  save_args:
                    header: true
                    partitionBy: [customer, bucket]
                orders@dflib:
                  type: csv
                  filepath: data/orders
                """;
        return Stream.of(parquet, csv)
                .flatMap(catalog -> runs().map(run -> Arguments.of(catalog, run.get()[0], run.get()[1])));
    }

    @ParameterizedTest(name = "{1}, parallel {2}")
    @MethodSource("partitionedRuns")
    void sparkWrittenPartitioned_jvmTypeReadsThePartitionColumnsAsSparkDoes(
            String catalogYml, IoMode io, boolean parallel) {
        DataCatalog catalog = LocalSpark.catalog(project, catalogYml);

        RunResult result = runner(io, parallel).run(partitionedToJvm(), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(BUCKETED);
        assertThat(sparkTable(catalog, "orders@spark")).isEqualTo(BUCKETED);
        assertThat(project.resolve("data/orders/customer=c1/bucket=__HIVE_DEFAULT_PARTITION__"))
                .isDirectory();
    }

    /** The JSON records as "id,customer,amount" (what Spark leaves out, a null, is "null"), plus any {@code more}. */
    private static List<String> jsonRows(List<Map<String, Object>> records, String... more) {
        return records.stream()
                .map(record -> {
                    List<String> row = new ArrayList<>();
                    for (String key : Stream.concat(Stream.of("id", "customer", "amount"), Stream.of(more))
                            .toList()) {
                        row.add(String.valueOf(record.get(key)));
                    }
                    return String.join(",", row);
                })
                .toList();
    }

    @ParameterizedTest(name = "{0}, parallel {1}")
    @MethodSource("runs")
    void sparkWrittenJson_jvmJsonReadsTheJsonLinesAsAListOfRecords(IoMode io, boolean parallel) {
        DataCatalog catalog = LocalSpark.catalog(project, """
                orders@spark:
                  type: spark
                  filepath: data/orders.json
                  file_format: json
                orders@jvm:
                  type: json
                  filepath: data/orders.json
                """);

        RunResult result = runner(io, parallel).run(sparkToJvmJson(), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(ORDERS);
    }

    private static Pipeline sparkToJvmJson(String... more) {
        return Pipeline.of(
                Node.named("make").outputs("orders@spark").fn(SparkTranscodingTest::orders),
                Node.named("read")
                        .inputs("orders@jvm")
                        .outputs("rows")
                        .fn((List<Map<String, Object>> records) -> jsonRows(records, more)));
    }

    @Test
    void sparkWrittenPartitionedJson_jvmJsonAddsThePartitionFields() {
        DataCatalog catalog = LocalSpark.catalog(project, """
                orders@spark:
                  type: spark
                  filepath: data/orders.json
                  file_format: json
                  save_args:
                    partitionBy: [customer]
                orders@jvm:
                  type: json
                  filepath: data/orders.json
                  load_args:
                    lines: true
                """);

        RunResult result = runner(IoMode.TEE, true).run(sparkToJvmJson(), catalog);

        assertThat(result.freeOutputs().get("rows"))
                .isEqualTo(List.of("0,c0,0.0", "2,c0,3.0", "4,c0,null", "1,c1,1.5", "3,c1,4.5", "5,c1,7.5"));
    }

    private static Pipeline jvmJsonToSpark() {
        return Pipeline.of(
                Node.named("make")
                        .outputs("prices@jvm")
                        .fn(() -> List.of(
                                Map.of("id", 1, "item", "tea", "price", 2.5),
                                Map.of("id", 2, "item", "cake", "price", 4.0),
                                Map.of("id", 3, "item", "jam", "price", 3.25))),
                Node.named("read")
                        .inputs("prices@spark")
                        .outputs("rows")
                        .fn((org.apache.spark.sql.Dataset<Row> prices) ->
                                LocalSpark.rows(prices.select("id", "item", "price"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "  save_args:\n    lines: true\n", "  save_args:\n    indent: 2\n"})
    void jvmWrittenJson_sparkReadsTheRecords(String jvmSettings) {
        DataCatalog catalog = LocalSpark.catalog(
                project,
                """
                prices@jvm:
                  type: json
                  filepath: data/prices.json
                """ + jvmSettings + """
                prices@spark:
                  type: spark
                  filepath: data/prices.json
                  file_format: json
                """
                        + (jvmSettings.contains("indent") ? "  load_args:\n    multiLine: true\n" : ""));

        RunResult result = runner(IoMode.TEE, true).run(jvmJsonToSpark(), catalog);

        assertThat(result.freeOutputs().get("rows")).isEqualTo(List.of("1,tea,2.5", "2,cake,4.0", "3,jam,3.25"));
    }

    @Test
    void jvmWrittenIndentedJson_sparkReadsLineByLine_failsBeforeAnyNodeSayingToSetMultiLine() {
        DataCatalog catalog = LocalSpark.catalog(project, """
                prices@jvm:
                  type: json
                  filepath: data/prices.json
                  save_args:
                    indent: 2
                prices@spark:
                  type: spark
                  filepath: data/prices.json
                  file_format: json
                """);

        assertThatThrownBy(() -> runner(IoMode.SYNC, false).run(jvmJsonToSpark(), catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Node 'read' reads 'prices@spark'")
                .hasMessageContaining("'prices@jvm' writes an indented JSON document, which Spark reads line by line"
                        + " unless told; set load_args multiLine: true here");
    }
}
