package dev.sluice.datasets.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.io.FileDataset;
import dev.sluice.io.StableOrder;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON document of a known shape that tools read back: a flat map of metrics, a Plotly figure, or
 * a networkx node-link graph. Saves accept a {@link Map}, a Jackson {@link JsonNode} or a JSON {@link
 * String}; each is checked against the shape before anything is written, and written indented with
 * map keys in their given order, so identical values give identical bytes. Loads give plain Java
 * values ({@link Map}s and {@link List}s), checked the same way. Immutable and thread-safe.
 */
public final class JsonDocumentDataset extends FileDataset<Object> {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The shapes of document this dataset holds. */
    public enum Kind {
        /** A flat JSON object of metric name to number, as Kedro's {@code tracking.MetricsDataset}. */
        METRICS("metrics") {
            @Override
            String problem(Object value) {
                if (!(value instanceof Map<?, ?> map)) {
                    return "metrics must be a JSON object of name to number";
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getValue() instanceof Number)) {
                        return "metric '" + entry.getKey() + "' is " + describe(entry.getValue())
                                + ", not a number; metrics are a flat map of name to number";
                    }
                }
                return null;
            }
        },
        /** A Plotly figure: an object whose {@code data} is a list of traces, with an optional {@code layout}. */
        PLOTLY("plotly figure") {
            @Override
            String problem(Object value) {
                if (!(value instanceof Map<?, ?> map) || !(map.get("data") instanceof List<?>)) {
                    return "a Plotly figure is a JSON object whose 'data' is a list of traces";
                }
                Object layout = map.get("layout");
                if (layout != null && !(layout instanceof Map<?, ?>)) {
                    return "a Plotly figure's 'layout' must be a JSON object";
                }
                return null;
            }
        },
        /** A networkx node-link graph: an object with a {@code nodes} list and a {@code links} or {@code edges} list. */
        NODE_LINK("node-link graph") {
            @Override
            String problem(Object value) {
                if (!(value instanceof Map<?, ?> map) || !(map.get("nodes") instanceof List<?>)) {
                    return "a node-link graph is a JSON object with a 'nodes' list";
                }
                if (!(map.get("links") instanceof List<?>) && !(map.get("edges") instanceof List<?>)) {
                    return "a node-link graph needs a 'links' (or 'edges') list";
                }
                return null;
            }
        };

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** What is wrong with {@code value} for this kind, or {@code null} when it fits. */
        abstract String problem(Object value);

        /** The kind as {@link JsonDocumentDataset#describe()} names it ({@code metrics}, {@code plotly figure}). */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String typeName;

    private JsonDocumentDataset(Location location, Kind kind, String typeName) {
        super(location);
        this.kind = kind;
        this.typeName = typeName;
    }

    /** A document of {@code kind} at {@code location}, named {@code typeName} in messages. */
    public static JsonDocumentDataset at(Location location, Kind kind, String typeName) {
        return new JsonDocumentDataset(
                location, Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(typeName, "typeName"));
    }

    /** The shape this dataset holds. */
    public Kind kind() {
        return kind;
    }

    @Override
    protected Object decode(InputStream in) throws IOException {
        Object value;
        try {
            value = MAPPER.readValue(in, Object.class);
        } catch (JsonProcessingException e) {
            throw loadError("invalid JSON: " + e.getOriginalMessage(), e);
        }
        String problem = kind.problem(value);
        if (problem != null) {
            throw loadError(problem, null);
        }
        return value;
    }

    @Override
    protected void encode(Object value, OutputStream out) throws IOException {
        Object plain = plain(StableOrder.of(value));
        String problem = kind.problem(plain);
        if (problem != null) {
            throw saveError(problem, null);
        }
        out.write(MAPPER.writeValueAsBytes(plain));
        out.write('\n');
    }

    /** The value as plain Java values: a JSON string is parsed, a JsonNode converted. */
    private Object plain(Object value) {
        try {
            if (value instanceof String text) {
                return MAPPER.readValue(text, Object.class);
            }
            if (value instanceof JsonNode node) {
                return MAPPER.treeToValue(node, Object.class);
            }
            return MAPPER.convertValue(value, Object.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw saveError("the " + describe(value) + " is not a JSON " + kind.label() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }

    @Override
    public Class<?> valueType() {
        return Object.class;
    }

    @Override
    protected String typeName() {
        return typeName;
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("document", kind.label());
    }
}
