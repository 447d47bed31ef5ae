package dev.sluice.catalog;

import java.util.Optional;

/**
 * Creates catalog entries on demand for names that match a pattern (Kedro's dataset factories, such
 * as {@code "{name}_csv"}). Must be thread-safe.
 */
public interface EntryFactory {
    /** The entry for {@code name}, or empty when this factory's pattern does not match it. */
    Optional<CatalogEntry> resolve(String name);
}
