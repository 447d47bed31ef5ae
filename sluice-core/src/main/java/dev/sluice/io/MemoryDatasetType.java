package dev.sluice.io;

import java.util.Set;

/**
 * Catalog type {@code memory} (also {@code MemoryDataset}): a {@link MemoryDataset} that holds a
 * value for the length of a run, optionally starting with the value under {@code data}.
 */
public final class MemoryDatasetType implements DatasetType {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("MemoryDataset", "io.MemoryDataset", "kedro.io.MemoryDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A value kept in memory for the length of a run; nothing is written.")
                .holds("any value")
                .entry(
                        DatasetSchema.Option.of(
                                "data",
                                "any YAML value",
                                "A value the dataset holds from the start, as Kedro's MemoryDataset(data=...); "
                                        + "YAML scalars, lists and mappings become Java values."),
                        DatasetSchema.Option.noEffect(
                                "copy_mode",
                                "Sluice hands values on without copying; nodes must not modify their inputs,"
                                        + " and --check-mutation finds those that do"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Object data = spec.config().get("data");
        return data == null ? new MemoryDataset<>() : new MemoryDataset<>(data);
    }
}
