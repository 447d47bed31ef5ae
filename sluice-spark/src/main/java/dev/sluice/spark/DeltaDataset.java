package dev.sluice.spark;

import dev.sluice.io.Dataset;
import dev.sluice.io.StoredForm;
import dev.sluice.io.Versioned;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * run's manifest. Versioned in Delta's own way: versions are the table's commit numbers, so a run's manifest
 * records the version each save committed and {@code --resume} (or {@code --load-versions}) reads that
 * version again.
 */
final class DeltaDataset extends SparkTable implements Versioned {
    static final String VERSION_AS_OF = "versionAsOf";
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

    /** The latest committed version of the table, or {@code null} when there is no table. */
    Long latestVersion(SparkSession spark) {
        List<Long> versions = commits(spark);
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /**
     * The versions whose commit files are in the table's {@code _delta_log}, oldest first; empty when there
     * is no table. A listing, not a Spark job.
     */
    private List<Long> commits(SparkSession spark) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(hadoop(spark));
            if (!fs.exists(log)) {
                return List.of();
            }
            List<Long> versions = new ArrayList<>();
            for (FileStatus file : fs.listStatus(log)) {
                Matcher commit = COMMIT_FILE.matcher(file.getPath().getName());
                if (commit.matches()) {
                    versions.add(Long.parseLong(commit.group(1)));
                }
            }
            versions.sort(null);
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The version this run's save committed; before it, the version the next commit will have. */
    @Override
    public String saveVersion() {
        Long committed = committedVersion;
        if (committed != null) {
            return committed.toString();
        }
        Long latest = latestVersion(SluiceSpark.session());
        return String.valueOf(latest == null ? 0 : latest + 1);
    }

    @Override
    public Optional<String> resolvedLoadVersion() {
        String pinned = readOptions.get(VERSION_AS_OF);
        if (pinned != null) {
            return Optional.of(pinned);
        }
        return Optional.ofNullable(latestVersion(SluiceSpark.session())).map(String::valueOf);
    }

    @Override
    public List<String> versions() {
        return commits(SluiceSpark.session()).stream().map(String::valueOf).toList();
    }

    /** This table read at {@code version} ({@code versionAsOf}); saves are unchanged. */
    @Override
    public Dataset<?> atLoadVersion(String version) {
        Map<String, String> pinned = new LinkedHashMap<>(readOptions);
        pinned.remove("timestampAsOf");
        pinned.put(VERSION_AS_OF, version);
        return new DeltaDataset(settings(pinned));
    }

    /** The version this dataset's last save in this JVM committed, or {@code null}. */
    Long committedVersion() {
        return committedVersion;
    }

    @Override
    public Optional<StoredForm> storedForm() {
        return Optional.of(StoredForm.of("delta", StoredForm.Layout.TABLE));
    }

    @Override
    public boolean exists() {
        SparkSession spark = SluiceSpark.session();
        hadoop(spark);
        return DeltaTable.isDeltaTable(spark, path);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("delta");
    }
}
