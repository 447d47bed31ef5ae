package dev.sluice.manifest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The manifest's JSON: a small writer for maps, lists, strings, numbers, booleans and nulls, and a
 * reader on snakeyaml-engine (JSON is YAML 1.2), so the core needs no JSON library.
 *
 * <p>The writer escapes every character YAML does not accept as printable, so whatever it writes
 * reads back unchanged; unpaired surrogates, which neither format can carry, become U+FFFD.
 */
final class Json {
    private static final String INDENT = "  ";
    /** Manifests of very large pipelines stay well below this; the engine's default (3 MB) does not. */
    private static final int MAX_CODE_POINTS = 1 << 30;

    private Json() {}

    /** {@code value} as indented JSON, ending with a newline. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(4096);
        write(value, out, 0);
        return out.append('\n').toString();
    }

    /**
     * Parses JSON text: objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, integers
     * {@code Integer}, {@code Long} or {@code BigInteger}, decimals {@code Double}.
     *
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException for text that is not JSON
     */
    static Object parse(String text, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new JsonSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        return new Load(settings).loadFromString(text);
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? number.toString() : "null");
        } else if (value instanceof Map<?, ?> map) {
            object(map, out, depth);
        } else if (value instanceof Iterable<?> items) {
            array(items, out, depth);
        } else if (value instanceof Enum<?> constant) {
            string(constant.name(), out);
        } else {
            string(value.toString(), out);
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            newline(out, depth + 1);
            string(String.valueOf(entry.getKey()), out);
            out.append(": ");
            write(entry.getValue(), out, depth + 1);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        newline(out, depth);
        out.append('}');
    }

    private static void array(Iterable<?> items, StringBuilder out, int depth) {
        Iterator<?> it = items.iterator();
        if (!it.hasNext()) {
            out.append("[]");
            return;
        }
        boolean scalars = true;
        List<Object> values = new ArrayList<>();
        it.forEachRemaining(values::add);
        for (Object item : values) {
            scalars &= !(item instanceof Map<?, ?>) && !(item instanceof Iterable<?>);
        }
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            // Lists of names stay on one line; lists of objects get one line per element.
            if (scalars) {
                out.append(i == 0 ? "" : " ");
            } else {
                newline(out, depth + 1);
            }
            write(values.get(i), out, depth + 1);
            if (i < values.size() - 1) {
                out.append(',');
            }
        }
        if (!scalars) {
            newline(out, depth);
        }
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Characters JSON requires escaped, and those YAML does not count as printable. */
    private static boolean needsEscape(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\uFEFF'
                || c == '\uFFFE'
                || c == '\uFFFF';
    }
}
