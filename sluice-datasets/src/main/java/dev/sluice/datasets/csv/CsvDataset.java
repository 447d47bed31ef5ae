package dev.sluice.datasets.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.sluice.io.FileDataset;
import dev.sluice.io.PartitionedDirectory;
import dev.sluice.io.StoredForm;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

/**
 * A CSV file read into a DFLib {@link DataFrame}, one column per CSV column.
 *
 * <p>Column types come from {@code dtype} declarations, else from inference (the default): a column
 * whose values all parse as int becomes an int column, then long, double, boolean, else string. A
 * column without nulls is a primitive series; empty cells are null. Without inference every
 * undeclared column is a string column.
 *
 * <p><b>Inference makes the round trip lossy:</b> strings that look like numbers or booleans come back
 * as numbers or booleans ({@code "007"} as {@code 7}), a long column with small values comes back as
 * int, a float or decimal column as double, and a column of another type (dates, say) as string.
 * Declare {@code dtype} for every column to get exact types back, or mark the catalog entry {@code
 * tee: false} so consumers always see the reloaded frame rather than the value the producer handed
 * on. Null and the empty string are kept apart (the empty string is written quoted).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CsvDataset extends FileDataset<DataFrame> {
    private final CsvFormat loadFormat;
    private final CsvFormat saveFormat;
    private final Map<String, ColumnType> dtypes;
    private final boolean inferTypes;
    private final ReadOptions read;
    private final WriteOptions write;

    /**
     * What loading does beyond the layout, in pandas' words: {@code decimal} (the decimal mark of numbers),
     * {@code naValues} (cells read as null besides empty ones), {@code names} (column names to use instead of
     * the header's, or for a file without one), {@code usecols} (the columns to keep, by name or position).
     */
    record ReadOptions(
            char decimal, Set<String> naValues, List<String> names, List<Object> usecols, List<Object> parseDates) {
        static final ReadOptions DEFAULT = new ReadOptions('.', Set.of(), List.of(), List.of(), List.of());

        /** Whether column {@code j}, named {@code name}, is read as dates. */
        boolean isDate(String name, int j) {
            return parseDates.contains(name) || parseDates.contains(j);
        }
    }

    /**
     * What saving does beyond the layout: {@code decimal} (the decimal mark written), {@code naRep} (the text
     * written for null; null writes an empty field), {@code index} (write the row numbers as a first column,
     * as pandas writes its default index) under {@code indexLabel}.
     */
    record WriteOptions(char decimal, String naRep, boolean index, String indexLabel) {
        static final WriteOptions DEFAULT = new WriteOptions('.', null, false, "");
    }

    /** The column types a CSV column can be read as. */
    public enum ColumnType {
        INT("an int"),
        LONG("a long"),
        DOUBLE("a double"),
        BOOLEAN("true or false"),
        STRING("a string");

        private final String label;

        ColumnType(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** The type named {@code name} ({@code int}, {@code int64}, {@code float}, {@code bool}, {@code str}...), if any. */
        static ColumnType named(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "int", "int32", "integer" -> INT;
                case "long", "int64" -> LONG;
                case "double", "float", "float64" -> DOUBLE;
                case "boolean", "bool" -> BOOLEAN;
                case "string", "str", "object" -> STRING;
                default -> null;
            };
        }
    }

    private CsvDataset(Builder builder) {
        super(builder.location);
        this.loadFormat = new CsvFormat(builder.loadDelimiter, builder.loadHeader, builder.loadEncoding);
        this.saveFormat = new CsvFormat(builder.saveDelimiter, builder.saveHeader, builder.saveEncoding);
        this.dtypes = Map.copyOf(builder.dtypes);
        this.inferTypes = builder.inferTypes;
        this.read = builder.read;
        this.write = builder.write;
    }

    /** A UTF-8, comma-separated file with a header row at {@code location}, with type inference. */
    public static CsvDataset at(Location location) {
        return builder(location).build();
    }

    /** Starts a CSV dataset at {@code location} with the defaults of {@link #at}. */
    public static Builder builder(Location location) {
        return new Builder(location);
    }

    @Override
    protected DataFrame decode(InputStream in) throws IOException {
        return frame(loadFormat.read(in, problem -> loadError(problem, null)));
    }

    /**
     * Reads a directory of CSV part files (as Spark writes a dataset) as one frame: every part's records in
     * the order of the parts' names, under one header, typed once over all of them.
     */
    @Override
    protected DataFrame readParts(List<Location> parts) throws IOException {
        PartTables tables = new PartTables();
        for (Location part : parts) {
            tables.add(part);
        }
        return frame(tables.table());
    }

    /**
     * Reads a partitioned directory (Spark's {@code partitionBy}) as one frame: every partition's parts read as
     * {@link #readParts} reads them, typed once over all of them, then the partition columns after the files'
     * columns, typed as {@link PartitionedDirectory} says ({@code dtype}, {@code usecols} and {@code names} apply
     * to the files' columns).
     */
    @Override
    protected DataFrame readPartitioned(PartitionedDirectory directory) throws IOException {
        PartTables tables = new PartTables();
        int[] heights = new int[directory.partitions().size()];
        for (int p = 0; p < heights.length; p++) {
            int before = tables.records.size();
            for (Location part : directory.partitions().get(p).parts()) {
                tables.add(part);
            }
            heights[p] = tables.records.size() - before;
        }
        DataFrame data = frame(tables.table());
        Series<?>[] partitionColumns =
                directory.rowValues(heights).stream().map(Columns::ofValues).toArray(Series<?>[]::new);
        String[] labels =
                directory.columnsAfter(List.of(data.getColumnsIndex().toArray()), problem -> loadError(problem, null));
        return data.colsAppend(labels).merge(partitionColumns);
    }

    /** The records of CSV part files read so far, under the first part's header, which every part must have. */
    private final class PartTables {
        private final List<CsvFormat.Record> records = new ArrayList<>();
        private CsvFormat.Table first;
        private String firstPart;

        void add(Location part) throws IOException {
            CsvFormat.Table table;
            try (InputStream in = part.openRead()) {
                table = loadFormat.read(in, problem -> loadError(problem + " in part " + part.uri(), null));
            }
            if (table.header() == null && table.records().isEmpty()) {
                return; // an empty partition
            }
            if (first == null) {
                first = table;
                firstPart = part.uri().toString();
            } else if (!java.util.Arrays.equals(first.header(), table.header())) {
                throw loadError(
                        "its parts have different columns: " + List.of(first.header()) + " in " + firstPart + ", "
                                + List.of(table.header()) + " in " + part.uri() + "; write it again in one save",
                        null);
            }
            records.addAll(table.records());
        }

        CsvFormat.Table table() {
            return first == null ? new CsvFormat.Table(null, List.of()) : new CsvFormat.Table(first.header(), records);
        }
    }

    @Override
    public Optional<StoredForm> storedForm() {
        return Optional.of(new StoredForm(
                "csv",
                StoredForm.Layout.FILE,
                Map.of("header", String.valueOf(saveFormat.header()), "sep", String.valueOf(saveFormat.delimiter()))));
    }

    /**
     * Refuses what is not CSV files, and CSV whose header row or separator differ from what this entry reads
     * (Spark writes no header unless told, this type reads one unless told).
     */
    @Override
    public Optional<String> cannotRead(StoredForm written, String writer) {
        Optional<String> layout = written.unreadableAsFiles("csv", writer);
        if (layout.isPresent()) {
            return layout;
        }
        boolean header = Boolean.parseBoolean(written.option("header", "false"));
        if (header != loadFormat.header()) {
            return Optional.of(
                    header
                            ? "'" + writer + "' writes a header row, and this entry reads the first row as data; set"
                                    + " load_args header: true here"
                            : "'" + writer
                                    + "' writes no header row (Spark's default), and this entry reads the first row"
                                    + " as column names; set save_args header: true on '" + writer + "'");
        }
        String sep = written.option("sep", ",");
        if (!sep.equals(String.valueOf(loadFormat.delimiter()))) {
            return Optional.of("'" + writer + "' separates fields with '" + sep + "' and this entry with '"
                    + loadFormat.delimiter() + "'; give both entries the same sep");
        }
        return Optional.empty();
    }

    private DataFrame frame(CsvFormat.Table table) {
        int width = table.width();
        String[] names = new String[width];
        for (int j = 0; j < width; j++) {
            names[j] = table.header() != null ? table.header()[j] : String.valueOf(j);
        }
        if (!read.names().isEmpty()) {
            if (read.names().size() != width) {
                throw loadError(
                        "load_args.names gives " + read.names().size() + " column names, but the file has " + width
                                + " columns; name every column",
                        null);
            }
            names = read.names().toArray(String[]::new);
        }
        checkNames(names);
        int[] kept = keptColumns(names);
        List<CsvFormat.Record> records = table.records();
        Series<?>[] columns = new Series<?>[kept.length];
        String[] keptNames = new String[kept.length];
        for (int k = 0; k < kept.length; k++) {
            int j = kept[k];
            keptNames[k] = names[j];
            String[] values = new String[records.size()];
            for (int i = 0; i < values.length; i++) {
                String value = records.get(i).fields()[j];
                values[i] = value != null && read.naValues().contains(value) ? null : value;
            }
            String[] numbers = read.decimal() == '.' ? values : Columns.withDecimalPoint(values, read.decimal());
            ColumnType type = dtypes.get(names[j]);
            if (type == null) {
                type = inferTypes ? Columns.infer(numbers) : ColumnType.STRING;
            }
            if (read.isDate(names[j], j)) {
                columns[k] = Columns.dates(names[j], values, records, problem -> loadError(problem, null));
                continue;
            }
            columns[k] = Columns.parse(
                    names[j],
                    type,
                    type == ColumnType.DOUBLE ? numbers : values,
                    records,
                    problem -> loadError(problem, null));
        }
        return DataFrame.byColumn(Index.of(keptNames)).of(columns);
    }

    /** The positions of the columns {@code usecols} keeps, in file order; every column without it. */
    private int[] keptColumns(String[] names) {
        if (read.usecols().isEmpty()) {
            return java.util.stream.IntStream.range(0, names.length).toArray();
        }
        List<String> nameList = List.of(names);
        java.util.TreeSet<Integer> kept = new java.util.TreeSet<>();
        for (Object wanted : read.usecols()) {
            int position = wanted instanceof Integer index ? index : nameList.indexOf(String.valueOf(wanted));
            if (position < 0 || position >= names.length) {
                throw loadError(
                        "load_args.usecols names column '" + wanted + "', which the file does not have (its columns"
                                + " are " + nameList + "); fix it in the catalog",
                        null);
            }
            kept.add(position);
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected void encode(DataFrame frame, OutputStream out) throws IOException {
        Index index = frame.getColumnsIndex();
        int width = index.size();
        if (width == 0) {
            return;
        }
        int offset = write.index() ? 1 : 0;
        CsvWriter writer = saveFormat.writer(out);
        if (saveFormat.header()) {
            String[] header = new String[width + offset];
            if (write.index()) {
                header[0] = write.indexLabel();
            }
            System.arraycopy(index.toArray(), 0, header, offset, width);
            writer.writeRecord(header);
        }
        Series<?>[] columns = new Series<?>[width];
        for (int j = 0; j < width; j++) {
            columns[j] = frame.getColumn(j);
        }
        String[] fields = new String[width + offset];
        for (int i = 0, height = frame.height(); i < height; i++) {
            if (write.index()) {
                fields[0] = Integer.toString(i);
            }
            for (int j = 0; j < width; j++) {
                String text = Columns.format(columns[j].get(i), write.decimal());
                fields[j + offset] = text == null ? write.naRep() : text;
            }
            writer.writeRecord(fields);
        }
        writer.flush();
    }

    @Override
    public Class<?> valueType() {
        return DataFrame.class;
    }

    @Override
    protected String typeName() {
        return "csv";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        Map<String, Object> loadArgs = loadFormat.describe();
        Map<String, String> declared = new LinkedHashMap<>();
        dtypes.forEach((column, type) -> declared.put(column, type.name().toLowerCase(Locale.ROOT)));
        if (!declared.isEmpty()) {
            loadArgs.put("dtype", declared);
        }
        loadArgs.put("infer_types", inferTypes);
        if (read.decimal() != '.') {
            loadArgs.put("decimal", String.valueOf(read.decimal()));
        }
        if (!read.naValues().isEmpty()) {
            loadArgs.put("na_values", new java.util.TreeSet<>(read.naValues()));
        }
        if (!read.names().isEmpty()) {
            loadArgs.put("names", read.names());
        }
        if (!read.usecols().isEmpty()) {
            loadArgs.put("usecols", read.usecols());
        }
        if (!read.parseDates().isEmpty()) {
            loadArgs.put("parse_dates", read.parseDates());
        }
        description.put("load_args", loadArgs);
        Map<String, Object> saveArgs = saveFormat.describe();
        if (write.decimal() != '.') {
            saveArgs.put("decimal", String.valueOf(write.decimal()));
        }
        if (write.naRep() != null) {
            saveArgs.put("na_rep", write.naRep());
        }
        if (write.index()) {
            saveArgs.put("index", true);
            saveArgs.put("index_label", write.indexLabel());
        }
        description.put("save_args", saveArgs);
    }

    private void checkNames(String[] names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw loadError(
                        "the header names column '" + name + "' twice; rename one of them, since columns need"
                                + " unique names",
                        null);
            }
        }
        for (String declared : dtypes.keySet()) {
            if (!seen.contains(declared)) {
                throw loadError(
                        "load_args.dtype declares column '" + declared + "', which the file does not have"
                                + " (its columns are " + List.of(names) + "); fix the name in the catalog",
                        null);
            }
        }
    }

    /** Settings of a {@link CsvDataset}; the public setters apply to loading and saving alike. Not thread-safe. */
    public static final class Builder {
        private final Location location;
        private char loadDelimiter = ',';
        private char saveDelimiter = ',';
        private boolean loadHeader = true;
        private boolean saveHeader = true;
        private Charset loadEncoding = StandardCharsets.UTF_8;
        private Charset saveEncoding = StandardCharsets.UTF_8;
        private final Map<String, ColumnType> dtypes = new LinkedHashMap<>();
        private boolean inferTypes = true;
        private ReadOptions read = ReadOptions.DEFAULT;
        private WriteOptions write = WriteOptions.DEFAULT;

        private Builder(Location location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        /** The field separator; {@code ,} by default. */
        public Builder delimiter(char delimiter) {
            loadDelimiter = delimiter;
            saveDelimiter = delimiter;
            return this;
        }

        /** Whether the first row names the columns; {@code true} by default. Without it columns are named 0, 1, ... */
        public Builder header(boolean header) {
            loadHeader = header;
            saveHeader = header;
            return this;
        }

        /** The character encoding; UTF-8 by default. */
        public Builder encoding(Charset encoding) {
            loadEncoding = Objects.requireNonNull(encoding, "encoding");
            saveEncoding = encoding;
            return this;
        }

        /** Reads {@code column} as {@code type}, whatever inference would say. */
        public Builder dtype(String column, ColumnType type) {
            dtypes.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Whether undeclared columns get inferred types ({@code true}, the default) or stay strings. */
        public Builder inferTypes(boolean infer) {
            inferTypes = infer;
            return this;
        }

        Builder loadFormat(char delimiter, boolean header, Charset encoding) {
            loadDelimiter = delimiter;
            loadHeader = header;
            loadEncoding = encoding;
            return this;
        }

        Builder saveFormat(char delimiter, boolean header, Charset encoding) {
            saveDelimiter = delimiter;
            saveHeader = header;
            saveEncoding = encoding;
            return this;
        }

        Builder read(ReadOptions options) {
            read = Objects.requireNonNull(options, "options");
            return this;
        }

        Builder write(WriteOptions options) {
            write = Objects.requireNonNull(options, "options");
            return this;
        }

        public CsvDataset build() {
            return new CsvDataset(this);
        }
    }
}
