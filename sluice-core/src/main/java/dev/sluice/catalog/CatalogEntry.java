package dev.sluice.catalog;

import dev.sluice.io.Dataset;
import java.util.Objects;

/**
 * A named dataset in the catalog with the options that steer how runners move its data.
 *
 * @param name the catalog name, including any transcoding suffix ({@code x@csv})
 * @param dataset the dataset
 * @param tee whether consumers may take the in-memory value handed on by the producer; {@code false}
 *     (catalog {@code tee: false}) for formats whose round trip changes the data
 * @param source where the entry was defined, for messages ({@code conf/base/catalog.yml:12}, or
 *     {@code code})
 */
public record CatalogEntry(String name, Dataset<?> dataset, boolean tee, String source) {
    public CatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(source, "source");
    }

    /** An entry defined in code, handed on in memory by the tee. */
    public static CatalogEntry of(String name, Dataset<?> dataset) {
        return new CatalogEntry(name, dataset, true, "code");
    }
}
