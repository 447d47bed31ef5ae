package dev.sluice.catalog;

import dev.sluice.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every entry of a catalog with whether it can be built, and whether each dataset a set of pipelines uses
 * can: what {@code sluice catalog check} prints. Checking builds each explicit entry (as a run would before
 * its first node, so it reads no data) and each dataset a pipeline uses that a dataset factory defines.
 * Immutable.
 *
 * @param entries the explicit entries, then the factory patterns, then the datasets pipelines use that
 *     factories define, each group sorted by name
 */
public record CatalogCheck(List<Entry> entries) {
    /** Whether an entry can be built. */
    public enum State {
        /** It builds. */
        OK,
        /** It cannot be built; {@link Entry#problem()} says why, with file, line and fix. */
        UNAVAILABLE,
        /** A dataset factory pattern with no known problem; each name it matches is built when used. */
        FACTORY
    }

    /**
     * One entry's state.
     *
     * @param name the dataset name, or the pattern of a factory
     * @param type the {@code type:} as written
     * @param source where it is defined ({@code conf/base/catalog.yml:12})
     * @param state whether it builds
     * @param problem why it cannot be built; empty unless {@link State#UNAVAILABLE}
     * @param pattern the factory pattern that defines it (a factory's own pattern for a factory); empty for
     *     explicit entries
     * @param used whether a checked pipeline uses it
     */
    public record Entry(
            String name,
            String type,
            String source,
            State state,
            Optional<String> problem,
            Optional<String> pattern,
            boolean used) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    public CatalogCheck {
        entries = List.copyOf(entries);
    }

    /**
     * Checks every entry of {@code catalog} and every dataset in {@code usedDatasets} (the datasets of the
     * project's pipelines) that the catalog defines. Parameters ({@code params:...}) are not entries.
     */
    public static CatalogCheck of(DataCatalog catalog, Collection<String> usedDatasets) {
        Set<String> used = new TreeSet<>(usedDatasets);
        Set<String> explicit = new TreeSet<>();
        for (String name : catalog.names()) {
            if (!isParameter(name) && catalog.definition(name).isPresent()) {
                explicit.add(name);
            }
        }
        List<EntryFactory> factories = catalog.factories();
        List<Entry> entries = new ArrayList<>();
        for (String name : explicit) {
            if (isExplicit(catalog, name, factories)) {
                entries.add(entry(catalog, name, Optional.empty(), used.contains(name)));
            }
        }
        List<EntryDefinition> patterns = new ArrayList<>();
        factories.forEach(f -> patterns.add(f.definition()));
        patterns.sort(java.util.Comparator.comparing(EntryDefinition::name));
        for (EntryDefinition pattern : patterns) {
            Optional<ConfigurationException> problem = pattern.knownProblem();
            entries.add(new Entry(
                    pattern.name(),
                    pattern.type(),
                    pattern.source(),
                    problem.isPresent() ? State.UNAVAILABLE : State.FACTORY,
                    problem.map(ConfigurationException::getMessage),
                    Optional.of(pattern.name()),
                    false));
        }
        for (String name : used) {
            if (isParameter(name)
                    || entries.stream()
                            .anyMatch(e -> e.pattern().isEmpty() && e.name().equals(name))) {
                continue;
            }
            Optional<String> pattern = factories.stream()
                    .filter(f -> f.match(name).isPresent())
                    .findFirst()
                    .map(f -> f.definition().name());
            if (pattern.isPresent()) {
                entries.add(entry(catalog, name, pattern, true));
            }
        }
        return new CatalogCheck(entries);
    }

    /**
     * Whether every dataset a checked pipeline uses can be built (datasets the catalog does not define are
     * kept in memory, so they always can).
     */
    public boolean usedEntriesBuild() {
        return entries.stream().noneMatch(e -> e.used() && e.state() == State.UNAVAILABLE);
    }

    /** The entries in {@code state}. */
    public List<Entry> in(State state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    private static Entry entry(DataCatalog catalog, String name, Optional<String> pattern, boolean used) {
        EntryDefinition definition = catalog.definition(name).orElseThrow();
        Optional<ConfigurationException> problem = catalog.problem(name);
        return new Entry(
                name,
                definition.type(),
                definition.source(),
                problem.isPresent() ? State.UNAVAILABLE : State.OK,
                problem.map(ConfigurationException::getMessage),
                pattern,
                used);
    }

    /** Whether {@code name}'s definition is its own entry rather than a factory's match resolved earlier. */
    private static boolean isExplicit(DataCatalog catalog, String name, List<EntryFactory> factories) {
        EntryDefinition definition = catalog.definition(name).orElseThrow();
        return factories.stream()
                .map(f -> f.match(name))
                .flatMap(Optional::stream)
                .noneMatch(match -> match.source().equals(definition.source()));
    }

    private static boolean isParameter(String name) {
        return name.equals("parameters") || name.startsWith("params:");
    }
}
