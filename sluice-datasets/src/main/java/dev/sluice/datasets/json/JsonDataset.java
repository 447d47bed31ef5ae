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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.io.FileDataset;
import dev.sluice.io.PartitionedDirectory;
import dev.sluice.io.StableOrder;
import dev.sluice.io.StoredForm;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON file read with Jackson: by default into plain Java values ({@link Map}s, {@link
 * java.util.List}s, strings, numbers, booleans), or into a given type such as a record.
 *
 * <p>Loading is strict: content after the first JSON value, and (for typed loads) properties the
 * type does not have, are errors reported with their line and column. Files are UTF-8 and end with a
 * newline. {@link #withLines JSON Lines} hold one value per line, and the dataset's value is the list of
 * them. A directory of part files, as Spark writes a JSON dataset, is read as JSON Lines whatever the
 * setting, also when it is partitioned by column values ({@link #readPartitioned}). Instances are immutable
 * and thread-safe, provided a mapper passed to {@link #withMapper} is not reconfigured afterwards.
 *
 * @param <T> the type of value stored
 */
public final class JsonDataset<T> extends FileDataset<T> {
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String LINES = "lines";

    private final ObjectMapper mapper;
    private final JavaType type;
    private final int indent;
    private final boolean lines;

    private JsonDataset(Location location, ObjectMapper mapper, JavaType type, int indent, boolean lines) {
        super(location);
        this.mapper = mapper;
        this.type = type;
        this.indent = indent;
        this.lines = lines;
    }

    /** A JSON file at {@code location} holding any JSON value, loaded as plain Java values. */
    public static JsonDataset<Object> at(Location location) {
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(Object.class), 0, false);
    }

    /** A JSON file at {@code location} holding a {@code type}, such as a record. */
    public static <T> JsonDataset<T> at(Location location, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type), 0, false);
    }

    /** A JSON file at {@code location} holding a generic type, such as {@code List<Order>}. */
    public static <T> JsonDataset<T> at(Location location, TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return new JsonDataset<>(location, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type), 0, false);
    }

    /** A JSON file of a type given as a Jackson {@link JavaType}, e.g. one resolved from a type name. */
    static <T> JsonDataset<T> at(Location location, JavaType type) {
        return new JsonDataset<>(location, DEFAULT_MAPPER, type, 0, false);
    }

    /** This dataset writing indented JSON with {@code spaces} spaces per level (0: compact, the default). */
    public JsonDataset<T> withIndent(int spaces) {
        if (spaces < 0) {
            throw new IllegalArgumentException("indent must be 0 or more spaces, not " + spaces);
        }
        if (lines && spaces > 0) {
            throw new IllegalArgumentException("JSON Lines hold one value per line, so they cannot be indented");
        }
        return new JsonDataset<>(location(), mapper, type, spaces, lines);
    }

    /**
     * This dataset as JSON Lines ({@code true}): one value per line, as Spark and pandas' {@code lines=True}
     * write records. The dataset's value is the list of the lines' values: a {@code List} of plain values, or of
     * the element type of a collection type such as {@code List<Order>}; a save writes each element of a
     * collection on its own line, compact.
     *
     * @throws IllegalArgumentException if the type is not a collection type or {@code Object}, or the dataset is
     *     indented
     */
    public JsonDataset<T> withLines(boolean lines) {
        if (lines && indent > 0) {
            throw new IllegalArgumentException("JSON Lines hold one value per line, so they cannot be indented");
        }
        if (lines && !holdsList()) {
            throw new IllegalArgumentException("JSON Lines load as a list, and " + type.toCanonical()
                    + " is not one; use java.util.List<" + type.toCanonical() + ">");
        }
        return new JsonDataset<>(location(), mapper, type, indent, lines);
    }

    /**
     * This dataset reading and writing with {@code mapper}, e.g. one with extra modules registered.
     * The mapper's own settings apply; the strict defaults described above do not.
     */
    public JsonDataset<T> withMapper(ObjectMapper mapper) {
        return new JsonDataset<>(location(), Objects.requireNonNull(mapper, "mapper"), type, indent, lines);
    }

    /** The type values are loaded as. */
    public JavaType type() {
        return type;
    }

    /** Whether this dataset writes and reads JSON Lines. */
    public boolean lines() {
        return lines;
    }

    @Override
    protected T decode(InputStream in) throws IOException {
        if (lines) {
            List<Object> values = new ArrayList<>();
            readLines(in, "", null, values);
            return listValue(values);
        }
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

    /** Reads a directory of JSON part files (as Spark writes a JSON dataset) as JSON Lines, parts in name order. */
    @Override
    protected T readParts(List<Location> parts) throws IOException {
        List<Object> values = new ArrayList<>();
        readParts(parts, null, values);
        return listValue(values);
    }

    /**
     * Reads a partitioned directory of JSON part files (Spark's {@code partitionBy}) as JSON Lines: every line an
     * object, which gets each partition column as a last field, typed as {@link PartitionedDirectory} says (dates
     * as their {@code 2024-01-31} text, as Spark writes dates in JSON).
     */
    @Override
    protected T readPartitioned(PartitionedDirectory directory) throws IOException {
        List<Object> values = new ArrayList<>();
        for (PartitionedDirectory.Partition partition : directory.partitions()) {
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            for (int c = 0; c < directory.columns().size(); c++) {
                Object value = partition.values().get(c);
                fields.set(
                        directory.columns().get(c),
                        mapper.valueToTree(value instanceof LocalDate date ? date.toString() : value));
            }
            readParts(partition.parts(), fields, values);
        }
        return listValue(values);
    }

    /** Adds the values of the lines of {@code parts} to {@code values}, each with the partition's fields if any. */
    private void readParts(List<Location> parts, ObjectNode partition, List<Object> values) throws IOException {
        if (!holdsList()) {
            throw loadError(
                    "it is a directory of JSON part files (JSON Lines, as Spark writes them), which loads as a list,"
                            + " and load_args type " + type.toCanonical() + " is not one; use java.util.List<"
                            + type.toCanonical() + ">",
                    null);
        }
        for (Location part : parts) {
            try (InputStream in = part.openRead()) {
                readLines(in, " in part " + part.uri(), partition, values);
            }
        }
    }

    /** Adds the values of the lines in {@code in} to {@code values}, each with the partition's fields if any. */
    private void readLines(InputStream in, String source, ObjectNode partition, List<Object> values)
            throws IOException {
        JavaType element = type.getRawClass() == Object.class ? type : type.getContentType();
        try (MappingIterator<Object> lineValues = mapper.readerFor(
                        partition == null ? element : mapper.constructType(JsonNode.class))
                .readValues(in)) {
            while (lineValues.hasNextValue()) {
                Object value = lineValues.nextValue();
                if (partition != null) {
                    value = withPartition(
                            (JsonNode) value, partition, source, lineValues.getCurrentLocation(), element);
                }
                values.add(value);
            }
        } catch (JsonMappingException e) {
            throw loadError(
                    "a line does not fit " + element.toCanonical() + at(e.getLocation()) + source + path(e) + ": "
                            + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw loadError("invalid JSON" + at(e.getLocation()) + source + ": " + e.getOriginalMessage(), e);
        }
    }

    private Object withPartition(
            JsonNode line, ObjectNode partition, String source, JsonLocation location, JavaType element)
            throws IOException {
        if (!(line instanceof ObjectNode object)) {
            throw loadError(
                    "a line" + at(location) + source + " is not an object, so it cannot take the partition fields "
                            + partition,
                    null);
        }
        java.util.Iterator<String> columns = partition.fieldNames();
        while (columns.hasNext()) {
            String column = columns.next();
            if (object.has(column)) {
                throw loadError(
                        "field '" + column + "' is both in its files" + source + " and a partition column; write it"
                                + " again without that field in the data, or partitioned by another column",
                        null);
            }
        }
        object.setAll(partition);
        return mapper.readerFor(element).readValue(object);
    }

    @SuppressWarnings("unchecked")
    private T listValue(List<Object> values) {
        return (T) values;
    }

    /** Whether values of this dataset's type can be a list: plain values, or a collection type. */
    private boolean holdsList() {
        return type.getRawClass() == Object.class || type.isCollectionLikeType();
    }

    /**
     * The file this dataset writes: JSON Lines, or one document ({@code multiLine} for Spark when indented).
     */
    @Override
    public Optional<StoredForm> storedForm() {
        return Optional.of(new StoredForm(
                "json",
                StoredForm.Layout.FILE,
                Map.of(LINES, String.valueOf(lines), "multiLine", String.valueOf(!lines && indent > 0))));
    }

    /**
     * Refuses what is not JSON, a directory of part files when values cannot be a list, and one file written as
     * JSON Lines when this entry reads one document, or the reverse.
     */
    @Override
    public Optional<String> cannotRead(StoredForm written, String writer) {
        Optional<String> layout = written.unreadableAsFiles("json", writer);
        if (layout.isPresent()) {
            return layout;
        }
        if (written.layout() != StoredForm.Layout.FILE) {
            return holdsList()
                    ? Optional.empty()
                    : Optional.of("'" + writer + "' writes JSON Lines part files, which load as a list, and this"
                            + " entry loads " + type.toCanonical() + "; set load_args type: java.util.List<"
                            + type.toCanonical() + "> here");
        }
        boolean writtenLines = Boolean.parseBoolean(written.option(LINES, "true"));
        if (writtenLines == lines) {
            return Optional.empty();
        }
        return Optional.of(
                writtenLines
                        ? "'" + writer + "' writes JSON Lines (one value per line) and this entry reads one JSON"
                                + " document; set load_args lines: true here"
                        : "'" + writer + "' writes one JSON document and this entry reads JSON Lines; set save_args"
                                + " lines: true on '" + writer + "', or remove lines here");
    }

    @Override
    protected void encode(T value, OutputStream out) throws IOException {
        if (lines) {
            encodeLines(value, out);
            return;
        }
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

    /** Writes each element of {@code value}, a collection or array, compact on its own line. */
    private void encodeLines(T value, OutputStream out) throws IOException {
        Iterable<?> elements;
        if (value instanceof Iterable<?> iterable) {
            elements = iterable;
        } else if (value instanceof Object[] array) {
            elements = java.util.Arrays.asList(array);
        } else {
            throw saveError(
                    "JSON Lines save a list, one element per line, not a "
                            + value.getClass().getName()
                            + "; return a list from the node, or remove lines from the entry",
                    null);
        }
        ObjectWriter writer = mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        int index = 0;
        for (Object element : elements) {
            try {
                writer.writeValue(out, StableOrder.of(element));
            } catch (JsonMappingException e) {
                throw saveError(
                        "element " + index + ", a "
                                + (element == null ? "null" : element.getClass().getName())
                                + ", cannot be written as JSON" + path(e) + ": " + e.getOriginalMessage(),
                        e);
            }
            out.write('\n');
            index++;
        }
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
        if (lines) {
            description.put(LINES, true);
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
