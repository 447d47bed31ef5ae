package dev.sluice.datasets.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.io.FileDataset;
import dev.sluice.io.StableOrder;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON file read with Jackson: by default into plain Java values ({@link Map}s, {@link
 * java.util.List}s, strings, numbers, booleans), or into a given type such as a record.
 *
 * <p>Loading is strict: content after the first JSON value, and (for typed loads) properties the
 * type does not have, are errors reported with their line and column. Files are UTF-8 and end with a
 * newline. Instances are immutable and thread-safe, provided a mapper passed to {@link
 * #withMapper} is not reconfigured afterwards.
 *
 * @param <T> the type of value stored
 */
public final class JsonDataset<T> extends FileDataset<T> {
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectMapper mapper;
    private final JavaType type;
    private final int indent;

    private JsonDataset(Location location, ObjectMapper mapper, JavaType type, int indent) {
        super(location);
        this.mapper = mapper;
        this.type = type;
        this.indent = indent;
    }

    /** A JSON file at {@code location} holding any JSON value, loaded as plain Java values. */
    public static JsonDataset<Object> at(Location location) {
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(Object.class), 0);
    }

    /** A JSON file at {@code location} holding a {@code type}, such as a record. */
    public static <T> JsonDataset<T> at(Location location, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type), 0);
    }

    /** A JSON file at {@code location} holding a generic type, such as {@code List<Order>}. */
    public static <T> JsonDataset<T> at(Location location, TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type), 0);
    }

    /** A JSON file of a type given as a Jackson {@link JavaType}, e.g. one resolved from a type name. */
    static <T> JsonDataset<T> at(Location location, JavaType type) {
        return new JsonDataset<>(location, DEFAULT_MAPPER, type, 0);
    }

    /** This dataset writing indented JSON with {@code spaces} spaces per level (0: compact, the default). */
    public JsonDataset<T> withIndent(int spaces) {
        if (spaces < 0) {
            throw new IllegalArgumentException("indent must be 0 or more spaces, not " + spaces);
        }
        return new JsonDataset<>(location(), mapper, type, spaces);
    }

    /**
     * This dataset reading and writing with {@code mapper}, e.g. one with extra modules registered.
     * The mapper's own settings apply; the strict defaults described above do not.
     */
    public JsonDataset<T> withMapper(ObjectMapper mapper) {
        return new JsonDataset<>(location(), Objects.requireNonNull(mapper, "mapper"), type, indent);
    }

    /** The type values are loaded as. */
    public JavaType type() {
        return type;
    }

    @Override
    protected T decode(InputStream in) throws IOException {
        try {
            return mapper.readerFor(type).readValue(in);
        } catch (JsonMappingException e) {
            throw loadError(
                    "the JSON does not fit " + type.toCanonical() + at(e.getLocation()) + path(e) + ": "
                            + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw loadError("invalid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    protected void encode(T value, OutputStream out) throws IOException {
        ObjectWriter writer = mapper.writerFor(type).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (indent > 0) {
            DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
            writer = writer.with(new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
        }
        try {
            writer.writeValue(out, StableOrder.of(value));
        } catch (JsonMappingException e) {
            throw saveError(
                    "a " + value.getClass().getName() + " cannot be written as JSON" + path(e) + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        out.write('\n');
    }

    @Override
    public Class<?> valueType() {
        return type.getRawClass();
    }

    @Override
    protected String typeName() {
        return "json";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        if (type.getRawClass() != Object.class) {
            description.put("load_type", type.toCanonical());
        }
        if (indent > 0) {
            description.put("indent", indent);
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The JSON path of a mapping error, such as {@code $.orders[2].price}. */
    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(" (at $");
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.append(')').toString();
    }
}
