package dev.sluice.catalog;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps dataset names to {@link Dataset}s and wraps their I/O so that every failure becomes a
 * {@link DatasetException} naming the dataset.
 *
 * <p>Names not defined explicitly are matched against the {@link EntryFactory dataset factories} in
 * order, and the result is remembered. Thread-safe: runners load and save from several threads.
 */
public final class DataCatalog {
    private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();
    private final List<EntryFactory> factories;

    private DataCatalog(Map<String, CatalogEntry> entries, List<EntryFactory> factories) {
        this.entries.putAll(entries);
        this.factories = List.copyOf(factories);
    }

    /** A catalog of the given datasets, defined in code. */
    public static DataCatalog of(Map<String, ? extends Dataset<?>> datasets) {
        Builder builder = builder();
        datasets.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code name} is defined explicitly or matches a dataset factory. */
    public boolean contains(String name) {
        return entry(name).isPresent();
    }

    /** The entry for {@code name}, resolving dataset factories. */
    public Optional<CatalogEntry> entry(String name) {
        CatalogEntry entry = entries.get(name);
        if (entry != null) {
            return Optional.of(entry);
        }
        for (EntryFactory factory : factories) {
            Optional<CatalogEntry> made = factory.resolve(name);
            if (made.isPresent()) {
                return Optional.of(entries.computeIfAbsent(name, n -> made.get()));
            }
        }
        return Optional.empty();
    }

    /** The dataset called {@code name}. */
    public Dataset<?> dataset(String name) {
        return entry(name)
                .orElseThrow(
                        () -> new DatasetException(
                                name,
                                "Dataset '" + name
                                        + "' is not in the catalog; define it in conf/<env>/catalog.yml or produce it with a node."))
                .dataset();
    }

    /** Names of the explicitly defined entries (and factory matches resolved so far), sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(entries.keySet()));
    }

    /** The dataset factories, in matching order. */
    public List<EntryFactory> factories() {
        return factories;
    }

    /** Loads {@code name}. */
    public Object load(String name) {
        Dataset<?> dataset = dataset(name);
        try {
            return dataset.load();
        } catch (RuntimeException e) {
            throw wrap(name, dataset, "load data from", e);
        }
    }

    /** Saves {@code value} to {@code name}; {@code null} is refused. */
    @SuppressWarnings("unchecked")
    public void save(String name, Object value) {
        Dataset<Object> dataset = (Dataset<Object>) dataset(name);
        if (value == null) {
            throw new DatasetException(
                    name, "Cannot save null to dataset '" + name + "'; a node must return a value for every output.");
        }
        try {
            dataset.save(value);
        } catch (RuntimeException e) {
            throw wrap(name, dataset, "save data to", e);
        }
    }

    /** Whether {@code name} holds data. */
    public boolean exists(String name) {
        Optional<CatalogEntry> entry = entry(name);
        if (entry.isEmpty()) {
            return false;
        }
        try {
            return entry.get().dataset().exists();
        } catch (RuntimeException e) {
            throw wrap(name, entry.get().dataset(), "check whether data exists in", e);
        }
    }

    /** Drops any cached copy of {@code name}'s value. */
    public void release(String name) {
        entry(name).ifPresent(e -> e.dataset().release());
    }

    /** Adds or replaces an entry (Kedro's {@code catalog[name] = dataset}). */
    public void put(CatalogEntry entry) {
        entries.put(entry.name(), entry);
    }

    /** Adds a {@link MemoryDataset} for {@code name} unless the catalog already resolves it. */
    public CatalogEntry putMemoryIfAbsent(String name) {
        return entry(name)
                .orElseGet(() -> entries.computeIfAbsent(name, n -> CatalogEntry.of(n, new MemoryDataset<>())));
    }

    /** Adds memory datasets holding the given values, replacing entries of the same names. */
    public void feed(Map<String, ?> values) {
        values.forEach((name, value) -> put(CatalogEntry.of(name, new MemoryDataset<>(value))));
    }

    private static DatasetException wrap(String name, Dataset<?> dataset, String action, RuntimeException e) {
        if (e instanceof DatasetException de && name.equals(de.datasetName())) {
            return de;
        }
        String cause = e instanceof SluiceException ? e.getMessage() : e.toString();
        return new DatasetException(
                name, "Failed to " + action + " dataset '" + name + "' " + dataset.describe() + ": " + cause, e);
    }

    /** Collects entries and dataset factories. */
    public static final class Builder {
        private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();
        private final List<EntryFactory> factories = new ArrayList<>();

        public Builder add(String name, Dataset<?> dataset) {
            return add(CatalogEntry.of(name, dataset));
        }

        public Builder add(CatalogEntry entry) {
            entries.put(entry.name(), entry);
            return this;
        }

        public Builder factory(EntryFactory factory) {
            factories.add(factory);
            return this;
        }

        public DataCatalog build() {
            return new DataCatalog(entries, factories);
        }
    }
}
