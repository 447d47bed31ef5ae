package dev.sluice.spark;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code delta} entry: a Delta Lake table at a path. Each save is one Delta transaction, so readers see
 * the table before it or after it, never in between; the version it committed is remembered for the
 * run's manifest.
 */
final class DeltaDataset extends SparkTable {
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
    private volatile Long committedVersion;

    DeltaDataset(Settings settings) {
        super(settings);
    }

    @Override
    void write(SparkSession spark, org.apache.spark.sql.Dataset<Row> value) {
        writer(value).mode(mode).save(path);
        committedVersion = latestVersion(spark);
    }

    /**
     * The latest committed version of the table (the highest numbered commit file in its {@code _delta_log}),
     * or {@code null} when there is no table; a listing, not a Spark job.
     */
    Long latestVersion(SparkSession spark) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return null;
            }
            Long latest = null;
            for (FileStatus file : fs.listStatus(log)) {
                Matcher commit = COMMIT_FILE.matcher(file.getPath().getName());
                if (commit.matches()) {
                    long version = Long.parseLong(commit.group(1));
                    latest = latest == null ? version : Math.max(latest, version);
                }
            }
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The version this dataset's last save in this JVM committed, or {@code null}. */
    Long committedVersion() {
        return committedVersion;
    }

    @Override
    public boolean exists() {
        return DeltaTable.isDeltaTable(SluiceSpark.session(), path);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("delta");
    }
}
