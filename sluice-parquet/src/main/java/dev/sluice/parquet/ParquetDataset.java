package dev.sluice.parquet;

import com.jerolba.carpet.CarpetParsingException;
import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.model.WriteRecordModelType;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.parquet.DataFrameColumns.RowPosition;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.Type;
import org.dflib.DataFrame;

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
public final class ParquetDataset<T> implements Dataset<T> {
    private final String name;
    private final Location location;
    private final Class<? extends Record> recordType;
    private final ParquetCompression compression;
    private final List<String> columns;

    private ParquetDataset(
            String name,
            Location location,
            Class<? extends Record> recordType,
            ParquetCompression compression,
            List<String> columns) {
        this.name = name;
        this.location = Objects.requireNonNull(location, "location");
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
        return new ParquetDataset<>(name, location, recordType, codec, columns);
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

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        try (ParquetInput input = ParquetInput.open(location)) {
            if (recordType != null) {
                return (T) new CarpetReader<>(input.file(), recordType).toList();
            }
            return (T) readFrame(input.file());
        } catch (NoSuchFileException e) {
            throw failure(
                    "There is no Parquet file at " + location + " (" + e.getMessage()
                            + "). Run the pipeline that produces it first, or fix the filepath.",
                    e);
        } catch (IOException e) {
            throw failure("Could not read Parquet file " + location + ": " + e.getMessage(), e);
        } catch (CarpetParsingException e) {
            throw failure(
                    "Parquet file " + location + " does not fit record " + recordType.getName() + ": "
                            + e.getMessage() + ". Make the record's components match the file's columns"
                            + " (names and types; @Alias renames), or declare only the columns you need.",
                    e);
        }
    }

    @Override
    public void save(T value) {
        if (value instanceof DataFrame frame) {
            saveFrame(frame);
        } else if (value instanceof Collection<?> rows) {
            saveRecords(rows);
        } else {
            throw failure(
                    "A Parquet dataset saves a List of records or a DFLib DataFrame, not "
                            + (value == null ? "null" : value.getClass().getName())
                            + ". Return one of those from the node, or use the 'object' dataset type for other"
                            + " values.",
                    null);
        }
    }

    @Override
    public boolean exists() {
        try {
            return location.exists();
        } catch (IOException e) {
            throw failure("Could not check for Parquet file " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String storeKey() {
        return location.storeKey();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "parquet");
        description.put("filepath", location.uri().toString());
        description.put("rows", recordType == null ? "DataFrame" : recordType.getName());
        description.put("compression", compression.name().toLowerCase(Locale.ROOT));
        if (!columns.isEmpty()) {
            description.put("columns", columns);
        }
        return description;
    }

    @Override
    public String toString() {
        return "ParquetDataset" + describe();
    }

    private DataFrame readFrame(InputFile file) throws IOException {
        List<String> labels = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                labels.add(field.getName());
            }
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map<?, ?>> rows = (List) new CarpetReader<>(file, Map.class).toList();
        DataFrame frame = DataFrameColumns.fromRows(labels, rows);
        if (columns.isEmpty()) {
            return frame;
        }
        List<String> missing = columns.stream().filter(c -> !labels.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw failure(
                    "Parquet file " + location + " has no column" + (missing.size() > 1 ? "s " : " ") + missing
                            + "; it has " + labels + ". Fix 'columns' under load_args.",
                    null);
        }
        return frame.cols(columns.toArray(String[]::new)).select();
    }

    private void saveFrame(DataFrame frame) {
        WriteRecordModelType<RowPosition> model = writeModel(frame);
        write(() -> "DataFrame", out -> {
            try (CarpetWriter<RowPosition> writer = new CarpetWriter.Builder<>(out, RowPosition.class)
                    .withWriteRecordModel(model)
                    .withCompressionCodec(compression.codec())
                    .build()) {
                for (int row = 0; row < frame.height(); row++) {
                    writer.write(new RowPosition(row));
                }
            }
        });
    }

    private WriteRecordModelType<RowPosition> writeModel(DataFrame frame) {
        try {
            return DataFrameColumns.writeModel(frame);
        } catch (IllegalArgumentException e) {
            throw failure("Cannot save the DataFrame to Parquet file " + location + ": " + e.getMessage(), e);
        }
    }

    private void saveRecords(Collection<?> rows) {
        Class<?> type = recordType;
        if (type == null) {
            if (rows.isEmpty()) {
                throw failure(
                        "Cannot save an empty list to Parquet file " + location + ": without rows there is no"
                                + " record type to take the columns from. Name the type with 'record' under"
                                + " load_args (e.g. record: com.example.Measurement).",
                        null);
            }
            Object first = rows.iterator().next();
            type = first == null ? null : first.getClass();
        }
        if (type == null || !type.isRecord()) {
            throw failure(
                    "A Parquet dataset saves lists of Java records, but the list holds "
                            + (type == null ? "null" : type.getName())
                            + ". Map the values to a record (one component per column) or to a DFLib DataFrame"
                            + " before returning them.",
                    null);
        }
        int index = 0;
        for (Object row : rows) {
            if (row == null || row.getClass() != type) {
                throw failure(
                        "Cannot save to Parquet file " + location + ": element " + index + " of the list is "
                                + (row == null ? "null" : "a " + row.getClass().getName()) + ", but the rows are "
                                + type.getName() + ". Every element must be a non-null " + type.getSimpleName()
                                + ".",
                        null);
            }
            index++;
        }
        writeRows(type.asSubclass(Record.class), rows);
    }

    private <R extends Record> void writeRows(Class<R> type, Collection<?> rows) {
        write(type::getName, out -> {
            try (CarpetWriter<R> writer = new CarpetWriter.Builder<>(out, type)
                    .withCompressionCodec(compression.codec())
                    .build()) {
                for (Object row : rows) {
                    writer.write(type.cast(row));
                }
            }
        });
    }

    private void write(Supplier<String> what, Location.ContentWriter writer) {
        try {
            location.write(writer);
        } catch (CarpetParsingException e) {
            throw failure(
                    "Cannot write " + what.get() + " rows to Parquet file " + location + ": " + e.getMessage()
                            + ". Use component types Parquet supports (numbers, boolean, String, java.time"
                            + " types, UUID, BigDecimal, enums, nested records, lists, maps), or the 'object'"
                            + " dataset type.",
                    e);
        } catch (IOException e) {
            throw failure("Could not write Parquet file " + location + ": " + e.getMessage(), e);
        }
    }

    private DatasetException failure(String message, Throwable cause) {
        String prefix = name == null ? "" : "Dataset '" + name + "': ";
        return new DatasetException(name, prefix + message, cause);
    }
}
