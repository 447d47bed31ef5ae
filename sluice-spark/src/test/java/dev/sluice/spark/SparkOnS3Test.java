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
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3://} paths of spark and delta entries, through the entries' own S3 settings (endpoint, credentials),
 * against an in-process S3 server: written and read back by pipeline runs.
 */
class SparkOnS3Test {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    private String bucket;
    private String store;

    @BeforeEach
    void setUp() throws IOException {
        LocalSpark.session();
        bucket = S3.createBucket();
        store = S3.catalogSettings(project.resolve("conf/local"), "store");
    }

    private DataCatalog catalog() {
        return LocalSpark.catalog(
                project,
                "orders@spark:\n  type: spark\n  filepath: s3://" + bucket + "/orders\n" + store
                        + "orders_table:\n  type: delta\n  filepath: s3a://" + bucket + "/orders_table\n" + store
                        + "orders@dflib:\n  type: parquet\n  filepath: s3://" + bucket + "/orders\n" + store);
    }

    private static org.apache.spark.sql.Dataset<Row> orders() {
        return SluiceSpark.session()
                .range(0, 6, 1, 2)
                .toDF()
                .withColumn("amount", functions.col("id").multiply(2));
    }

    @Test
    void sync_sparkAndDeltaEntriesOnS3_areWrittenAndReadBackThroughTheEntriesSettings() throws Exception {
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("orders@spark", "orders_table").fn(() -> List.of(orders(), orders())),
                Node.named("sum")
                        .inputs("orders@spark", "orders_table")
                        .outputs("sums")
                        .fn((org.apache.spark.sql.Dataset<Row> files, org.apache.spark.sql.Dataset<Row> table) ->
                                List.of(sum(files), sum(table))));

        DataCatalog catalog = catalog();
        RunResult result = Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("sums", List.of(30L, 30L));
        assertThat(S3.objectExists(bucket, "orders/_SUCCESS")).isTrue();
        assertThat(S3.objectExists(bucket, "orders_table/_delta_log/00000000000000000000.json"))
                .isTrue();
        assertThat(catalog.entry("orders@spark").orElseThrow().dataset().locations())
                .as("where a run looks for unfinished uploads of killed saves")
                .singleElement()
                .extracting(location -> location.uri().toString())
                .isEqualTo("s3://" + bucket + "/orders");
    }

    @Test
    void tee_sparkWrittenOnS3_jvmParquetReadsThePrefixAfterTheCommit() {
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("orders@spark").fn(SparkOnS3Test::orders),
                Node.named("read").inputs("orders@dflib").outputs("total").fn((DataFrame frame) -> {
                    long total = 0;
                    for (Object amount : frame.getColumn("amount")) {
                        total += (Long) amount;
                    }
                    return total;
                }));
        DataCatalog catalog = catalog();

        RunResult result = Runner.builder()
                .io(IoMode.TEE)
                .parallel(2)
                .hook(new SparkHook())
                .build()
                .run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("total", 30L);
    }

    @Test
    void localPath_withS3Settings_failsNamingTheEntryAndWhatToRemove() {
        DataCatalog catalog = LocalSpark.catalog(project, "orders:\n  type: spark\n  filepath: data/orders\n" + store);

        assertThatThrownBy(() -> catalog.load("orders"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("sets fs_args, which only s3:// and s3a:// paths take");
    }

    private static long sum(org.apache.spark.sql.Dataset<Row> frame) {
        return frame.agg(functions.sum("amount")).first().getLong(0);
    }
}
