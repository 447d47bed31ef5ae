package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.catalog.DatasetPattern;
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
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ProjectConfig} into a {@link DataCatalog}: datasets for explicit entries, factories
 * for patterns, memory datasets for parameters. Also creates the datasets of pattern matches later,
 * from any thread, which is why it holds only immutable state.
 */
final class CatalogBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);

    private final Path projectDir;
    private final DatasetTypes types;
    private final ProjectConfig config;
    private final String saveVersion = VersionedDataset.newVersion();

    CatalogBuilder(Path projectDir, DatasetTypes types, ProjectConfig config) {
        this.projectDir = projectDir;
        this.types = types;
        this.config = config;
    }

    DataCatalog build() {
        DataCatalog.Builder catalog = DataCatalog.builder();
        List<ConfigurationException> problems = new ArrayList<>();
        List<ProjectConfig.EntryDefinition> patterns = new ArrayList<>();
        // Told once per type, at the line of each 'type:', however many entries use it.
        Map<String, Map<String, String>> unknownTypes = unknownTypes();
        unknownTypes.forEach((type, uses) -> problems.add(types.unknownType(type, uses)));
        for (ProjectConfig.EntryDefinition entry : config.entries()) {
            if (entry.pattern() != null) {
                patterns.add(entry);
                continue;
            }
            if (unknownTypes.containsKey(entry.config().type())) {
                continue;
            }
            try {
                catalog.add(create(
                        entry.config().name(),
                        entry.config().settings(),
                        entry.position().fileAndLine(),
                        keySources(entry.node())));
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
            if (unknownTypes.containsKey(entry.config().type())) {
                continue;
            }
            try {
                catalog.factory(new PatternEntryFactory(
                        entry.pattern(), entry.config().settings(), sourceOf(entry), keySources(entry.node()), this));
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
        addParameters(catalog);
        return catalog.build();
    }

    /**
     * The types that entries name but no registered type has, each with the entries that use it (name to
     * the position of their {@code type:}). A type filled from a placeholder can only be checked once a
     * name matches.
     */
    private Map<String, Map<String, String>> unknownTypes() {
        Map<String, Map<String, String>> unknown = new LinkedHashMap<>();
        for (ProjectConfig.EntryDefinition entry : config.entries()) {
            String type = entry.config().type();
            if (!DatasetPattern.isPattern(type) && types.find(type).isEmpty()) {
                unknown.computeIfAbsent(type, t -> new LinkedHashMap<>())
                        .put(entry.config().name(), typePosition(entry));
            }
        }
        return unknown;
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
        String type = String.valueOf(settings.get("type"));
        boolean tee = !Boolean.FALSE.equals(settings.get("tee"));
        DatasetSpec spec = DatasetSpec.builder(name, type)
                .config(datasetConfig(settings))
                .source(source)
                .projectDir(projectDir)
                .credentials(config.credentialsFor(settings.get("credentials")))
                .nestedFactory(this::createNested)
                .warnings(config.warnings())
                .keySources(keySources)
                .build();
        Object versioned = settings.containsKey("versioned")
                ? settings.get("versioned")
                : types.find(type).map(DatasetType::versionedByDefault).orElse(false);
        Dataset<?> dataset = Boolean.TRUE.equals(versioned) ? versioned(spec) : types.create(spec);
        return new CatalogEntry(name, dataset, tee, source);
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
        if (reference instanceof String name && !config.credentialNames().contains(name)) {
            throw nested.error("refers to credentials '" + name + "', which are not defined; known credentials: "
                    + config.credentialNames());
        }
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
