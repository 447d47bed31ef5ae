package dev.sluice.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file copied from a stream so that readers can seek (the footer is at the end): small
 * files into memory, large ones (or ones of unknown size) into a temporary file that {@link #close}
 * deletes.
 */
final class ParquetInput implements AutoCloseable {
    /** Files up to this size are held in memory rather than spooled to disk. */
    static final long IN_MEMORY_LIMIT = 64L * 1024 * 1024;

    private final InputFile file;
    private final Path spooled;

    private ParquetInput(InputFile file, Path spooled) {
        this.file = file;
        this.spooled = spooled;
    }

    /** Copies {@code in}, which holds {@code size} bytes (-1 when unknown); the caller closes {@code in}. */
    static ParquetInput copy(InputStream in, long size) throws IOException {
        return copy(in, size, IN_MEMORY_LIMIT);
    }

    static ParquetInput copy(InputStream in, long size, long inMemoryLimit) throws IOException {
        if (size >= 0 && size <= inMemoryLimit) {
            return new ParquetInput(new BytesInputFile(in.readAllBytes()), null);
        }
        Path temp = Files.createTempFile("sluice-", ".parquet");
        try {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return new ParquetInput(new LocalInputFile(temp), temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    InputFile file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (spooled != null) {
            Files.deleteIfExists(spooled);
        }
    }

    /** A Parquet file held in a byte array. */
    private static final class BytesInputFile implements InputFile {
        private final byte[] bytes;

        BytesInputFile(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            SeekableBytes in = new SeekableBytes(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return in.position();
                }

                @Override
                public void seek(long position) throws IOException {
                    in.seek(position);
                }
            };
        }
    }

    private static final class SeekableBytes extends ByteArrayInputStream {
        SeekableBytes(byte[] bytes) {
            super(bytes);
        }

        synchronized long position() {
            return pos;
        }

        synchronized void seek(long position) throws IOException {
            if (position < 0 || position > count) {
                throw new IOException("Cannot seek to " + position + " in " + count + " bytes");
            }
            pos = (int) position;
        }
    }
}
