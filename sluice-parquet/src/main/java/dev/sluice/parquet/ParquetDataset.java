package dev.sluice.parquet;

import com.jerolba.carpet.CarpetParsingException;
import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.model.WriteRecordModelType;
import dev.sluice.DatasetException;
import dev.sluice.io.FileDataset;
import dev.sluice.io.PartitionedDirectory;
import dev.sluice.io.StoredForm;
import dev.sluice.parquet.DataFrameColumns.RowPosition;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.Type;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * A Parquet file holding either a list of Java records (one row per record, one column per
 * component) or a DFLib {@link DataFrame}.
 *
 * <p>{@link #records} datasets load {@code List<R>}; reading with a record that declares only some
 * of the file's columns reads just those. {@link #dataFrames} datasets load a {@code DataFrame}.
 * Either saves a {@code DataFrame} or a collection of records of one type (the type is taken from
 * the first element when none is configured). Files are streamed to the {@link Location}, which
 * commits them atomically; reads of remote files go through memory or a temporary file, since
 * Parquet readers seek. Instances are immutable and thread-safe.
 *
 * @param <T> {@code List<R>} or {@code DataFrame}
 */
public final class ParquetDataset<T> extends FileDataset<T> {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final Class<? extends Record> recordType;
    private final ParquetCompression compression;
    private final List<String> columns;

    private ParquetDataset(
            String name,
            Location location,
            Class<? extends Record> recordType,
            ParquetCompression compression,
            List<String> columns) {
        super(name, location);
        this.recordType = recordType;
        this.compression = Objects.requireNonNull(compression, "compression");
        this.columns = List.copyOf(columns);
    }

    /** A Parquet file of {@code recordType} rows, written with Snappy compression. */
    public static <R extends Record> ParquetDataset<List<R>> records(Location location, Class<R> recordType) {
        return new ParquetDataset<>(
                null, location, Objects.requireNonNull(recordType, "recordType"), ParquetCompression.SNAPPY, List.of());
    }

    /** A Parquet file loaded as a {@link DataFrame}, written with Snappy compression. */
    public static ParquetDataset<DataFrame> dataFrames(Location location) {
        return new ParquetDataset<>(null, location, null, ParquetCompression.SNAPPY, List.of());
    }

    /** This dataset, writing with {@code codec}. */
    public ParquetDataset<T> withCompression(ParquetCompression codec) {
        return new ParquetDataset<>(datasetName(), location(), recordType, codec, columns);
    }

    /** The catalog's view: named, loading a DataFrame unless a record type is given. */
    static ParquetDataset<Object> fromCatalog(
            String name,
            Location location,
            Class<? extends Record> recordType,
            ParquetCompression compression,
            List<String> columns) {
        return new ParquetDataset<>(name, location, recordType, compression, columns);
    }

    /** Reads a local file in place; anything else is copied first, through {@link #decode}. */
    @Override
    protected T read() throws IOException {
        URI uri = location().uri();
        if ("file".equals(uri.getScheme()) && Files.isRegularFile(Path.of(uri))) {
            return readFrom(new LocalInputFile(Path.of(uri)));
        }
        return super.read();
    }

    /**
     * Reads a directory of Parquet part files (as Spark writes a dataset) as one value: the parts' rows in
     * the order of their names, which is Spark's partition order.
     */
    @Override
    @SuppressWarnings("unchecked")
    protected T readParts(List<Location> parts) throws IOException {
        List<T> values = new ArrayList<>();
        for (Location part : parts) {
            values.add(readPart(part, this::readFrom));
        }
        if (recordType != null) {
            List<Object> rows = new ArrayList<>();
            values.forEach(value -> rows.addAll((List<?>) value));
            return (T) rows;
        }
        DataFrame first = (DataFrame) values.get(0);
        return (T) first.vConcat(values.subList(1, values.size()).toArray(DataFrame[]::new));
    }

    /**
     * Reads a partitioned directory (Spark's {@code partitionBy}) as one DataFrame: every partition's part files,
     * then the partition columns after the files' columns, typed as {@link PartitionedDirectory} says; {@code
     * columns} under load_args may name partition columns too. Records cannot take the partition values, which
     * are not in the files.
     */
    @Override
    @SuppressWarnings("unchecked")
    protected T readPartitioned(PartitionedDirectory directory) throws IOException {
        if (recordType != null) {
            throw loadError(
                    "it is partitioned by column values (" + directory.columns() + ", as Spark's partitionBy writes),"
                            + " whose values are in the directory names, not in the files, so it loads as a DataFrame"
                            + " only; remove 'record' from load_args, or remove partitionBy from the entry that"
                            + " writes it",
                    null);
        }
        List<DataFrame> frames = new ArrayList<>();
        int[] heights = new int[directory.partitions().size()];
        for (int p = 0; p < heights.length; p++) {
            for (Location part : directory.partitions().get(p).parts()) {
                DataFrame frame = readPart(part, file -> {
                    checkIsParquet(file);
                    return readFrame(file);
                });
                frames.add(frame);
                heights[p] += frame.height();
            }
        }
        DataFrame data = frames.get(0).vConcat(frames.subList(1, frames.size()).toArray(DataFrame[]::new));
        Series<?>[] partitionColumns = directory.rowValues(heights).stream()
                .map(DataFrameColumns::toSeries)
                .toArray(Series<?>[]::new);
        String[] labels =
                directory.columnsAfter(List.of(data.getColumnsIndex().toArray()), problem -> loadError(problem, null));
        return (T) select(data.colsAppend(labels).merge(partitionColumns));
    }

    /**
     * Reads the current version of a Delta Lake table (as Spark's delta source writes it) as one DataFrame: its
     * active data files, as the log says, in the order the log added them, with the table's columns in schema order
     * (partition columns where the schema has them, as Spark reads the table), partition values typed by the schema.
     * Records read an unpartitioned table. What {@link DeltaTable} does not implement is refused.
     */
    @Override
    @SuppressWarnings("unchecked")
    protected T readDeltaTable() throws IOException {
        Function<String, DatasetException> refuse = problem -> loadError("it is a Delta Lake table: " + problem, null);
        DeltaTable table = DeltaTable.read(location(), refuse);
        if (recordType != null) {
            if (!table.partitionColumns().isEmpty()) {
                throw refuse.apply("it is partitioned by " + table.partitionColumns() + ", whose values are in the"
                        + " log, not in the files, so it loads as a DataFrame only; remove 'record' from load_args");
            }
            List<Object> rows = new ArrayList<>();
            for (DeltaTable.DataFile file : table.files()) {
                rows.addAll((List<?>) readPart(location().resolve(file.path()), this::readFrom));
            }
            return (T) rows;
        }
        List<DeltaTable.Column> schema = table.columns();
        List<List<Object>> values = new ArrayList<>();
        schema.forEach(column -> values.add(new ArrayList<>()));
        for (DeltaTable.DataFile file : table.files()) {
            List<Map<?, ?>> rows = readPart(location().resolve(file.path()), this::readRows);
            for (int c = 0; c < schema.size(); c++) {
                DeltaTable.Column column = schema.get(c);
                if (table.partitionColumns().contains(column.name())) {
                    Object value = DeltaTable.partitionValue(
                            column.name(), column.type(), file.partitionValues().get(column.name()), refuse);
                    values.get(c).addAll(java.util.Collections.nCopies(rows.size(), value));
                } else {
                    for (Map<?, ?> row : rows) {
                        values.get(c).add(row.get(column.name()));
                    }
                }
            }
        }
        List<Series<?>> series = new ArrayList<>();
        values.forEach(column -> series.add(DataFrameColumns.toSeries(column.toArray())));
        String[] labels = schema.stream().map(DeltaTable.Column::name).toArray(String[]::new);
        return (T) select(DataFrame.byColumn(labels).ofIterable(series));
    }

    /** Every row of a Parquet file, as a map of column name to value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<?, ?>> readRows(InputFile file) throws IOException {
        checkIsParquet(file);
        return (List) new CarpetReader<>(file, Map.class).toList();
    }

    /** Reads one part file: a local one in place, a remote one copied first. */
    private <V> V readPart(Location part, PartReader<V> reader) throws IOException {
        URI uri = part.uri();
        if ("file".equals(uri.getScheme())) {
            return reader.read(new LocalInputFile(Path.of(uri)));
        }
        try (InputStream in = part.openRead();
                ParquetInput input = ParquetInput.copy(in, part.size())) {
            return reader.read(input.file());
        }
    }

    @FunctionalInterface
    private interface PartReader<V> {
        V read(InputFile file) throws IOException;
    }

    @Override
    protected T decode(InputStream in) throws IOException {
        try (ParquetInput input = ParquetInput.copy(in, location().size())) {
            return readFrom(input.file());
        }
    }

    @Override
    protected void encode(T value, OutputStream out) throws IOException {
        if (value instanceof DataFrame frame) {
            writeFrame(frame, out);
        } else if (value instanceof Collection<?> rows) {
            writeRows(rowType(rows), rows, out);
        } else {
            throw saveError(
                    "a Parquet dataset saves a List of records or a DFLib DataFrame, not a "
                            + value.getClass().getName()
                            + "; return one of those from the node, or use the 'object' dataset type for other"
                            + " values",
                    null);
        }
    }

    @Override
    public Optional<StoredForm> storedForm() {
        return Optional.of(StoredForm.of("parquet", StoredForm.Layout.FILE));
    }

    /**
     * Refuses what is not Parquet files or a Delta table, and a partitioned directory when this entry loads records.
     */
    @Override
    public Optional<String> cannotRead(StoredForm written, String writer) {
        if (recordType != null && written.layout() == StoredForm.Layout.PARTITIONED) {
            return Optional.of("'" + writer + "' writes a directory partitioned by column values (partitionBy), whose"
                    + " values are in the directory names, and this entry loads records of " + recordType.getName()
                    + ", which cannot take them; remove 'record' from load_args here (a DataFrame gets the partition"
                    + " columns), or remove partitionBy from '" + writer + "'");
        }
        if (written.layout() == StoredForm.Layout.TABLE && written.format().equals("delta")) {
            return Optional.empty();
        }
        return written.unreadableAsFiles("parquet", writer);
    }

    @Override
    public Class<?> valueType() {
        return recordType == null ? DataFrame.class : List.class;
    }

    @Override
    protected String typeName() {
        return "parquet";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("rows", recordType == null ? "DataFrame" : recordType.getName());
        description.put("compression", compression.name().toLowerCase(Locale.ROOT));
        if (!columns.isEmpty()) {
            description.put("columns", columns);
        }
    }

    @SuppressWarnings("unchecked")
    private T readFrom(InputFile file) throws IOException {
        checkIsParquet(file);
        if (recordType == null) {
            return (T) select(readFrame(file));
        }
        try {
            return (T) new CarpetReader<>(file, recordType).toList();
        } catch (CarpetParsingException e) {
            throw loadError(
                    "the file does not fit record " + recordType.getName() + ": " + e.getMessage()
                            + "; make the record's components match the file's columns (names and types; @Alias"
                            + " renames), or declare only the columns you need",
                    e);
        }
    }

    /** Refuses files without Parquet's end marker, which the reader reports only as a RuntimeException. */
    private void checkIsParquet(InputFile file) throws IOException {
        long length = file.getLength();
        byte[] tail = new byte[MAGIC.length];
        if (length >= 2L * MAGIC.length) {
            try (SeekableInputStream in = file.newStream()) {
                in.seek(length - MAGIC.length);
                in.readFully(tail);
            }
        }
        if (!Arrays.equals(tail, MAGIC)) {
            throw loadError(
                    "it is not a Parquet file, or it was cut short (a Parquet file ends with 'PAR1'; this one has "
                            + length + " bytes)",
                    null);
        }
    }

    /** Every column of the file, in the file's order. */
    private DataFrame readFrame(InputFile file) throws IOException {
        List<String> labels = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                labels.add(field.getName());
            }
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map<?, ?>> rows = (List) new CarpetReader<>(file, Map.class).toList();
        return DataFrameColumns.fromRows(labels, rows);
    }

    /** The columns named under load_args, or every column when none are. */
    private DataFrame select(DataFrame frame) {
        if (columns.isEmpty()) {
            return frame;
        }
        List<String> labels = List.of(frame.getColumnsIndex().toArray());
        List<String> missing = columns.stream().filter(c -> !labels.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw loadError(
                    "the file has no column" + (missing.size() > 1 ? "s " : " ") + missing + " (it has " + labels
                            + "); if 'columns' under load_args is wrong, fix it there",
                    null);
        }
        return frame.cols(columns.toArray(String[]::new)).select();
    }

    private void writeFrame(DataFrame frame, OutputStream out) throws IOException {
        WriteRecordModelType<RowPosition> model;
        try {
            model = DataFrameColumns.writeModel(frame);
        } catch (IllegalArgumentException e) {
            throw saveError("the DataFrame cannot be stored: " + e.getMessage(), e);
        }
        StableFooterStream stable = new StableFooterStream(out);
        try (CarpetWriter<RowPosition> writer = new CarpetWriter.Builder<>(stable, RowPosition.class)
                .withWriteRecordModel(model)
                .withCompressionCodec(compression.codec())
                .build()) {
            for (int row = 0; row < frame.height(); row++) {
                writer.write(new RowPosition(row));
            }
            stable.holdTail();
        } catch (CarpetParsingException e) {
            throw unwritable("DataFrame", e);
        }
        stable.finish();
    }

    /** The record type every element of {@code rows} has, checked. */
    private Class<? extends Record> rowType(Collection<?> rows) {
        Class<?> type = recordType;
        if (type == null) {
            if (rows.isEmpty()) {
                throw saveError(
                        "without rows there is no record type to take the columns from; name the type with"
                                + " 'record' under load_args (e.g. record: com.example.Measurement)",
                        null);
            }
            Object first = rows.iterator().next();
            type = first == null ? null : first.getClass();
        }
        if (type == null || !type.isRecord()) {
            throw saveError(
                    "a Parquet dataset saves lists of Java records, but the list holds "
                            + (type == null ? "null" : type.getName())
                            + "; map the values to a record (one component per column) or to a DFLib DataFrame"
                            + " before returning them",
                    null);
        }
        int index = 0;
        for (Object row : rows) {
            if (row == null || row.getClass() != type) {
                throw saveError(
                        "element " + index + " of the list is "
                                + (row == null ? "null" : "a " + row.getClass().getName()) + ", but the rows are "
                                + type.getName() + "; every element must be a non-null " + type.getSimpleName(),
                        null);
            }
            index++;
        }
        return type.asSubclass(Record.class);
    }

    private <R extends Record> void writeRows(Class<R> type, Collection<?> rows, OutputStream out) throws IOException {
        StableFooterStream stable = new StableFooterStream(out);
        try (CarpetWriter<R> writer = new CarpetWriter.Builder<>(stable, type)
                .withCompressionCodec(compression.codec())
                .build()) {
            for (Object row : rows) {
                writer.write(type.cast(row));
            }
            stable.holdTail();
        } catch (CarpetParsingException e) {
            throw unwritable(type.getName(), e);
        }
        stable.finish();
    }

    private DatasetException unwritable(String rows, CarpetParsingException e) {
        return saveError(
                "cannot write " + rows + " rows: " + e.getMessage()
                        + "; use component types Parquet supports (numbers, boolean, String, java.time types, UUID,"
                        + " BigDecimal, enums, nested records, lists, maps), or the 'object' dataset type",
                e);
    }
}
