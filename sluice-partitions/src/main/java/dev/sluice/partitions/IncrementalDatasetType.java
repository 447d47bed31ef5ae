package dev.sluice.partitions;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Catalog type {@code incremental} (also Kedro's {@code partitions.IncrementalDataset}): an {@link
 * IncrementalDataset} of the partitions under {@code path}.
 *
 * <pre>{@code
 * new_orders:
 *   type: partitions.IncrementalDataset
 *   path: data/01_raw/orders
 *   dataset: pandas.CSVDataset
 *   filename_suffix: .csv
 *   checkpoint: {filepath: data/01_raw/orders_checkpoint.txt}   # or a partition id to force
 * }</pre>
 */
public final class IncrementalDatasetType implements DatasetType {
    private static final Set<String> CHECKPOINT_KEYS = Set.of("type", "filepath", "force_checkpoint");

    @Override
    public String name() {
        return "incremental";
    }

    @Override
    public Set<String> aliases() {
        return Set.of(
                "IncrementalDataset",
                "partitions.IncrementalDataset",
                "kedro_datasets.partitions.IncrementalDataset",
                "kedro.io.IncrementalDataset");
    }

    @Override
    public DatasetSchema schema() {
        return PartitionSettings.common(DatasetSchema.builder(
                                "A directory of partitions loaded incrementally: each run loads only the partitions"
                                        + " after the checkpoint, which moves forward when the run succeeds.")
                        .holds("Map<String, T> (partition id to value, loaded eagerly)"))
                .entry(Option.of(
                                "checkpoint",
                                "partition id, or mapping with filepath and force_checkpoint",
                                "Where the checkpoint lives ({filepath: ...}, a text file), or a partition id to"
                                        + " load after whatever the file says (Kedro's force_checkpoint).")
                        .withDefault("path/CHECKPOINT"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        PartitionSettings settings = PartitionSettings.read(spec);
        IncrementalDataset<Object> dataset =
                IncrementalDataset.of(settings.base, settings.partitions).withFilenameSuffix(settings.suffix);
        Object checkpoint = spec.config().get("checkpoint");
        if (checkpoint instanceof Map<?, ?> config) {
            Set<String> unknown = new TreeSet<>();
            config.keySet().forEach(key -> unknown.add(String.valueOf(key)));
            unknown.removeAll(CHECKPOINT_KEYS);
            if (!unknown.isEmpty()) {
                throw spec.error("has unknown checkpoint setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                        + "; a checkpoint takes filepath and force_checkpoint (comparison_func is a Python function;"
                        + " Sluice compares partition ids as text, as Kedro's default does)");
            }
            Object type = config.get("type");
            if (type != null
                    && !Set.of("text", "TextDataset", "text.TextDataset").contains(type.toString())) {
                throw spec.error("has checkpoint type '" + type + "'; a checkpoint is a text file, so leave type out");
            }
            if (config.get("filepath") != null) {
                Location location = Storage.locate(
                        config.get("filepath").toString(), spec.projectDir(), spec.credentials(), spec.map("fs_args"));
                dataset = dataset.withCheckpointAt(location);
            }
            if (config.get("force_checkpoint") != null) {
                dataset = dataset.withForcedCheckpoint(
                        config.get("force_checkpoint").toString());
            }
        } else if (checkpoint != null) {
            dataset = dataset.withForcedCheckpoint(checkpoint.toString());
        }
        return dataset.describedAs(spec.name(), settings.typeName);
    }
}
