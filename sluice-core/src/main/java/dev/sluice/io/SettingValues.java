package dev.sluice.io;

import dev.sluice.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Typed reads of one mapping of catalog settings, shared by {@link DatasetSpec} (the entry) and
 * {@link DatasetArgs} ({@code load_args}, {@code save_args}); each owner words its own errors.
 */
final class SettingValues {
    private final Map<String, Object> values;
    private final BiFunction<String, String, ConfigurationException> error;

    /** @param error makes the exception for a key and a problem ("must be a number, not 'x'") */
    SettingValues(Map<String, Object> values, BiFunction<String, String, ConfigurationException> error) {
        this.values = values;
        this.error = error;
    }

    Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof Iterable) {
            throw error.apply(key, "must be a single value, not " + value);
        }
        return Optional.of(String.valueOf(value));
    }

    double number(String key, double defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw error.apply(key, "must be a number, not '" + value + "'");
        }
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error.apply(key, "must be true or false, not '" + value + "'");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw error.apply(key, "must be a mapping, not '" + value + "'");
        }
        return (Map<String, Object>) value;
    }
}
