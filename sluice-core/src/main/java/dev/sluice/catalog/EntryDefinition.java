package dev.sluice.catalog;

import dev.sluice.ConfigurationException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A catalog entry as configured, before its dataset is built: Kedro 1.x's lazy dataset. The catalog
 * builds it when a run or command first needs it, once, and remembers the result, be it the entry or
 * the reason it cannot be built.
 *
 * <p>An entry whose problem is known without building it (an unknown type, a missing credential, a
 * key its type does not have) is {@linkplain #unavailable defined as unavailable}: the catalog tells
 * which entries are unavailable without building anything, and fails any use of them with that
 * problem. Immutable; {@link #build()} may be called from any thread.
 */
public final class EntryDefinition {
    private final String name;
    private final String type;
    private final String source;
    private final Supplier<CatalogEntry> build;
    private final ConfigurationException problem;

    private EntryDefinition(
            String name, String type, String source, Supplier<CatalogEntry> build, ConfigurationException problem) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.source = Objects.requireNonNull(source, "source");
        this.build = build;
        this.problem = problem;
    }

    /**
     * An entry that {@code build} creates when first needed.
     *
     * @param build creates the entry; throws {@link ConfigurationException} naming the file, line and fix
     *     when it cannot
     */
    public static EntryDefinition of(String name, String type, String source, Supplier<CatalogEntry> build) {
        return new EntryDefinition(name, type, source, Objects.requireNonNull(build, "build"), null);
    }

    /** An entry known not to be buildable, for {@code problem} (whose message names the file, line and fix). */
    public static EntryDefinition unavailable(String name, String type, String source, ConfigurationException problem) {
        return new EntryDefinition(name, type, source, null, Objects.requireNonNull(problem, "problem"));
    }

    /** The dataset name (or, for a dataset factory, its pattern). */
    public String name() {
        return name;
    }

    /** The {@code type:} as written. */
    public String type() {
        return type;
    }

    /** Where the entry is defined ({@code conf/base/catalog.yml:12}). */
    public String source() {
        return source;
    }

    /** Why the entry cannot be built, when that is known without building it. */
    public Optional<ConfigurationException> knownProblem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Builds the entry.
     *
     * @throws ConfigurationException when it cannot be built
     */
    public CatalogEntry build() {
        if (problem != null) {
            throw problem;
        }
        CatalogEntry entry = build.get();
        if (entry == null || !entry.name().equals(name)) {
            throw new IllegalStateException("The definition of '" + name + "' built " + entry + "; this is a bug");
        }
        return entry;
    }

    @Override
    public String toString() {
        return "'" + name + "' (type " + type + ", " + source + ")";
    }
}
