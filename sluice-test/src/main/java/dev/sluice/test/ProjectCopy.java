package dev.sluice.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** Copies a project into a scratch directory (without build output, sources or run records) and removes it. */
final class ProjectCopy {
    /** Directories at the project's top that a run does not read: builds, sources, IDE and VCS state, old runs. */
    static final Set<String> SKIPPED =
            Set.of("target", "build", "src", ".git", ".gradle", ".idea", ".vscode", ".sluice", "node_modules");

    private ProjectCopy() {}

    static Path into(Path project, Path target) {
        Path source = project.toAbsolutePath().normalize();
        if (!Files.isDirectory(source.resolve("conf"))) {
            throw new IllegalArgumentException("'" + source + "' is not a Sluice project: it has no conf/ directory. "
                    + "Point the extension at the project's root directory.");
        }
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.getParent() != null
                            && dir.getParent().equals(source)
                            && SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(
                            target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(
                            file,
                            target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the project " + source + " to " + target, e);
        }
        return target;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the project copy " + dir, e);
        }
    }
}
