package dev.sluice.config;

import dev.sluice.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses runtime parameters given on the command line ({@code --params a=1,b.c=x}) into the nested
 * map that {@link ProjectConfig#load} takes, with Kedro's rules.
 *
 * <p>Items are separated by commas outside brackets and quotes; each is split at its first {@code =}
 * or {@code :}, so values may contain either but keys may not. Dotted keys nest ({@code b.c=x} gives
 * {@code {b: {c: x}}}). A value in YAML flow syntax becomes a list or a mapping
 * ({@code features=[engines,crew]}, {@code model={depth: 3, rate: 0.1}}), as OmegaConf's dot-lists
 * read it; a value in single or double quotes is text, commas included ({@code title='a, b'}). Any
 * other value, and every unquoted item of a list or mapping, becomes an {@code Integer} or
 * {@code Long}, a {@code Double}, a {@code Boolean} ({@code true} or {@code false}, any case) or else
 * stays a {@code String}.
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
        for (String item : items(text)) {
            int split = keyEnd(item);
            if (split < 0) {
                throw new ConfigurationException(ConfigMessages.paramWithoutValue(item));
            }
            String key = item.substring(0, split).strip();
            put(params, key, value(item.substring(split + 1).strip(), item), item);
        }
        return freeze(params);
    }

    /**
     * The {@code key=value} items of {@code text}: split at commas that are outside brackets, braces and
     * quotes, stripped, blank items left out.
     */
    public static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if ((c == '\'' || c == '"') && opensValue(text, i)) {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                addItem(items, text.substring(start, i));
                start = i + 1;
            }
        }
        addItem(items, text.substring(start));
        return items;
    }

    /** Whether the quote at {@code at} starts a value (so {@code it's} is text, not a quote). */
    private static boolean opensValue(String text, int at) {
        int before = at - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        return before < 0 || "=:[{,".indexOf(text.charAt(before)) >= 0;
    }

    private static void addItem(List<String> items, String item) {
        if (!item.isBlank()) {
            items.add(item.strip());
        }
    }

    /** Where the key of {@code item} ends: its first '=' or ':', or -1 when it has neither. */
    public static int keyEnd(String item) {
        int equals = item.indexOf('=');
        int colon = item.indexOf(':');
        return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    }

    /**
     * {@code params} as {@code --params} text that {@link #parse} reads back to the same values: nested
     * keys dotted, lists and mappings in flow syntax, text quoted where it would otherwise be read as
     * something else.
     */
    public static String format(Map<?, ?> params) {
        List<String> items = new ArrayList<>();
        flatten("", params, items);
        return String.join(",", items);
    }

    private static void flatten(String prefix, Map<?, ?> params, List<String> items) {
        params.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(prefix + key + ".", child, items);
            } else {
                items.add(prefix + key + "=" + formatValue(value, false));
            }
        });
    }

    private static String formatValue(Object value, boolean inFlow) {
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(formatValue(String.valueOf(k), true) + ": " + formatValue(v, true)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value instanceof List<?> list) {
            List<String> entries = new ArrayList<>();
            list.forEach(v -> entries.add(formatValue(v, true)));
            return "[" + String.join(", ", entries) + "]";
        }
        if (value instanceof String text && needsQuotes(text, inFlow)) {
            return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
        }
        return String.valueOf(value);
    }

    private static boolean needsQuotes(String text, boolean inFlow) {
        if (text.isEmpty()) {
            return inFlow;
        }
        boolean special = text.chars().anyMatch(c -> ",[]{}'\"".indexOf(c) >= 0)
                || (inFlow && (text.contains(": ") || text.contains("#") || text.endsWith(":")))
                || !text.equals(text.strip());
        return special || !(typed(text) instanceof String);
    }

    /** A value as written after the key: quoted text, a flow list or mapping, or a typed scalar. */
    private static Object value(String text, String item) {
        if (text.length() >= 2
                && (text.charAt(0) == '\'' || text.charAt(0) == '"')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        if (text.startsWith("[") || text.startsWith("{")) {
            try {
                return flow(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigMessages.paramBadFlow(item, e.getMessage()), e);
            }
        }
        return typed(text);
    }

    /**
     * {@code text}, a YAML flow list or mapping, as plain values.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never quoting it)
     */
    static Object flow(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel("--params")
                .setAllowDuplicateKeys(false)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            return root.map(RuntimeParams::plain).orElse(text);
        } catch (YamlEngineException e) {
            String problem = e instanceof MarkedYamlEngineException marked && marked.getProblem() != null
                    ? marked.getProblem().strip()
                    : "it is not YAML flow syntax";
            throw new IllegalArgumentException(problem, e);
        }
    }

    private static Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getScalarStyle() == ScalarStyle.PLAIN ? typed(scalar.getValue()) : scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(item -> list.add(plain(item)));
            return Collections.unmodifiableList(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            map.put(String.valueOf(plain(tuple.getKeyNode())), plain(tuple.getValueNode()));
        }
        return Collections.unmodifiableMap(map);
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
        return (ConfigNode.Mapping) ConfigNode.fromPlain(params, Position.from("--params"));
    }
}
