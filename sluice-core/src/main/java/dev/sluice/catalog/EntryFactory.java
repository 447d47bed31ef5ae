package dev.sluice.catalog;

import java.util.Optional;

/**
 * Defines catalog entries on demand for names that match a pattern (Kedro's dataset factories, such
 * as {@code "{name}_csv"}). Matching builds nothing: the catalog builds a match's entry when it is
 * first needed, like any other entry. Must be thread-safe.
 */
public interface EntryFactory {
    /** The entry this factory defines for {@code name}, or empty when its pattern does not match. */
    Optional<EntryDefinition> match(String name);

    /**
     * The factory itself as an entry: its pattern as the name, its type, its source, and a problem known
     * before any name matched it (such as an unknown type), which every match then has.
     */
    EntryDefinition definition();
}
