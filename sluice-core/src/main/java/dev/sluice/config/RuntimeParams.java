package dev.sluice.config;

import dev.sluice.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses runtime parameters given on the command line ({@code --params a=1,b.c=x}) into the nested
 * map that {@link ProjectConfig#load} takes, with Kedro's rules.
 *
 * <p>Items are separated by commas; each is split at its first {@code =} or {@code :}, so values may
 * contain either but keys may not. Dotted keys nest ({@code b.c=x} gives {@code {b: {c: x}}}). Values
 * become an {@code Integer} or {@code Long}, a {@code Double}, a {@code Boolean} ({@code true} or
 * {@code false}, any case) or else stay a {@code String}.
 */
public final class RuntimeParams {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private RuntimeParams() {}

    /** The parameters in {@code text}; blank text gives an empty map. */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableMap(params);
        }
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            int colon = item.indexOf(':');
            int split = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            if (split < 0) {
                throw new ConfigurationException(ConfigMessages.paramWithoutValue(item.strip()));
            }
            String key = item.substring(0, split).strip();
            put(params, key, typed(item.substring(split + 1).strip()), item.strip());
        }
        return freeze(params);
    }

    /**
     * {@code params} with dotted keys expanded into nested maps ({@code {"b.c": 1}} becomes {@code {b:
     * {c: 1}}}); nested maps are expanded too.
     */
    static Map<String, Object> nest(Map<String, ?> params) {
        Map<String, Object> nested = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            Object expanded = value instanceof Map<?, ?> map ? nest(stringKeys(map)) : value;
            put(nested, key, expanded, key + "=" + value);
        });
        return freeze(nested);
    }

    /** Converts one value as the command line does: number, boolean, or text. */
    static Object typed(String value) {
        if (INTEGER.matcher(value).matches()) {
            try {
                long number = Long.parseLong(value);
                return number == (int) number ? (Object) (int) number : (Object) number;
            } catch (NumberFormatException tooLong) {
                return value;
            }
        }
        if (DECIMAL.matcher(value).matches()) {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.toLowerCase());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> params, String key, Object value, String item) {
        if (key.isEmpty()) {
            throw new ConfigurationException(ConfigMessages.paramWithoutKey(item));
        }
        List<String> path = List.of(key.split("\\.", -1));
        if (path.stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(ConfigMessages.paramBadKey(key));
        }
        Map<String, Object> level = params;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            Object existing = level.get(segment);
            if (existing == null) {
                Map<String, Object> child = new LinkedHashMap<>();
                level.put(segment, child);
                level = child;
            } else if (existing instanceof Map) {
                level = (Map<String, Object>) existing;
            } else {
                throw new ConfigurationException(
                        ConfigMessages.paramConflict(key, String.join(".", path.subList(0, i + 1))));
            }
        }
        String last = path.get(path.size() - 1);
        Object existing = level.get(last);
        if (existing instanceof Map && !(value instanceof Map)) {
            throw new ConfigurationException(ConfigMessages.paramConflict(key, key));
        }
        if (existing instanceof Map && value instanceof Map<?, ?> map) {
            Map<String, Object> target = (Map<String, Object>) existing;
            map.forEach((childKey, childValue) -> put(target, String.valueOf(childKey), childValue, item));
        } else {
            level.put(last, thaw(value));
        }
    }

    /** A modifiable deep copy of nested maps, so later dotted keys can add to them. */
    private static Object thaw(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, child) -> copy.put(String.valueOf(key), thaw(child)));
        return copy;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> map) {
        Map<String, Object> frozen = new LinkedHashMap<>();
        map.forEach(
                (key, value) -> frozen.put(key, value instanceof Map ? freeze((Map<String, Object>) value) : value));
        return Collections.unmodifiableMap(frozen);
    }

    /** The parameters as a configuration tree whose positions say they came from {@code --params}. */
    static ConfigNode.Mapping toNode(Map<String, ?> params) {
        return (ConfigNode.Mapping) node(params);
    }

    private static ConfigNode node(Object value) {
        Position position = Position.from("--params");
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
            map.forEach((key, child) -> members.put(String.valueOf(key), new ConfigNode.Member(position, node(child))));
            return new ConfigNode.Mapping(members, position);
        }
        if (value instanceof List<?> list) {
            return new ConfigNode.Sequence(
                    list.stream().map(RuntimeParams::node).toList(), position);
        }
        return new ConfigNode.Scalar(value, position);
    }
}
