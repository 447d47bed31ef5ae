package dev.sluice.spark;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code spark} catalog type (Kedro's {@code spark.SparkDataset}, and {@code spark.SparkDatasetV2}, which takes
 * the same settings): a directory of files in any format Spark reads, loaded and saved as a DataFrame by the run's
 * Spark session.
 *
 * <pre>{@code
 * model_input_table:
 *   type: spark
 *   filepath: data/03_primary/model_input_table
 *   file_format: parquet          # csv, json, orc, text, delta, ...
 *   save_args:
 *     mode: overwrite
 *     partitionBy: [year]
 * }</pre>
 */
public final class SparkDatasetType implements DatasetType {
    public SparkDatasetType() {}

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("SparkDataset", "spark.SparkDataset", "SparkDatasetV2", "spark.SparkDatasetV2");
    }

    @Override
    public DatasetSchema schema() {
        return SparkEntries.common(DatasetSchema.builder(
                                "A directory of Parquet, CSV, JSON or ORC files (any file source Spark has), read and"
                                        + " written by the run's Spark session; a save appears under its path"
                                        + " whole or not at all.")
                        .holds("org.apache.spark.sql.Dataset<Row> (a Spark DataFrame)")
                        .entry(
                                DatasetSchema.FILEPATH,
                                Option.of(
                                                "file_format",
                                                "parquet, csv, json, orc, text, delta, ...",
                                                "Spark's data source; delta saves as Delta Lake transactions, as"
                                                        + " the delta type does.")
                                        .withDefault("parquet"),
                                SparkEntries.STORAGE_LEVEL,
                                SparkEntries.FS_ARGS))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        String format = spec.string("file_format").orElse("parquet").trim().toLowerCase(Locale.ROOT);
        if (format.isEmpty()) {
            throw spec.error("has an empty file_format; use parquet, csv, json, orc or delta");
        }
        SparkTable.Settings settings = SparkEntries.settings(spec, format);
        return format.equals("delta") ? new DeltaDataset(settings) : new SparkDataset(settings);
    }
}
