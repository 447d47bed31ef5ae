package dev.sluice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory the benchmark owns for one suite: emptied when created, deleted with its files on close. */
final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates {@code path} empty, first deleting anything an interrupted earlier run left there.
     *
     * @throws UncheckedIOException if the directory cannot be cleared or created
     */
    static ScratchDirectory create(Path path) {
        ScratchDirectory directory = new ScratchDirectory(path.toAbsolutePath().normalize());
        directory.delete();
        try {
            Files.createDirectories(directory.path);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the benchmark's directory " + directory.path + "; check that its parent is writable",
                    e);
        }
        return directory;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        delete();
    }

    private void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot delete the benchmark's files in " + path + "; delete them by hand", e);
        }
    }
}
