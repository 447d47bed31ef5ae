package dev.sluice.spark;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Set;

/**
 * The {@code delta} catalog type: a Delta Lake table at a path, loaded and saved as a DataFrame; every save
 * is one transaction.
 *
 * <pre>{@code
 * customers:
 *   type: delta
 *   filepath: data/02_intermediate/customers
 *   load_args:
 *     versionAsOf: 3        # time travel
 *   save_args:
 *     mode: append
 *     mergeSchema: true
 * }</pre>
 */
public final class DeltaDatasetType implements DatasetType {
    public DeltaDatasetType() {}

    @Override
    public String name() {
        return "delta";
    }

    @Override
    public Set<String> aliases() {
        return Set.of();
    }

    @Override
    public DatasetSchema schema() {
        return SparkEntries.common(DatasetSchema.builder(
                                "A Delta Lake table at a path, read and written by the run's Spark session; each"
                                        + " save is one Delta transaction.")
                        .holds("org.apache.spark.sql.Dataset<Row> (a Spark DataFrame)")
                        .entry(DatasetSchema.FILEPATH, SparkEntries.STORAGE_LEVEL, SparkEntries.FS_ARGS))
                .loadArgs(
                        Option.of("versionAsOf", "table version", "Reads this version of the table (time travel)."),
                        Option.of(
                                "timestampAsOf",
                                "timestamp or date",
                                "Reads the table as it was at this time (time travel)."))
                .saveArgs(
                        Option.of("mergeSchema", "true or false", "Adds new columns of the DataFrame to the table."),
                        Option.of(
                                "overwriteSchema",
                                "true or false",
                                "With mode overwrite, replaces the table's schema too."),
                        Option.of(
                                "replaceWhere",
                                "SQL predicate",
                                "With mode overwrite, replaces only the rows that match (the DataFrame's rows must"
                                        + " match too)."))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        return new DeltaDataset(SparkEntries.settings(spec, "delta"));
    }
}
