package dev.sluice.io;

import java.util.Set;

/**
 * Catalog type {@code memory} (also {@code MemoryDataset}): a {@link MemoryDataset} that holds a
 * value for the length of a run. It takes no settings.
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
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs.of(spec, "load_args", Set.of());
        DatasetArgs.of(spec, "save_args", Set.of());
        return new MemoryDataset<>();
    }
}
