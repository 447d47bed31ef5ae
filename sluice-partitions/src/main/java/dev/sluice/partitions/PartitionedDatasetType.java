package dev.sluice.partitions;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Set;

/**
 * Catalog type {@code partitioned} (also Kedro's {@code partitions.PartitionedDataset}): a {@link
 * PartitionedDataset} of the partitions under {@code path}.
 *
 * <pre>{@code
 * daily_sales:
 *   type: partitions.PartitionedDataset
 *   path: s3://bucket/sales/daily
 *   dataset: {type: csv, save_args: {sep: ";"}}
 *   filename_suffix: .csv
 *   credentials: s3
 * }</pre>
 */
public final class PartitionedDatasetType implements DatasetType {
    @Override
    public String name() {
        return "partitioned";
    }

    @Override
    public Set<String> aliases() {
        return Set.of(
                "PartitionedDataset",
                "partitions.PartitionedDataset",
                "kedro_datasets.partitions.PartitionedDataset",
                "kedro.io.PartitionedDataset");
    }

    @Override
    public DatasetSchema schema() {
        return PartitionSettings.common(DatasetSchema.builder(
                                "A directory (local or on S3) of partitions, each stored by its own dataset; loads a"
                                        + " lazy map from partition id to loader, saves a map of values or"
                                        + " suppliers one partition at a time.")
                        .holds("Map<String, Supplier<T>> loaded; Map<String, T or Supplier<T>> saved"))
                .entry(
                        Option.of(
                                        "save_lazily",
                                        "true or false",
                                        "Call Supplier values and save what they return; false saves them as they are.")
                                .withDefault("true"),
                        Option.of(
                                        "overwrite",
                                        "false",
                                        "Kedro deletes the directory before saving when true; Sluice's stores cannot"
                                                + " delete yet, so only false is accepted: partitions not in the saved"
                                                + " map stay.")
                                .withDefault("false"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        if (spec.bool("overwrite", false)) {
            throw spec.error("sets 'overwrite: true', which Sluice does not support yet (its stores cannot delete);"
                    + " remove it, and delete old partitions by hand if the new map leaves some out");
        }
        PartitionSettings settings = PartitionSettings.read(spec);
        return PartitionedDataset.of(settings.base, settings.partitions)
                .withFilenameSuffix(settings.suffix)
                .withMaxDepth(settings.maxDepth)
                .savingLazily(spec.bool("save_lazily", true))
                .describedAs(spec.name(), settings.typeName);
    }
}
