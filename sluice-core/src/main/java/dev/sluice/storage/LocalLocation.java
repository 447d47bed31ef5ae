package dev.sluice.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A file on the local file system; writes go to a temporary file in the same directory, then move. */
final class LocalLocation implements Location {
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
        Path temp = Files.createTempFile(parent, "." + path.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.writeTo(out);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean exists() {
        return Files.exists(path);
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
    public String toString() {
        return path.toString();
    }
}
