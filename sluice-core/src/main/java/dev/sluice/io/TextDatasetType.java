package dev.sluice.io;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Set;

/**
 * Catalog type {@code text} (also {@code TextDataset}, {@code text.TextDataset}): a {@link
 * TextDataset} at {@code filepath}, read and written in {@code encoding} (default UTF-8).
 */
public final class TextDatasetType implements DatasetType {
    @Override
    public String name() {
        return "text";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("TextDataset", "text.TextDataset", "kedro_datasets.text.TextDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A text file, read and written whole.")
                .holds("String")
                .entry(
                        DatasetSchema.FILEPATH,
                        DatasetSchema.Option.of("encoding", "character set name", "The file's character encoding.")
                                .withDefault("UTF-8"),
                        DatasetSchema.FS_ARGS)
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        return TextDataset.at(spec.location("filepath"), encoding(spec));
    }

    static Charset encoding(DatasetSpec spec) {
        String name = spec.string("encoding").orElse(null);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw spec.error("has an unknown encoding '" + name + "'; use a name such as UTF-8 or ISO-8859-1");
        }
    }
}
