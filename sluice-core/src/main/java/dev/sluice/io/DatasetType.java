package dev.sluice.io;

import java.util.Set;

/**
 * A kind of dataset that catalog entries can name in {@code type:}. Implementations are found with
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/dev.sluice.io.DatasetType})
 * or registered in code, and must have a public no-argument constructor.
 */
public interface DatasetType {
    /** The short name used in catalog files, e.g. {@code text} or {@code csv}. */
    String name();

    /** Other names accepted for this type, e.g. Kedro-style {@code TextDataset}. */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * What this type's catalog entries may say and what its datasets hold. The catalog checks every
     * entry against it before {@link #create} is called, so {@code create} sees only declared keys.
     * Types that do not override this are {@linkplain DatasetSchema#undeclared() undeclared} and their
     * entries are not checked; every built-in type declares its schema.
     */
    default DatasetSchema schema() {
        return DatasetSchema.undeclared();
    }

    /**
     * Whether entries of this type are versioned when they do not say {@code versioned:}, as Kedro's
     * {@code tracking.MetricsDataset} is; {@code versioned: false} still turns versioning off.
     */
    default boolean versionedByDefault() {
        return false;
    }

    /**
     * Builds a dataset from its catalog entry.
     *
     * @throws dev.sluice.ConfigurationException if the entry is missing a setting or has a bad one;
     *     use {@link DatasetSpec}'s accessors, whose messages name the file and line
     */
    Dataset<?> create(DatasetSpec spec);
}
