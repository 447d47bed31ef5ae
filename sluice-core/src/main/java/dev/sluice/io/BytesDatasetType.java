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
    public DatasetSchema schema() {
        return DatasetSchema.builder("A file read and written as raw bytes.")
                .holds("byte[]")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        return BytesDataset.at(spec.location("filepath"));
    }
}
