package dev.sluice.spark;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for the test JVM (starting one costs seconds), given to {@link SluiceSpark} so
 * that runs use it and do not stop it. A test that stops it gets a new one on the next call.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("sluice-spark-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.scheduler.mode", "FAIR")
                    // Delta rebuilds a snapshot in 50 partitions by default: tiny tasks, most of a small test.
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .getOrCreate();
        }
        SluiceSpark.use(session);
        return session;
    }

    /** Stops the shared session (for tests of sessions Sluice builds itself). */
    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** A catalog built from {@code yaml} (conf/base/catalog.yml) in {@code project}. */
    static DataCatalog catalog(Path project, String yaml) {
        try {
            Path base = Files.createDirectories(project.resolve("conf/base"));
            Files.writeString(base.resolve("catalog.yml"), yaml);
            return ProjectConfig.load(project.resolve("conf"), null, Map.of())
                    .toCatalog(project, DatasetTypes.discover());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code name}, a Spark entry, from {@code catalog}. */
    @SuppressWarnings("unchecked")
    static org.apache.spark.sql.Dataset<Row> load(DataCatalog catalog, String name) {
        return (org.apache.spark.sql.Dataset<Row>) catalog.load(name);
    }

    /** The rows of {@code frame} as "a,b,c" strings, sorted. */
    static List<String> rows(org.apache.spark.sql.Dataset<Row> frame) {
        return frame.collectAsList().stream()
                .map(row -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < row.length(); i++) {
                        text.append(i == 0 ? "" : ",").append(row.get(i));
                    }
                    return text.toString();
                })
                .sorted()
                .toList();
    }
}
