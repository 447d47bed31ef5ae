package dev.sluice.arrow;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A Feather file open for reads at any offset (its footer is at the end): a local file in place, or a
 * stream copied into memory (small files) or into a temporary file that {@link #close} deletes.
 */
abstract class FeatherInput implements AutoCloseable {
    /** Streams up to this size are held in memory rather than spooled to disk. */
    static final long IN_MEMORY_LIMIT = 64L * 1024 * 1024;

    abstract long size() throws IOException;

    /** {@code length} bytes from {@code offset}, as a buffer of its own positioned at 0. */
    abstract ByteBuffer read(long offset, int length) throws IOException;

    @Override
    public abstract void close() throws IOException;

    static FeatherInput open(Path file) throws IOException {
        return new FileInput(FileChannel.open(file, StandardOpenOption.READ), null);
    }

    /** Copies {@code in}, which holds {@code size} bytes (-1 when unknown); the caller closes {@code in}. */
    static FeatherInput copy(InputStream in, long size) throws IOException {
        if (size >= 0 && size <= IN_MEMORY_LIMIT) {
            return new BytesInput(in.readAllBytes());
        }
        Path temp = Files.createTempFile("sluice-", ".feather");
        try {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return new FileInput(FileChannel.open(temp, StandardOpenOption.READ), temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static final class FileInput extends FeatherInput {
        private final FileChannel channel;
        private final Path spooled;

        FileInput(FileChannel channel, Path spooled) {
            this.channel = channel;
            this.spooled = spooled;
        }

        @Override
        long size() throws IOException {
            return channel.size();
        }

        @Override
        ByteBuffer read(long offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException("the file ends before byte " + (offset + length));
                }
            }
            return buffer.flip();
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                if (spooled != null) {
                    Files.deleteIfExists(spooled);
                }
            }
        }
    }

    private static final class BytesInput extends FeatherInput {
        private final byte[] bytes;

        BytesInput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long size() {
            return bytes.length;
        }

        @Override
        ByteBuffer read(long offset, int length) throws IOException {
            if (offset < 0 || offset + length > bytes.length) {
                throw new EOFException("the file ends before byte " + (offset + length));
            }
            return ByteBuffer.wrap(bytes, (int) offset, length).slice();
        }

        @Override
        public void close() {}
    }
}
