package dev.sluice.spark;

import dev.sluice.io.StoredForm;
import dev.sluice.storage.Location;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code spark} entry: a directory of Parquet, CSV, JSON, ORC (or any file source Spark knows) files,
 * read and written by Spark. A save to a file system is committed by renaming a hidden sibling into place
 * ({@link DirectoryCommit}), so readers never see half of it; one to S3 by Hadoop's magic committer ({@link
 * S3aCommitters}).
 */
final class SparkDataset extends SparkTable {
    SparkDataset(Settings settings) {
        super(settings);
    }

    @Override
    void write(SparkSession spark, org.apache.spark.sql.Dataset<Row> value) {
        Configuration hadoop = hadoop(spark);
        Map<String, String> committer = path.startsWith("s3a://") ? S3aCommitters.prepare(spark, hadoop) : Map.of();
        new DirectoryCommit(hadoop, path).save(mode, (where, how) -> {
            DataFrameWriter<Row> writer = writer(value).mode(how);
            committer.forEach((key, setting) -> {
                if (!writeOptions.containsKey(key)) {
                    writer.option(key, setting);
                }
            });
            writer.save(where);
        });
    }

    /** A directory of part files in the entry's format, partitioned by column values when partitionBy is set. */
    @Override
    public Optional<StoredForm> storedForm() {
        StoredForm.Layout layout = partitionBy.isEmpty() ? StoredForm.Layout.PART_FILES : StoredForm.Layout.PARTITIONED;
        return Optional.of(new StoredForm(format, layout, format.equals("csv") ? csvOptions(writeOptions) : Map.of()));
    }

    /**
     * The hidden siblings of saves to a local directory, whose leftovers a run removes once their writer is
     * dead ({@link Siblings}); on S3, the path's unfinished uploads.
     */
    @Override
    public List<Location> locations() {
        return path.startsWith("file:")
                ? List.of(new Siblings(java.nio.file.Path.of(URI.create(path))))
                : super.locations();
    }

    @Override
    public boolean exists() {
        return new DirectoryCommit(hadoop(SluiceSpark.session()), path).exists();
    }

    @Override
    public Map<String, Object> describe() {
        return describe("spark");
    }
}
