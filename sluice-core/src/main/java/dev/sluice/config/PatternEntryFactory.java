package dev.sluice.config;

import dev.sluice.catalog.DatasetPattern;
import dev.sluice.catalog.EntryDefinition;
import dev.sluice.catalog.EntryFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A dataset factory from the catalog: for a name its pattern matches, fills the placeholders into
 * every string of the entry's settings, and defines the entry, whose dataset the catalog creates when it
 * is first needed. Stateless, so thread-safe; the catalog remembers what it makes.
 */
final class PatternEntryFactory implements EntryFactory {
    private final DatasetPattern pattern;
    private final Map<String, Object> settings;
    private final String source;
    private final Function<List<String>, String> keySources;
    private final EntryDefinition definition;
    private final CatalogBuilder builder;

    PatternEntryFactory(
            DatasetPattern pattern,
            Map<String, Object> settings,
            String source,
            Function<List<String>, String> keySources,
            EntryDefinition definition,
            CatalogBuilder builder) {
        this.pattern = pattern;
        this.settings = settings;
        this.source = source;
        this.keySources = keySources;
        this.definition = definition;
        this.builder = builder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<EntryDefinition> match(String name) {
        return pattern.match(name).map(values -> {
            Map<String, Object> filled = (Map<String, Object>) pattern.fill(settings, values);
            String type = String.valueOf(filled.get("type"));
            return definition
                    .knownProblem()
                    .map(problem -> EntryDefinition.unavailable(name, type, source, problem))
                    .orElseGet(() -> EntryDefinition.of(
                            name, type, source, () -> builder.create(name, filled, source, keySources)));
        });
    }

    @Override
    public EntryDefinition definition() {
        return definition;
    }

    @Override
    public String toString() {
        return "dataset factory '" + pattern + "' at " + source;
    }
}
