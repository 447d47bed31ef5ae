package dev.sluice.arrow;

import dev.sluice.io.FileDataset;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A Feather file (Arrow's IPC file format, version 2, as pandas' {@code to_feather} writes it) holding a
 * DFLib {@link DataFrame}.
 *
 * <p>Written and read by Sluice itself on plain byte buffers, with only Arrow's FlatBuffers message classes:
 * no Arrow memory module, so no JVM flag is needed. Files are written uncompressed unless {@link
 * #withCompression} says otherwise, in record batches of {@link #DEFAULT_CHUNK_SIZE} rows; loads read
 * uncompressed, LZ4 and ZSTD files. The column types written, read and refused are listed in the guide
 * (Moving from Kedro, "What differs"). Saves stream to the {@link Location}, which commits them atomically; loads of local
 * files read in place, others through memory or a temporary file. Instances are immutable and
 * thread-safe.
 */
public final class FeatherDataset extends FileDataset<DataFrame> {
    /** Rows per record batch unless {@link #withChunkSize} says otherwise: pyarrow's default, 64 Ki. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final List<String> columns;
    private final FeatherCompression compression;
    private final int compressionLevel;
    private final int chunkSize;

    private FeatherDataset(
            String name,
            Location location,
            List<String> columns,
            FeatherCompression compression,
            int compressionLevel,
            int chunkSize) {
        super(name, location);
        this.columns = List.copyOf(columns);
        this.compression = Objects.requireNonNull(compression, "compression");
        this.compressionLevel = compressionLevel;
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, not " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** An uncompressed Feather file at {@code location}, loaded whole. */
    public static FeatherDataset of(Location location) {
        return new FeatherDataset(null, location, List.of(), FeatherCompression.UNCOMPRESSED, 0, DEFAULT_CHUNK_SIZE);
    }

    static FeatherDataset fromCatalog(String name, Location location) {
        return new FeatherDataset(name, location, List.of(), FeatherCompression.UNCOMPRESSED, 0, DEFAULT_CHUNK_SIZE);
    }

    /** This dataset, loading only {@code columns}, in that order (all of them when empty). */
    public FeatherDataset withColumns(List<String> columns) {
        return new FeatherDataset(datasetName(), location(), columns, compression, compressionLevel, chunkSize);
    }

    /** This dataset, writing with {@code codec} at the codec's default level. */
    public FeatherDataset withCompression(FeatherCompression codec) {
        return withCompression(codec, 0);
    }

    /** This dataset, writing with {@code codec} at {@code level} (0: the codec's default). */
    public FeatherDataset withCompression(FeatherCompression codec, int level) {
        return new FeatherDataset(datasetName(), location(), columns, codec, level, chunkSize);
    }

    /** This dataset, writing record batches of at most {@code rows} rows. */
    public FeatherDataset withChunkSize(int rows) {
        return new FeatherDataset(datasetName(), location(), columns, compression, compressionLevel, rows);
    }

    @Override
    protected DataFrame read() throws IOException {
        URI uri = location().uri();
        if ("file".equals(uri.getScheme()) && Files.isRegularFile(Path.of(uri))) {
            try (FeatherInput input = FeatherInput.open(Path.of(uri))) {
                return readFrom(input);
            }
        }
        return super.read();
    }

    @Override
    protected DataFrame decode(InputStream in) throws IOException {
        try (FeatherInput input = FeatherInput.copy(in, location().size())) {
            return readFrom(input);
        }
    }

    private DataFrame readFrom(FeatherInput input) throws IOException {
        try {
            return new FeatherReader(input).read(columns);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | UncheckedIOException e) {
            throw loadError(e.getMessage(), e);
        } catch (IOException e) {
            throw loadError("its content cannot be read (" + e.getMessage() + "); the file is damaged", e);
        }
    }

    @Override
    protected void encode(DataFrame value, OutputStream out) throws IOException {
        try {
            new FeatherWriter(out, compression, compressionLevel).write(value, chunkSize);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw saveError("the DataFrame cannot be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public Class<?> valueType() {
        return DataFrame.class;
    }

    @Override
    protected String typeName() {
        return "feather";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("compression", compression.name().toLowerCase(Locale.ROOT));
        if (compressionLevel != 0) {
            description.put("compression_level", compressionLevel);
        }
        description.put("chunksize", chunkSize);
        if (!columns.isEmpty()) {
            description.put("columns", columns);
        }
    }
}
