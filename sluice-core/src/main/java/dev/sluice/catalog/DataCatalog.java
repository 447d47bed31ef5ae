package dev.sluice.catalog;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * <p>Entries from configuration are {@linkplain EntryDefinition defined} and built when first needed
 * (Kedro 1.x's lazy catalog): an entry that cannot be built (an unknown type, a missing credential)
 * stops only what uses it. Names not defined explicitly are matched against the {@link EntryFactory
 * dataset factories} in order. Each entry is built once; the catalog remembers the result, the
 * entry or the reason it cannot be built. Thread-safe: runners load and save from several threads.
 */
public final class DataCatalog {
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<EntryFactory> factories;

    private DataCatalog(Map<String, Slot> slots, List<EntryFactory> factories) {
        this.slots.putAll(slots);
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

    /** Whether {@code name} is defined explicitly or matches a dataset factory; builds nothing. */
    public boolean contains(String name) {
        return slot(name).isPresent();
    }

    /**
     * How {@code name} is defined (explicitly, or by the first dataset factory that matches it), without
     * building it.
     */
    public Optional<EntryDefinition> definition(String name) {
        return slot(name).map(Slot::definition);
    }

    /**
     * The entry for {@code name}, resolving dataset factories and building the entry on first use.
     *
     * @throws ConfigurationException when {@code name} is defined but its entry cannot be built; the
     *     message names the file, line, type and the fix
     */
    public Optional<CatalogEntry> entry(String name) {
        return slot(name).map(Slot::get);
    }

    /**
     * Why the entry for {@code name} cannot be built, building it if that was not tried yet; empty when it
     * builds, or when {@code name} is not defined.
     */
    public Optional<ConfigurationException> problem(String name) {
        Optional<Slot> slot = slot(name);
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        try {
            slot.get().get();
            return Optional.empty();
        } catch (ConfigurationException e) {
            return Optional.of(e);
        }
    }

    /**
     * Builds the entries of {@code names} that are defined and not built yet, as a run does before its
     * first node. Names the catalog does not define are skipped (runs keep them in memory).
     *
     * @throws ConfigurationException listing every entry that cannot be built, each with its file, line,
     *     type and fix
     */
    public void materialize(Collection<String> names) {
        // Entries can share a problem (all entries of one unknown type do); each is told once.
        Map<String, ConfigurationException> byMessage = new LinkedHashMap<>();
        for (String name : new TreeSet<>(names)) {
            problem(name).ifPresent(problem -> byMessage.putIfAbsent(problem.getMessage(), problem));
        }
        List<ConfigurationException> problems = new ArrayList<>(byMessage.values());
        if (problems.size() == 1) {
            throw new ConfigurationException(problems.get(0).getMessage(), problems.get(0));
        }
        if (!problems.isEmpty()) {
            StringBuilder message =
                    new StringBuilder(problems.size() + " catalog entries that are needed cannot be built:");
            problems.forEach(problem ->
                    message.append("\n  - ").append(problem.getMessage().replace("\n", "\n    ")));
            ConfigurationException combined = new ConfigurationException(message.toString(), problems.get(0));
            problems.subList(1, problems.size()).forEach(combined::addSuppressed);
            throw combined;
        }
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
        return Collections.unmodifiableSet(new TreeSet<>(slots.keySet()));
    }

    /** The dataset factories, in matching order. */
    public List<EntryFactory> factories() {
        return factories;
    }

    private Optional<Slot> slot(String name) {
        Slot slot = slots.get(name);
        if (slot != null) {
            return Optional.of(slot);
        }
        for (EntryFactory factory : factories) {
            Optional<EntryDefinition> match = factory.match(name);
            if (match.isPresent()) {
                return Optional.of(slots.computeIfAbsent(name, n -> new Slot(match.get())));
            }
        }
        return Optional.empty();
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
        slots.put(entry.name(), new Slot(entry));
    }

    /** Adds a {@link MemoryDataset} for {@code name} unless the catalog already resolves it. */
    public CatalogEntry putMemoryIfAbsent(String name) {
        return entry(name)
                .orElseGet(() -> slots.computeIfAbsent(name, n -> new Slot(CatalogEntry.of(n, new MemoryDataset<>())))
                        .get());
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

    /** One entry: its definition, and once built, the entry or why it cannot be built. */
    private static final class Slot {
        private final EntryDefinition definition;
        private volatile CatalogEntry entry;
        private volatile ConfigurationException problem;

        Slot(CatalogEntry built) {
            this.entry = built;
            this.definition = EntryDefinition.of(
                    built.name(), String.valueOf(built.dataset().describe().get("type")), built.source(), () -> built);
        }

        Slot(EntryDefinition definition) {
            this.definition = definition;
            this.problem = definition.knownProblem().orElse(null);
        }

        EntryDefinition definition() {
            return definition;
        }

        CatalogEntry get() {
            CatalogEntry built = entry;
            if (built != null) {
                return built;
            }
            synchronized (this) {
                if (entry == null && problem == null) {
                    try {
                        entry = definition.build();
                    } catch (ConfigurationException e) {
                        problem = e;
                    } catch (RuntimeException e) {
                        problem = new ConfigurationException(
                                definition.source() + ": dataset '" + definition.name() + "' (type "
                                        + definition.type() + ") could not be built: " + e
                                        + ". Check the entry's settings.",
                                e);
                    }
                }
                if (problem != null) {
                    // A new exception each time, so that each use gets its own stack trace.
                    throw new ConfigurationException(problem.getMessage(), problem);
                }
                return entry;
            }
        }
    }

    /** Collects entries and dataset factories. */
    public static final class Builder {
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private final List<EntryFactory> factories = new ArrayList<>();

        /** Adds a dataset defined in code. */
        public Builder add(String name, Dataset<?> dataset) {
            return add(CatalogEntry.of(name, dataset));
        }

        /** Adds an entry that is built already. */
        public Builder add(CatalogEntry entry) {
            slots.put(entry.name(), new Slot(entry));
            return this;
        }

        /** Adds an entry to build when it is first needed. */
        public Builder define(EntryDefinition definition) {
            slots.put(definition.name(), new Slot(definition));
            return this;
        }

        /** Adds a dataset factory; factories are tried in the order added. */
        public Builder factory(EntryFactory factory) {
            factories.add(factory);
            return this;
        }

        public DataCatalog build() {
            return new DataCatalog(slots, factories);
        }
    }
}
