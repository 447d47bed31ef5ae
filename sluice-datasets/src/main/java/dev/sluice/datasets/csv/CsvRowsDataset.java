package dev.sluice.datasets.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.sluice.io.FileDataset;
import dev.sluice.io.StableOrder;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CSV file read as plain rows of strings: with a header row, a list of maps from column name to
 * value (in column order); without one, a list of lists.
 *
 * <p>Values stay text, so the round trip is exact: null is written as an empty field and the empty
 * string as {@code ""}. Saving accepts any values and writes their {@code toString()}; every row must
 * have the same columns. Loaded rows are unmodifiable. Instances are immutable and thread-safe.
 *
 * @param <R> {@code Map<String, String>} or {@code List<String>}
 */
public final class CsvRowsDataset<R> extends FileDataset<List<R>> {
    private final boolean header;
    private final char delimiter;
    private final Charset encoding;

    private CsvRowsDataset(Location location, boolean header, char delimiter, Charset encoding) {
        super(location);
        this.header = header;
        this.delimiter = delimiter;
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /** A comma-separated UTF-8 file with a header row, read as one map per row. */
    public static CsvRowsDataset<Map<String, String>> maps(Location location) {
        return new CsvRowsDataset<>(location, true, ',', StandardCharsets.UTF_8);
    }

    /** A comma-separated UTF-8 file without a header row, read as one list per row. */
    public static CsvRowsDataset<List<String>> lists(Location location) {
        return new CsvRowsDataset<>(location, false, ',', StandardCharsets.UTF_8);
    }

    /** This dataset with another field separator. */
    public CsvRowsDataset<R> withDelimiter(char delimiter) {
        return new CsvRowsDataset<>(location(), header, delimiter, encoding);
    }

    /** This dataset with another character encoding. */
    public CsvRowsDataset<R> withEncoding(Charset encoding) {
        return new CsvRowsDataset<>(location(), header, delimiter, encoding);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<R> decode(InputStream in) throws IOException {
        CsvFormat.Table table = format().read(in, problem -> loadError(problem, null));
        if (header && table.header() != null) {
            Set<String> seen = new HashSet<>();
            for (String name : table.header()) {
                if (!seen.add(name)) {
                    throw loadError(
                            "the header names column '" + name + "' twice; rename one of them, since map keys"
                                    + " must be unique",
                            null);
                }
            }
        }
        List<Object> rows = new ArrayList<>(table.records().size());
        for (CsvFormat.Record record : table.records()) {
            if (header) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < table.header().length; j++) {
                    row.put(table.header()[j], record.fields()[j]);
                }
                rows.add(Collections.unmodifiableMap(row));
            } else {
                rows.add(Collections.unmodifiableList(Arrays.asList(record.fields())));
            }
        }
        return (List<R>) Collections.unmodifiableList(rows);
    }

    @Override
    protected void encode(List<R> given, OutputStream out) throws IOException {
        // A header row given as Map.of or a HashMap names its columns in a fixed order.
        List<?> rows = (List<?>) StableOrder.of(given);
        CsvWriter writer = format().writer(out);
        List<?> columns = null;
        Set<?> keys = null;
        int index = 0;
        for (Object row : rows) {
            List<?> values;
            if (header) {
                if (!(row instanceof Map<?, ?> map)) {
                    throw saveError(rowProblem(index, "is a " + typeOf(row) + ", not a Map"), null);
                }
                if (map.isEmpty()) {
                    throw saveError(rowProblem(index, "has no keys; a CSV row needs at least one column"), null);
                }
                if (columns == null) {
                    columns = new ArrayList<>(map.keySet());
                    keys = new HashSet<>(columns);
                    writer.writeRecord(columns.stream().map(String::valueOf).toList());
                } else if (!map.keySet().equals(keys)) {
                    throw saveError(
                            rowProblem(index, "has keys " + map.keySet() + ", but the first row has " + columns)
                                    + "; every row needs the same keys",
                            null);
                }
                List<Object> ordered = new ArrayList<>(columns.size());
                for (Object column : columns) {
                    ordered.add(map.get(column));
                }
                values = ordered;
            } else {
                if (!(row instanceof List<?> list)) {
                    throw saveError(rowProblem(index, "is a " + typeOf(row) + ", not a List"), null);
                }
                if (list.isEmpty()) {
                    throw saveError(rowProblem(index, "is empty; a CSV row needs at least one field"), null);
                }
                if (columns == null) {
                    columns = list;
                } else if (list.size() != columns.size()) {
                    throw saveError(
                            rowProblem(index, "has " + list.size() + " fields, but the first row has " + columns.size())
                                    + "; every row needs the same number of fields",
                            null);
                }
                values = list;
            }
            writer.writeRecord(values.stream().map(Columns::format).toList());
            index++;
        }
        writer.flush();
    }

    @Override
    public Class<?> valueType() {
        return List.class;
    }

    @Override
    protected String typeName() {
        return "csv.rows";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("rows", header ? "maps" : "lists");
        description.putAll(format().describe());
    }

    private CsvFormat format() {
        return new CsvFormat(delimiter, header, encoding);
    }

    private static String rowProblem(int index, String problem) {
        return "the row at index " + index + " " + problem;
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
