package dev.sluice.io;

import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A YAML document read into plain Java values ({@link Map}s keeping the document's key order, {@link
 * List}s, strings, numbers, booleans and nulls) and written back from them, as Kedro's {@code
 * yaml.YAMLDataset} does with PyYAML's {@code safe_load} and {@code dump}.
 *
 * <p>Loading reads one document (a file with several is an error naming the line of the second) and
 * builds no Java objects from tags. Saving is deterministic: the same value gives the same bytes, in
 * block style unless flow style is asked for, keys in the map's own order unless sorting is asked
 * for, UTF-8 with a final newline. Only plain values can be saved; anything else (a record, say) is
 * an error that says to convert it to a map first. Instances are immutable and thread-safe.
 */
public final class YamlDataset extends FileDataset<Object> {
    private final boolean flowStyle;
    private final boolean sortKeys;
    private final int indent;

    private YamlDataset(Location location, boolean flowStyle, boolean sortKeys, int indent) {
        super(location);
        this.flowStyle = flowStyle;
        this.sortKeys = sortKeys;
        this.indent = indent;
    }

    /** A YAML file at {@code location}, written in block style with keys in map order. */
    public static YamlDataset at(Location location) {
        return new YamlDataset(location, false, false, 2);
    }

    /** This dataset writing collections in flow style ({@code {a: 1, b: [x, y]}}) instead of block style. */
    public YamlDataset withFlowStyle(boolean flowStyle) {
        return new YamlDataset(location(), flowStyle, sortKeys, indent);
    }

    /** This dataset indenting each nesting level by {@code spaces} (2 to 9; 2 by default). */
    public YamlDataset withIndent(int spaces) {
        if (spaces < 2 || spaces > 9) {
            throw new IllegalArgumentException("indent must be 2 to 9 spaces, not " + spaces);
        }
        return new YamlDataset(location(), flowStyle, sortKeys, spaces);
    }

    /** This dataset writing every map's keys sorted by their text, as PyYAML does by default. */
    public YamlDataset withSortedKeys(boolean sortKeys) {
        return new YamlDataset(location(), flowStyle, sortKeys, indent);
    }

    @Override
    protected Object decode(InputStream in) throws IOException {
        LoadSettings settings =
                LoadSettings.builder().setLabel(location().uri().toString()).build();
        Iterator<Object> documents;
        try {
            documents = new Load(settings).loadAllFromInputStream(in).iterator();
            if (!documents.hasNext()) {
                throw loadError("the file holds no YAML document", null);
            }
            Object value = documents.next();
            if (documents.hasNext()) {
                throw loadError(
                        "the file holds more than one YAML document (separated by ---); keep one document per"
                                + " file",
                        null);
            }
            if (value == null) {
                throw loadError("the document is empty (null); write a mapping, a list or a scalar", null);
            }
            return value;
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark()
                    .map(mark -> " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
                    .orElse("");
            throw loadError("invalid YAML" + at + ": " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw loadError("invalid YAML: " + e.getMessage(), e);
        }
    }

    @Override
    protected void encode(Object value, OutputStream out) throws IOException {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(flowStyle ? FlowStyle.FLOW : FlowStyle.BLOCK)
                .setIndent(indent)
                .setWidth(Integer.MAX_VALUE)
                .build();
        String text;
        try {
            text = new Dump(settings).dumpToString(sortKeys ? sorted(value) : StableOrder.of(value));
        } catch (YamlEngineException e) {
            throw saveError(
                    "a " + value.getClass().getName() + " holds something that is not a plain value ("
                            + e.getMessage() + "); save Maps, Lists, Strings, numbers, booleans and nulls,"
                            + " converting records and other objects to maps first",
                    e);
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of {@code value} whose maps are ordered by their keys' text. */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> byText = new TreeMap<>();
            Map<String, Object> keys = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String text = String.valueOf(entry.getKey());
                byText.put(text, sorted(entry.getValue()));
                keys.put(text, entry.getKey());
            }
            Map<Object, Object> result = new LinkedHashMap<>();
            byText.forEach((text, item) -> result.put(keys.get(text), item));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(sorted(item)));
            return result;
        }
        return value;
    }

    @Override
    public Class<?> valueType() {
        return Object.class;
    }

    @Override
    protected String typeName() {
        return "yaml";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        if (flowStyle) {
            description.put("default_flow_style", true);
        }
        if (sortKeys) {
            description.put("sort_keys", true);
        }
        if (indent != 2) {
            description.put("indent", indent);
        }
    }
}
