package dev.sluice.storage;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A file on the local file system. Writes go to a hidden temporary file in the same directory
 * ({@link TempFiles}), which is flushed to disk and then moved over the final name, so a crash at any
 * point leaves either the old file or the complete new one.
 */
final class LocalLocation implements Location {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;

    LocalLocation(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    @Override
    public URI uri() {
        return path.toUri();
    }

    @Override
    public String storeKey() {
        return "file";
    }

    @Override
    public InputStream openRead() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public void write(ContentWriter writer) throws IOException {
        Path parent = path.getParent();
        Files.createDirectories(parent);
        TempFiles.Temp temp = TempFiles.create(path);
        try {
            // The lock stays until after the move: a later run removes the file only once no live writer holds it.
            try (FileChannel channel = temp.channel()) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
                writer.writeTo(new NonClosingStream(out));
                out.flush();
                // Without this, a power loss after the move can leave the new name with no data.
                channel.force(true);
                try {
                    Files.move(temp.path(), path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp.path(), path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            syncDirectory(parent);
        } finally {
            try {
                Files.deleteIfExists(temp.path());
            } finally {
                TempFiles.finished(temp.path());
            }
        }
    }

    /**
     * Removes the temporary files that writes to this path killed before they committed left beside it
     * (and below it, for a directory); see {@link TempFiles} for how a live writer's file is told apart.
     */
    @Override
    public Leftovers removeLeftovers() throws IOException {
        return TempFiles.removeAbandoned(path);
    }

    @Override
    public boolean exists() {
        return Files.exists(path);
    }

    @Override
    public boolean isDirectory() {
        return Files.isDirectory(path);
    }

    @Override
    public long size() throws IOException {
        return Files.isRegularFile(path) ? Files.size(path) : -1;
    }

    @Override
    public Location resolve(String relative) {
        return new LocalLocation(path.resolve(relative));
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String writeFailureHint(IOException failure) {
        String text = String.valueOf(failure.getMessage());
        if (failure instanceof AccessDeniedException || text.contains("Permission denied")) {
            return "check that the directory " + path.getParent() + " is writable by this user";
        }
        if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
            return "free space on the disk that holds " + path.getParent();
        }
        if (text.contains("Read-only file system")) {
            return "the file system is mounted read-only; write the dataset elsewhere";
        }
        return "check that the directory is writable and has free space";
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Makes the rename itself durable where the platform allows syncing a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories as channels; the move is still atomic there.
        }
    }

    /**
     * Keeps writers that close their stream (many serializers do) from closing the channel before it
     * is flushed and forced, and hands the channel at most {@link #BUFFER_SIZE} bytes per call.
     */
    private static final class NonClosingStream extends FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            // A channel copies each heap array it writes into a direct buffer of the same size, cached
            // per thread: one 64 MiB write makes a new thread (a background save) allocate and fault in
            // 64 MiB. Pieces of the buffer's size keep that copy small and the cost the same on any thread.
            Objects.checkFromIndexSize(offset, length, bytes.length);
            for (int done = 0; done < length; done += BUFFER_SIZE) {
                out.write(bytes, offset + done, Math.min(BUFFER_SIZE, length - done));
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
