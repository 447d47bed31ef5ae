package dev.sluice.io;

import dev.sluice.ConfigurationException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One argument mapping of a catalog entry, such as {@code load_args} or {@code save_args}, checked
 * against the keys its dataset type understands. Errors name the entry, its file and line, and the
 * key ({@code load_args.delimiter}).
 */
public final class DatasetArgs {
    private final DatasetSpec spec;
    private final String group;
    private final Map<String, Object> values;
    private final SettingValues settings;

    private DatasetArgs(DatasetSpec spec, String group, Map<String, Object> values) {
        this.spec = spec;
        this.group = group;
        this.values = values;
        this.settings = new SettingValues(values, (key, problem) -> error(key, problem));
    }

    /**
     * The mapping under {@code group} in {@code spec} (empty when absent). Its keys were checked against
     * the type's {@link DatasetSchema} when the catalog created the entry.
     *
     * @throws ConfigurationException if it is not a mapping
     */
    public static DatasetArgs of(DatasetSpec spec, String group) {
        Map<String, Object> values = new LinkedHashMap<>();
        // YAML keys can be numbers (a column named 0), so the entries are read without assuming strings.
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) spec.map(group)).entrySet()) {
            values.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        return new DatasetArgs(spec, group, Collections.unmodifiableMap(values));
    }

    /** The keys and values as written, in order; for {@link Dataset#describe()}. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean contains(String key) {
        return values.get(key) != null;
    }

    /** The value of {@code key} as written (a string, number, boolean, list or mapping), if present. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A single value as a string. */
    public Optional<String> string(String key) {
        return settings.string(key);
    }

    public boolean bool(String key, boolean defaultValue) {
        return settings.bool(key, defaultValue);
    }

    /** A value that must be exactly one character, such as a delimiter. */
    public char character(String key, char defaultValue) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String value = text.get().equals("\\t") ? "\t" : text.get();
        if (value.length() != 1) {
            throw error(key, "must be a single character, not '" + text.get() + "'");
        }
        return value.charAt(0);
    }

    /** A character set name such as {@code UTF-8}. */
    public Charset charset(String key, Charset defaultValue) {
        Optional<String> name = string(key);
        if (name.isEmpty()) {
            return defaultValue;
        }
        try {
            return Charset.forName(name.get().trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw error(key, "names an unknown encoding '" + name.get() + "'; use a name such as UTF-8");
        }
    }

    /** A nested mapping; empty when absent. */
    public Map<String, Object> map(String key) {
        return settings.map(key);
    }

    /** A configuration error about {@code key} that names the entry and where it is defined. */
    public ConfigurationException error(String key, String problem) {
        return new ConfigurationException(spec.sourceOf(group, key) + ": dataset '" + spec.name() + "' (type "
                + spec.type() + ") has a bad " + group + "." + key + ": it " + problem + ".");
    }
}
