package dev.sluice.io;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset stored as one file or object at a {@link Location}; subclasses only say how a value
 * becomes bytes and back.
 *
 * <p>Loads stream from {@link Location#openRead()} (formats that seek override {@link #read()}) and
 * saves go through {@link Location#write}, so a save that fails part-way leaves the previous content
 * untouched. Every I/O failure becomes a {@link DatasetException} that names the location (and the
 * dataset, when the subclass knows its catalog name) and says what to do. Instances hold no mutable
 * state and are thread-safe when the subclass's codec is.
 *
 * @param <T> the type of value stored
 */
public abstract class FileDataset<T> implements Dataset<T> {
    private final String datasetName;
    private final Location location;

    protected FileDataset(Location location) {
        this(null, location);
    }

    /**
     * A dataset whose errors carry {@code datasetName} and begin {@code "Dataset 'name': "}, for catalog
     * types that pass the entry's name on; {@code null} leaves naming the dataset to the catalog.
     */
    protected FileDataset(String datasetName, Location location) {
        this.datasetName = datasetName;
        this.location = Objects.requireNonNull(location, "location");
    }

    /** Where the value is stored. */
    public final Location location() {
        return location;
    }

    /** The catalog name given at construction, or {@code null}. */
    protected final String datasetName() {
        return datasetName;
    }

    /**
     * Reads a value from {@code in}. The caller closes the stream. Throw {@link #loadError} for content
     * that cannot be decoded; plain {@link IOException}s are reported as read failures.
     */
    protected abstract T decode(InputStream in) throws IOException;

    /**
     * Writes {@code value} to {@code out} without modifying the value. Closing {@code out} is allowed
     * but not needed. Throw {@link #saveError} for a value that cannot be encoded.
     */
    protected abstract void encode(T value, OutputStream out) throws IOException;

    /** The catalog type name, as shown by {@link #describe()}. */
    protected abstract String typeName();

    /** Adds this dataset's settings to {@link #describe()}'s map; the default adds nothing. */
    protected void describeSettings(Map<String, Object> description) {}

    /**
     * Reads the stored value; {@link #load()} reports what this throws. The default opens the location
     * and hands the stream to {@link #decode}. Override it for formats that cannot be read as one
     * stream, such as Parquet, whose index sits at the end of the file; an override may still call
     * {@code super.read()}. Signal missing content with {@link NoSuchFileException}, content that
     * cannot be decoded with {@link #loadError}; other {@link IOException}s are reported as read
     * failures.
     */
    protected T read() throws IOException {
        InputStream in = open();
        try (in) {
            return decode(in);
        }
    }

    /**
     * Reads a directory of part files as one value: {@link #load()} calls it when the location is a
     * directory (on object stores, a prefix with objects below it), as Spark and Hadoop write a dataset
     * ({@code part-00000-...}), with the directory's data files in name order; names that start with
     * {@code _} or {@code .} ({@code _SUCCESS}, checksums) are left out. Formats whose files concatenate
     * (CSV, Parquet) override it; the default refuses, saying so.
     */
    protected T readParts(List<Location> parts) throws IOException {
        throw loadError(
                "it is a directory (of part files, as Spark writes a dataset), and the " + typeName()
                        + " type reads one file; point 'filepath' at a file, or read the directory through a"
                        + " spark entry",
                null);
    }

    /**
     * Reads a directory partitioned by column values ({@code column=value/} directories of part files, as Spark's
     * {@code partitionBy} writes) as one value: {@link #load()} calls it when the location's directory (or
     * object-store prefix) holds partition directories. An override reads each partition's parts and adds the
     * partition columns after the files' own columns, as Spark does. The default refuses, saying so.
     */
    protected T readPartitioned(PartitionedDirectory directory) throws IOException {
        throw loadError(
                "it is partitioned by column values (" + directory.columns() + ", as Spark's partitionBy writes), and"
                        + " the " + typeName() + " type reads one file or a directory of part files; remove"
                        + " partitionBy from the entry that writes it, or read it through a spark entry",
                null);
    }

    /**
     * Reads the Delta Lake table at the location (a directory with a {@code _delta_log}) as one value: {@link
     * #load()} calls it instead of reading the directory's files, which include those of older versions. A format
     * that reads the table's current version overrides it; the default refuses, saying so.
     */
    protected T readDeltaTable() throws IOException {
        throw loadError(
                "it is a Delta Lake table (it has a _delta_log), whose directory also keeps files of older"
                        + " versions; read it through a delta entry",
                null);
    }

    @Override
    public final T load() {
        T value;
        try {
            value = location.isDirectory() ? readDirectory(location.list()) : readFileOrPrefix();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw missing(e);
        } catch (IOException | UncheckedIOException e) {
            throw failure(
                    "Cannot read " + location.uri() + " as " + typeName() + ": " + e
                            + ". Check that the file is complete and readable.",
                    e);
        }
        if (value == null) {
            throw loadError("the content decodes to null", null);
        }
        return value;
    }

    @Override
    public final void save(T value) {
        if (value == null) {
            throw failure("Cannot save null to " + location.uri() + "; pass a value.", null);
        }
        try {
            location.write(out -> encode(value, new UnclosableOutputStream(out)));
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            String hint = location.writeFailureHint(io);
            throw failure(
                    "Cannot write " + location.uri() + ": " + e + ". Any previous content is unchanged"
                            + (hint.isEmpty() ? "." : "; " + hint + "."),
                    e);
        }
    }

    @Override
    public final boolean exists() {
        try {
            return location.exists();
        } catch (IOException e) {
            throw failure(
                    "Cannot check whether " + location.uri() + " exists: " + e
                            + ". Check that the store is reachable and that its credentials allow reading.",
                    e);
        }
    }

    @Override
    public final List<Location> locations() {
        return List.of(location);
    }

    @Override
    public final String storeKey() {
        return location.storeKey();
    }

    @Override
    public final Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", typeName());
        description.put("filepath", location.uri().toString());
        describeSettings(description);
        return description;
    }

    /**
     * An error for stored content that cannot be decoded, naming the location; {@code problem} says
     * what is wrong and where (line, column), without a final period.
     */
    protected final DatasetException loadError(String problem, Throwable cause) {
        return failure(
                "Cannot load " + typeName() + " from " + location.uri() + ": " + problem
                        + ". Fix the file, or delete it and re-run the node that produces it.",
                cause);
    }

    /**
     * An error for a value that cannot be encoded, naming the location; {@code problem} says what is
     * wrong, without a final period. Nothing is committed when it is thrown from {@link #encode}.
     */
    protected final DatasetException saveError(String problem, Throwable cause) {
        return failure(
                "Cannot save " + typeName() + " to " + location.uri() + ": " + problem
                        + ". Nothing was written; any previous content is unchanged.",
                cause);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + location.uri() + ")";
    }

    /** Reads the file; on an object store, where a directory is a prefix without an object, reads the prefix. */
    private T readFileOrPrefix() throws IOException {
        try {
            return read();
        } catch (NoSuchFileException | FileNotFoundException e) {
            List<String> below;
            try {
                below = location.list();
            } catch (IOException | RuntimeException listing) {
                e.addSuppressed(listing);
                throw e;
            }
            if (below.isEmpty()) {
                throw e;
            }
            return readDirectory(below);
        }
    }

    /**
     * Reads the data files among {@code names}, the entries of the directory at the location, or its partitions;
     * a Delta table goes to
     * {@link #readDeltaTable}.
     */
    private T readDirectory(List<String> names) throws IOException {
        if (names.contains("_delta_log")) {
            return readDeltaTable();
        }
        if (names.stream().anyMatch(PartitionedDirectory::isPartition)) {
            PartitionedDirectory partitioned =
                    PartitionedDirectory.read(location, names, problem -> loadError(problem, null));
            if (partitioned.partitions().isEmpty()) {
                throw loadError("it is a partitioned directory without data files", null);
            }
            return readPartitioned(partitioned);
        }
        List<Location> parts = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("_") && !name.startsWith(".")) {
                parts.add(location.resolve(name));
            }
        }
        if (parts.isEmpty()) {
            throw loadError("it is a directory without data files (only " + names + ")", null);
        }
        return readParts(parts);
    }

    /** Opens the location, reporting a file that cannot be opened; a missing one is the caller's to report. */
    private InputStream open() throws IOException {
        try {
            return location.openRead();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            if (!existsQuietly()) {
                throw missing(e);
            }
            throw failure("Cannot open " + location.uri() + ": " + e + ". Check that it is readable.", e);
        }
    }

    private DatasetException missing(IOException e) {
        return failure(
                "No data at " + location.uri()
                        + ": the file does not exist. Run the node that produces this dataset first, or fix"
                        + " the dataset's 'filepath'.",
                e);
    }

    private DatasetException failure(String message, Throwable cause) {
        String prefix = datasetName == null ? "" : "Dataset '" + datasetName + "': ";
        return new DatasetException(datasetName, prefix + message, cause);
    }

    private boolean existsQuietly() {
        try {
            return location.exists();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Keeps encoders from closing the location's stream, which the location closes itself when it
     * commits; bulk writes go straight through.
     */
    private static final class UnclosableOutputStream extends FilterOutputStream {
        UnclosableOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
