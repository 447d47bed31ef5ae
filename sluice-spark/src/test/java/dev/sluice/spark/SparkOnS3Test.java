package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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

    @Test
    void sync_sparkSavesOnS3_commitThroughTheMagicCommitterWithoutCopies() throws Exception {
        DataCatalog catalog = LocalSpark.catalog(
                project,
                "parquet:\n  type: spark\n  filepath: s3://" + bucket + "/parquet\n" + store
                        + "csv:\n  type: spark\n  filepath: s3://" + bucket + "/csv\n  file_format: csv\n"
                        + "  save_args: {header: true}\n  load_args: {header: true, inferSchema: true}\n" + store
                        + "parts:\n  type: spark\n  filepath: s3://" + bucket + "/parts\n"
                        + "  save_args: {partitionBy: [even]}\n" + store);
        org.apache.spark.sql.Dataset<Row> parts =
                orders().withColumn("even", functions.col("id").mod(2));
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("parquet", "csv", "parts").fn(() -> List.of(orders(), orders(), parts)));

        Map<String, Boolean> uploading = new ConcurrentHashMap<>();
        S3.onPartUpload(part -> S3.pendingUploads(bucket)
                .forEach(upload -> uploading.put(upload.key(), S3.objectExists(bucket, upload.key()))));

        Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog);

        assertThat(uploading)
                .as("uploads open during the saves: each to a data file's final name, which no reader sees yet")
                .isNotEmpty()
                .allSatisfy((key, visible) -> {
                    assertThat(key).matches("(parquet|csv|parts)/.*part-[^/]*").doesNotContain("__magic");
                    assertThat(visible).as(key).isFalse();
                });
        for (String name : List.of("parquet", "csv", "parts")) {
            String success = new String(S3.objectBytes(bucket, name + "/_SUCCESS"), StandardCharsets.UTF_8);
            assertThat(success)
                    .as("%s/_SUCCESS, the committer's manifest", name)
                    .containsPattern("\"committer\"\\s*:\\s*\"magic\"");
            assertThat(keys(name))
                    .as("what %s holds after the commit", name)
                    .isNotEmpty()
                    .noneMatch(key -> key.contains("_temporary") || key.contains("__magic"));
        }
        assertThat(S3.partUploads())
                .as("the data files arrive as parts of uploads completed at the job's commit, not as copies")
                .isGreaterThanOrEqualTo(6);
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "parquet"))).isEqualTo(LocalSpark.rows(orders()));
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "csv"))).isEqualTo(LocalSpark.rows(orders()));
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "parts"))).isEqualTo(LocalSpark.rows(parts));
        assertThat(keys("parts")).anyMatch(key -> key.startsWith("parts/even=1/part-"));
    }

    @Test
    void sync_committerNamedInHadoopsSettings_sparkCommitsAsBefore() throws Exception {
        Configuration hadoop = SluiceSpark.session().sparkContext().hadoopConfiguration();
        hadoop.set(S3aCommitters.COMMITTER, "file", "spark.yml");
        try {
            DataCatalog catalog = LocalSpark.catalog(
                    project, "classic:\n  type: spark\n  filepath: s3://" + bucket + "/classic\n" + store);
            Pipeline pipeline =
                    Pipeline.of(Node.named("make").outputs("classic").fn(SparkOnS3Test::orders));

            Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog);

            assertThat(S3.objectBytes(bucket, "classic/_SUCCESS"))
                    .as("the FileOutputCommitter's empty _SUCCESS")
                    .isEmpty();
            assertThat(S3.partUploads()).as("uploads in parts").isZero();
            assertThat(LocalSpark.rows(LocalSpark.load(catalog, "classic"))).isEqualTo(LocalSpark.rows(orders()));
        } finally {
            hadoop.set(S3aCommitters.COMMITTER, "file", "core-default.xml");
        }
    }

    @Test
    void sync_sparkSaveFailsOnS3_leavesNothingUnderThePath() throws IOException {
        DataCatalog catalog =
                LocalSpark.catalog(project, "broken:\n  type: spark\n  filepath: s3://" + bucket + "/broken\n" + store);
        Pipeline pipeline = Pipeline.of(Node.named("make").outputs("broken").fn(() -> orders().withColumn(
                        "checked",
                        functions
                                .when(
                                        functions.col("id").equalTo(4),
                                        functions.raise_error(functions.lit("row 4 is bad")))
                                .otherwise(functions.col("id")))));

        assertThatThrownBy(() -> Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog))
                .isInstanceOf(RunFailedException.class);

        assertThat(keys("broken")).as("objects under the failed save's path").isEmpty();
        assertThat(S3.pendingUploads(bucket))
                .as("uploads the failed save left open")
                .isEmpty();
    }

    /**
     * Spark fails a job as soon as one task fails; another that Spark already let commit may still be
     * committing. The save's abort waits for it, so that its commit is aborted too (see {@link LateCommitFactory}).
     */
    @Test
    void sync_aTaskCommitsWhileTheSaveFails_leavesNothingUnderThePath() throws IOException {
        Configuration hadoop = SluiceSpark.session().sparkContext().hadoopConfiguration();
        // Hadoop's own default names the S3A committers' factory: put it back after.
        String factory = hadoop.get(LateCommitFactory.SETTING);
        hadoop.set(LateCommitFactory.SETTING, LateCommitFactory.class.getName());
        LateCommitFactory.reset();
        try {
            DataCatalog catalog =
                    LocalSpark.catalog(project, "late:\n  type: spark\n  filepath: s3://" + bucket + "/late\n" + store);
            UDF1<Long, Long> check = LateCommitFactory::failOnceTaskZeroCommits;
            Pipeline pipeline = Pipeline.of(Node.named("make").outputs("late").fn(() -> orders().withColumn(
                            "checked", functions.udf(check, DataTypes.LongType).apply(functions.col("id")))));

            assertThatThrownBy(() -> Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("row 4 is bad");

            assertThat(keys("late")).as("objects under the failed save's path").isEmpty();
            assertThat(S3.pendingUploads(bucket))
                    .as("uploads the failed save left open")
                    .isEmpty();
        } finally {
            if (factory == null) {
                hadoop.unset(LateCommitFactory.SETTING);
            } else {
                hadoop.set(LateCommitFactory.SETTING, factory);
            }
        }
    }

    /** Every key under {@code prefix}, listed by Spark's s3a file system. */
    private List<String> keys(String prefix) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/");
        org.apache.hadoop.fs.FileSystem fs =
                root.getFileSystem(SluiceSpark.session().sparkContext().hadoopConfiguration());
        List<String> keys = new ArrayList<>();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root, prefix);
        if (!fs.exists(path)) {
            return keys;
        }
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(path, true);
        while (files.hasNext()) {
            keys.add(files.next().getPath().toUri().getPath().substring(1));
        }
        return keys;
    }

    private static long sum(org.apache.spark.sql.Dataset<Row> frame) {
        return frame.agg(functions.sum("amount")).first().getLong(0);
    }
}
