package dev.sluice.io;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One catalog entry's settings, as handed to {@link DatasetType#create}: typed accessors whose errors
 * name the entry and where it was defined ({@code conf/base/catalog.yml:12}), and a way to warn.
 */
public final class DatasetSpec {
    private final String name;
    private final String type;
    private final Map<String, Object> config;
    private final String source;
    private final Path projectDir;
    private final Map<String, Object> credentials;
    private final Function<DatasetSpec, Dataset<?>> nestedFactory;
    private final Warnings warnings;
    private final Function<List<String>, String> keySources;
    private final List<String> keyPrefix;
    private final SettingValues settings;

    private DatasetSpec(Builder builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.config = Map.copyOf(builder.config);
        this.source = builder.source;
        this.projectDir = builder.projectDir;
        this.credentials = Map.copyOf(builder.credentials);
        this.nestedFactory = builder.nestedFactory;
        this.warnings = builder.warnings;
        this.keySources = builder.keySources;
        this.keyPrefix = List.copyOf(builder.keyPrefix);
        this.settings = new SettingValues(this.config, (key, problem) -> error("setting '" + key + "' " + problem));
    }

    /**
     * Starts a spec for entry {@code name} of type {@code type}, with no settings, defined in {@code
     * code}, relative to the working directory, whose nested datasets cannot be built.
     */
    public static Builder builder(String name, String type) {
        return new Builder(name, type);
    }

    public String name() {
        return name;
    }

    /** The {@code type:} as written. */
    public String type() {
        return type;
    }

    /** Every setting of the entry except those the catalog handles ({@code type}, {@code credentials}, ...). */
    public Map<String, Object> config() {
        return config;
    }

    /** Where the entry was defined, such as {@code conf/base/catalog.yml:12}. */
    public String source() {
        return source;
    }

    /**
     * Where the key at {@code path} inside this entry is written ({@code sourceOf("load_args", "sep")}
     * gives {@code conf/base/catalog.yml:15}), or the entry's {@link #source()} when not known.
     */
    public String sourceOf(String... path) {
        List<String> full = new ArrayList<>(keyPrefix);
        full.addAll(List.of(path));
        String found = keySources.apply(full);
        return found != null ? found : source;
    }

    /** The directory relative paths resolve against. */
    public Path projectDir() {
        return projectDir;
    }

    /** The resolved credentials the entry refers to, or empty. */
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

    /**
     * The column names listed under {@code argsKey} at {@code key}, such as {@code load_args.columns}; empty
     * when absent.
     *
     * @throws ConfigurationException if the value is not a non-empty list
     */
    public List<String> columnNames(String argsKey, String key) {
        Object value = map(argsKey).get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw error("needs " + argsKey + " '" + key + "' to be a non-empty list of column names, like [id, value]");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** The location named by setting {@code key} (usually {@code filepath}). */
    public Location location(String key) {
        try {
            Location location = Storage.locate(requireString(key), projectDir, credentials, map("fs_args"));
            if ("file".equals(location.uri().getScheme())) {
                warnLocalOnly(key);
            }
            return location;
        } catch (ConfigurationException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new ConfigurationException(
                    sourceOf(key) + ": dataset '" + name + "' (type " + type + "): " + e.getMessage(), e);
        }
    }

    /** Local files take neither store settings nor credentials: say so rather than ignore them silently. */
    private void warnLocalOnly(String key) {
        List<String> unused = new ArrayList<>();
        if (!map("fs_args").isEmpty()) {
            unused.add("fs_args");
        }
        if (!credentials.isEmpty()) {
            unused.add("credentials");
        }
        if (!unused.isEmpty()) {
            warn("sets " + String.join(" and ", unused) + ", which only object stores (s3://...) use; its " + key
                    + " is a local path, so " + (unused.size() == 1 ? "it has" : "they have")
                    + " no effect; remove " + (unused.size() == 1 ? "it" : "them") + " to silence this warning");
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
        List<String> prefix = new ArrayList<>(keyPrefix);
        prefix.add(key);
        DatasetSpec child = toBuilder(name, innerType.toString())
                .config(inner)
                .keyPrefix(prefix)
                .build();
        return nestedFactory.apply(child);
    }

    /**
     * A builder that starts from this spec's source, project directory, credentials, nested factory,
     * warnings and key positions, for a related entry (a version of it, a nested dataset).
     */
    public Builder toBuilder(String newName, String newType) {
        return builder(newName, newType)
                .config(config)
                .source(source)
                .projectDir(projectDir)
                .credentials(credentials)
                .nestedFactory(nestedFactory)
                .warnings(warnings)
                .keySources(keySources)
                .keyPrefix(keyPrefix);
    }

    /** A configuration error that names this entry and its source. */
    public ConfigurationException error(String problem) {
        return new ConfigurationException(source + ": dataset '" + name + "' (type " + type + ") " + problem + ".");
    }

    /**
     * Tells the user something about this entry that does not stop the run, such as an option with no
     * effect; the message completes "dataset 'x' (type t) ...". Each distinct warning is told once.
     */
    public void warn(String problem) {
        warnings.add(source, "dataset '" + name + "' (type " + type + ") " + problem + ".");
    }

    /** Collects a spec's parts. */
    public static final class Builder {
        private final String name;
        private final String type;
        private Map<String, Object> config = Map.of();
        private String source = "code";
        private Path projectDir = Path.of("");
        private Map<String, Object> credentials = Map.of();
        private Function<DatasetSpec, Dataset<?>> nestedFactory = nested -> {
            throw nested.error("is nested inside another dataset, but no dataset types are available to build it");
        };
        private Warnings warnings = Warnings.create();
        private Function<List<String>, String> keySources = path -> null;
        private List<String> keyPrefix = List.of();

        private Builder(String name, String type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Every setting except {@code type} and {@code credentials}. */
        public Builder config(Map<String, Object> config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where the entry is defined, for messages (file and line). */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The directory relative paths resolve against. */
        public Builder projectDir(Path projectDir) {
            this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
            return this;
        }

        /** The resolved credentials the entry refers to. */
        public Builder credentials(Map<String, Object> credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Builds a dataset from a nested spec (used by wrappers such as {@code slow}). */
        public Builder nestedFactory(Function<DatasetSpec, Dataset<?>> nestedFactory) {
            this.nestedFactory = Objects.requireNonNull(nestedFactory, "nestedFactory");
            return this;
        }

        /** Where {@link DatasetSpec#warn} sends warnings. */
        public Builder warnings(Warnings warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Finds where a key is written: given the key path from the top of the catalog entry ({@code
         * [load_args, sep]}), the file and line, or {@code null} when unknown.
         */
        public Builder keySources(Function<List<String>, String> keySources) {
            this.keySources = Objects.requireNonNull(keySources, "keySources");
            return this;
        }

        /** The path of this spec's settings inside its catalog entry (a nested dataset's: {@code [dataset]}). */
        public Builder keyPrefix(List<String> keyPrefix) {
            this.keyPrefix = List.copyOf(keyPrefix);
            return this;
        }

        public DatasetSpec build() {
            return new DatasetSpec(this);
        }
    }
}
