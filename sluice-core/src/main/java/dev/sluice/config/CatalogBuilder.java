package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.catalog.DatasetPattern;
import dev.sluice.catalog.EntryDefinition;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.VersionedDataset;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ProjectConfig} into a {@link DataCatalog}: a definition for every explicit entry,
 * factories for patterns, memory datasets for parameters. Datasets are created when first needed
 * (see {@link EntryDefinition}), from any thread, which is why this holds only immutable state.
 *
 * <p>Every entry is checked now without creating its dataset. What the configuration alone shows to
 * be wrong in every case (a misspelled catalog key such as {@code versoned}, several catch-all
 * patterns) fails here. What only stops the entry itself (an unknown type, a missing credential, a
 * key its type does not have) makes it <em>unavailable</em>: the catalog warns once, and only what uses
 * the entry fails.
 */
final class CatalogBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);

    private final Path projectDir;
    private final DatasetTypes types;
    private final ProjectConfig config;
    private final String saveVersion = VersionedDataset.newVersion();
    private final Map<String, ConfigurationException> unknownTypes;

    CatalogBuilder(Path projectDir, DatasetTypes types, ProjectConfig config) {
        this.projectDir = projectDir;
        this.types = types;
        this.config = config;
        this.unknownTypes = unknownTypes();
    }

    DataCatalog build() {
        DataCatalog.Builder catalog = DataCatalog.builder();
        List<ConfigurationException> problems = new ArrayList<>();
        List<ProjectConfig.EntryDefinition> patterns = new ArrayList<>();
        List<EntryDefinition> unavailable = new ArrayList<>();
        for (ProjectConfig.EntryDefinition entry : config.entries()) {
            if (entry.pattern() != null) {
                patterns.add(entry);
                continue;
            }
            try {
                EntryDefinition definition = define(entry);
                definition.knownProblem().ifPresent(p -> unavailable.add(definition));
                catalog.define(definition);
            } catch (ConfigurationException e) {
                problems.add(e);
            }
        }
        patterns.sort(Comparator.comparing(ProjectConfig.EntryDefinition::pattern, DatasetPattern.MATCH_ORDER));
        List<String> catchAlls = new ArrayList<>();
        for (ProjectConfig.EntryDefinition entry : patterns) {
            if (entry.pattern().isCatchAll()) {
                catchAlls.add("'" + entry.pattern() + "' (" + entry.position().fileAndLine() + ")");
            }
            try {
                EntryDefinition definition = define(entry);
                definition.knownProblem().ifPresent(p -> unavailable.add(definition));
                catalog.factory(new PatternEntryFactory(
                        entry.pattern(),
                        entry.config().settings(),
                        sourceOf(entry),
                        keySources(entry.node()),
                        definition,
                        this));
            } catch (ConfigurationException e) {
                problems.add(e);
            }
        }
        if (catchAlls.size() > 1) {
            problems.add(new ConfigurationException(ConfigMessages.multipleCatchAll(catchAlls)));
        }
        if (!problems.isEmpty()) {
            throw combined(problems, ConfigMessages::invalidEntries);
        }
        warnUnavailable(unavailable);
        addParameters(catalog);
        return catalog.build();
    }

    /**
     * The definition of one entry (or pattern), checked as far as that is possible without creating its
     * dataset: unavailable with the reason when its type is unknown, a credential it names is missing, or a
     * key does not fit its type's schema.
     *
     * @throws ConfigurationException for a misspelled catalog key, which fails the whole catalog
     */
    private EntryDefinition define(ProjectConfig.EntryDefinition entry) {
        String name = entry.config().name();
        String type = entry.config().type();
        Map<String, Object> settings = entry.config().settings();
        String source =
                entry.pattern() != null ? sourceOf(entry) : entry.position().fileAndLine();
        Function<List<String>, String> keySources = keySources(entry.node());
        boolean typeFromPlaceholder = DatasetPattern.isPattern(type);
        Optional<DatasetType> found = typeFromPlaceholder ? Optional.empty() : types.find(type);
        checkCatalogKeys(name, type, settings, found, keySources, source);
        ConfigurationException problem = null;
        if (!typeFromPlaceholder && found.isEmpty()) {
            problem = unknownTypes.get(type);
        } else if (!(settings.get("credentials") instanceof String reference && DatasetPattern.isPattern(reference))) {
            problem = config.credentialsProblem(name, settings.get("credentials"), credentialsPosition(entry))
                    .orElse(null);
        }
        if (problem == null && found.isPresent() && !entry.config().pattern()) {
            try {
                types.check(spec(name, settings, source, keySources));
            } catch (ConfigurationException e) {
                problem = e;
            }
        }
        if (problem != null) {
            return EntryDefinition.unavailable(name, type, source, problem);
        }
        return EntryDefinition.of(name, type, source, () -> create(name, settings, source, keySources));
    }

    /** Fails for a key that misspells one the catalog handles ({@code versoned}): a mistake in every entry. */
    private void checkCatalogKeys(
            String name,
            String type,
            Map<String, Object> settings,
            Optional<DatasetType> found,
            Function<List<String>, String> keySources,
            String source) {
        DatasetSchema schema = found.map(DatasetType::schema).orElse(DatasetSchema.undeclared());
        for (String key : settings.keySet()) {
            Optional<String> meant = schema.misspelledCatalogKey(key);
            if (meant.isEmpty()) {
                continue;
            }
            if (schema.isDeclared()) {
                // The schema check words it as for any other unknown key, with every problem of the entry.
                types.check(spec(name, settings, source, keySources));
            }
            String at = Optional.ofNullable(keySources.apply(List.of(key))).orElse(source);
            throw new ConfigurationException(ConfigMessages.misspelledCatalogKey(at, name, type, key, meant.get()));
        }
    }

    /**
     * Tells once which entries are unavailable and why. Entries of one unknown type share one problem, which
     * names them all, so they are told together.
     */
    private void warnUnavailable(List<EntryDefinition> unavailable) {
        Map<ConfigurationException, Integer> entriesByProblem = new LinkedHashMap<>();
        unavailable.forEach(
                definition -> entriesByProblem.merge(definition.knownProblem().orElseThrow(), 1, Integer::sum));
        entriesByProblem.forEach(
                (problem, entries) -> config.warnings().add(ConfigMessages.unavailable(problem.getMessage(), entries)));
    }

    /**
     * For every type that entries name but no registered type has, the one problem all those entries share,
     * naming each at the line of its {@code type:}. A type filled from a placeholder can only be checked
     * once a name matches.
     */
    private Map<String, ConfigurationException> unknownTypes() {
        Map<String, Map<String, String>> uses = new LinkedHashMap<>();
        for (ProjectConfig.EntryDefinition entry : config.entries()) {
            String type = entry.config().type();
            if (!DatasetPattern.isPattern(type) && types.find(type).isEmpty()) {
                uses.computeIfAbsent(type, t -> new LinkedHashMap<>())
                        .put(entry.config().name(), typePosition(entry));
            }
        }
        Map<String, ConfigurationException> problems = new LinkedHashMap<>();
        uses.forEach((type, entries) -> problems.put(type, types.unknownType(type, entries)));
        return problems;
    }

    private static String credentialsPosition(ProjectConfig.EntryDefinition entry) {
        return entry.node()
                .get("credentials")
                .map(ConfigNode::position)
                .orElse(entry.position())
                .toString();
    }

    private static String typePosition(ProjectConfig.EntryDefinition entry) {
        return entry.node()
                .get("type")
                .map(ConfigNode::position)
                .orElse(entry.position())
                .fileAndLine();
    }

    private static String sourceOf(ProjectConfig.EntryDefinition entry) {
        return entry.position().fileAndLine() + " (pattern '" + entry.pattern() + "')";
    }

    /**
     * Where each key of an entry is written: the file and line of the key at a path such as {@code
     * [load_args, sep]}, or {@code null} when the path is not in the file.
     */
    static Function<List<String>, String> keySources(ConfigNode.Mapping entry) {
        return path -> {
            ConfigNode node = entry;
            Position at = null;
            for (String key : path) {
                if (!(node instanceof ConfigNode.Mapping mapping)) {
                    return null;
                }
                ConfigNode.Member member = mapping.member(key).orElse(null);
                if (member == null) {
                    return null;
                }
                at = member.keyPosition();
                node = member.value();
            }
            return at == null ? null : at.fileAndLine();
        };
    }

    /** The catalog entry {@code settings} describe, with its dataset created. */
    CatalogEntry create(
            String name, Map<String, Object> settings, String source, Function<List<String>, String> keySources) {
        boolean tee = !Boolean.FALSE.equals(settings.get("tee"));
        DatasetSpec spec = spec(name, settings, source, keySources);
        Object versioned = settings.containsKey("versioned")
                ? settings.get("versioned")
                : types.find(spec.type()).map(DatasetType::versionedByDefault).orElse(false);
        Dataset<?> dataset = Boolean.TRUE.equals(versioned) ? versioned(spec) : types.create(spec);
        return new CatalogEntry(name, dataset, tee, source);
    }

    private DatasetSpec spec(
            String name, Map<String, Object> settings, String source, Function<List<String>, String> keySources) {
        return DatasetSpec.builder(name, String.valueOf(settings.get("type")))
                .config(datasetConfig(settings))
                .source(source)
                .projectDir(projectDir)
                .credentials(config.credentialsFor(settings.get("credentials")))
                .nestedFactory(this::createNested)
                .warnings(config.warnings())
                .keySources(keySources)
                .build();
    }

    /**
     * A {@link VersionedDataset} under the entry's {@code filepath} (or its nested dataset's, for wrappers
     * such as {@code slow}) that saves this catalog's one save version; each version's dataset is the entry
     * itself with {@code filepath} pointing into that version.
     */
    @SuppressWarnings("unchecked")
    private Dataset<?> versioned(DatasetSpec spec) {
        Map<String, Object> datasetConfig = spec.config();
        boolean nested = !datasetConfig.containsKey("filepath")
                && datasetConfig.get("dataset") instanceof Map<?, ?> inner
                && inner.containsKey("filepath");
        Map<String, Object> holder = nested ? (Map<String, Object>) datasetConfig.get("dataset") : datasetConfig;
        Object filepath = holder.get("filepath");
        if (filepath == null) {
            throw new ConfigurationException(ConfigMessages.versionedWithoutFilepath(spec.name(), spec.source()));
        }
        Map<String, Object> fsArgs =
                holder.get("fs_args") instanceof Map<?, ?> args ? (Map<String, Object>) args : Map.of();
        Location base = Storage.locate(filepath.toString(), projectDir, spec.credentials(), fsArgs);
        Function<Location, Dataset<Object>> factory = location -> {
            Map<String, Object> atVersion = new LinkedHashMap<>(datasetConfig);
            if (nested) {
                Map<String, Object> inner = new LinkedHashMap<>(holder);
                inner.put("filepath", location.uri().toString());
                atVersion.put("dataset", inner);
            } else {
                atVersion.put("filepath", location.uri().toString());
            }
            return (Dataset<Object>) types.create(
                    spec.toBuilder(spec.name(), spec.type()).config(atVersion).build());
        };
        // Built once now, so that a bad setting fails before any node runs rather than at the first save.
        factory.apply(base);
        return VersionedDataset.of(base, saveVersion, factory);
    }

    /**
     * Builds a wrapped dataset ({@link DatasetSpec#nested}); like Kedro, a {@code credentials} name
     * inside the nested settings is resolved too.
     */
    private Dataset<?> createNested(DatasetSpec nested) {
        if (!nested.config().containsKey("credentials")) {
            return types.create(nested);
        }
        Object reference = nested.config().get("credentials");
        config.credentialsProblem(nested.name(), reference, nested.sourceOf("credentials"))
                .ifPresent(problem -> {
                    throw problem;
                });
        return types.create(nested.toBuilder(nested.name(), nested.type())
                .config(datasetConfig(nested.config()))
                .credentials(config.credentialsFor(reference))
                .build());
    }

    /** The settings a dataset type sees: all but the loader's own, and none whose value is null. */
    private static Map<String, Object> datasetConfig(Map<String, Object> settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (value != null && !DatasetSchema.CATALOG_KEYS.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    private void addParameters(DataCatalog.Builder catalog) {
        ConfigNode.Mapping parameters = config.parameterNodes();
        Set<String> files = new LinkedHashSet<>();
        parameters
                .members()
                .values()
                .forEach(member -> files.add(member.keyPosition().file()));
        String source = files.isEmpty() ? "parameters" : String.join(", ", files);
        catalog.add(new CatalogEntry("parameters", new MemoryDataset<>(parameters.toPlain()), true, source));
        parameters.members().forEach((key, member) -> addParameter(catalog, key, member));
    }

    private void addParameter(DataCatalog.Builder catalog, String key, ConfigNode.Member member) {
        Object value = member.value().toPlain();
        String name = "params:" + key;
        if (value == null) {
            LOG.debug("Parameter '{}' ({}) is null, so '{}' is not in the catalog", key, member.keyPosition(), name);
        } else {
            catalog.add(new CatalogEntry(
                    name, new MemoryDataset<>(value), true, member.keyPosition().fileAndLine()));
        }
        if (member.value() instanceof ConfigNode.Mapping nested) {
            nested.members().forEach((child, childMember) -> addParameter(catalog, key + "." + child, childMember));
        }
    }

    /** One exception for several problems: the first alone, or {@code summary} of every message. */
    static ConfigurationException combined(
            List<ConfigurationException> problems, Function<List<String>, String> summary) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        List<String> messages = new ArrayList<>();
        problems.forEach(problem -> messages.add(problem.getMessage()));
        ConfigurationException combined = new ConfigurationException(summary.apply(messages), problems.get(0));
        problems.subList(1, problems.size()).forEach(combined::addSuppressed);
        return combined;
    }
}
