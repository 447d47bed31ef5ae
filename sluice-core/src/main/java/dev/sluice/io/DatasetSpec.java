package dev.sluice.io;

import dev.sluice.ConfigurationException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One catalog entry's settings, as handed to {@link DatasetType#create}: typed accessors whose errors
 * name the entry and where it was defined ({@code conf/base/catalog.yml:12}).
 */
public final class DatasetSpec {
    private final String name;
    private final String type;
    private final Map<String, Object> config;
    private final String source;
    private final Path projectDir;
    private final Map<String, Object> credentials;
    private final Function<DatasetSpec, Dataset<?>> nestedFactory;
    private final SettingValues settings;

    /**
     * @param name the catalog name
     * @param type the {@code type:} as written
     * @param config every setting of the entry except {@code type} and {@code credentials}
     * @param source where the entry is defined, for messages (file and line)
     * @param projectDir the directory relative paths resolve against
     * @param credentials the resolved credentials the entry refers to, or empty
     * @param nestedFactory builds a dataset from a nested spec (used by wrappers such as {@code slow})
     */
    public DatasetSpec(
            String name,
            String type,
            Map<String, Object> config,
            String source,
            Path projectDir,
            Map<String, Object> credentials,
            Function<DatasetSpec, Dataset<?>> nestedFactory) {
        this.name = name;
        this.type = type;
        this.config = Map.copyOf(config);
        this.source = source;
        this.projectDir = projectDir;
        this.credentials = Map.copyOf(credentials);
        this.nestedFactory = nestedFactory;
        this.settings = new SettingValues(this.config, (key, problem) -> error("setting '" + key + "' " + problem));
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> config() {
        return config;
    }

    /** Where the entry was defined, such as {@code conf/base/catalog.yml:12}. */
    public String source() {
        return source;
    }

    public Path projectDir() {
        return projectDir;
    }

    public Map<String, Object> credentials() {
        return credentials;
    }

    /** A required string setting. */
    public String requireString(String key) {
        return string(key).orElseThrow(() -> error("needs a '" + key + "' setting"));
    }

    public Optional<String> string(String key) {
        return settings.string(key);
    }

    public double number(String key, double defaultValue) {
        return settings.number(key, defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return settings.bool(key, defaultValue);
    }

    /** A nested map setting such as {@code load_args}; empty when absent. */
    public Map<String, Object> map(String key) {
        return settings.map(key);
    }

    /** The location named by setting {@code key} (usually {@code filepath}). */
    public Location location(String key) {
        try {
            return Storage.locate(requireString(key), projectDir, credentials, map("fs_args"));
        } catch (ConfigurationException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new ConfigurationException(
                    source + ": dataset '" + name + "' (type " + type + "): " + e.getMessage(), e);
        }
    }

    /** Builds the dataset described by the nested mapping under {@code key} (it needs its own {@code type}). */
    public Dataset<?> nested(String key) {
        Map<String, Object> inner = new LinkedHashMap<>(map(key));
        if (inner.isEmpty()) {
            throw error("needs a '" + key + "' mapping with the wrapped dataset's settings");
        }
        Object innerType = inner.remove("type");
        if (innerType == null) {
            throw error("setting '" + key + "' needs a 'type'");
        }
        DatasetSpec child =
                new DatasetSpec(name, innerType.toString(), inner, source, projectDir, credentials, nestedFactory);
        return nestedFactory.apply(child);
    }

    /** A configuration error that names this entry and its source. */
    public ConfigurationException error(String problem) {
        return new ConfigurationException(source + ": dataset '" + name + "' (type " + type + ") " + problem + ".");
    }
}
