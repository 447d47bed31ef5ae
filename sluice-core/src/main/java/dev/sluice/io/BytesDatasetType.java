package dev.sluice.io;

import java.util.Set;

/** Catalog type {@code bytes} (also {@code BytesDataset}): a {@link BytesDataset} at {@code filepath}. */
public final class BytesDatasetType implements DatasetType {
    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("BytesDataset");
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs.of(spec, "load_args", Set.of());
        DatasetArgs.of(spec, "save_args", Set.of());
        return BytesDataset.at(spec.location("filepath"));
    }
}
