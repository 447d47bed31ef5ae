package dev.sluice.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs a directory of classes and resources into a jar: class-data archives accept jars, not directories. */
final class Jars {
    private Jars() {}

    /** Writes {@code classes} into {@code jar}, replacing it atomically. */
    static void pack(Path classes, Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try {
            Files.createDirectories(jar.getParent());
            Path temporary =
                    Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
            try (OutputStream file = Files.newOutputStream(temporary);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                if (Files.isDirectory(classes)) {
                    List<Path> entries;
                    try (Stream<Path> walk = Files.walk(classes)) {
                        entries = walk.filter(p -> !p.equals(classes)).sorted().toList();
                    }
                    for (Path entry : entries) {
                        String name = classes.relativize(entry).toString().replace('\\', '/');
                        if (Files.isDirectory(entry)) {
                            out.putNextEntry(new JarEntry(name + "/"));
                        } else if (!name.equals("META-INF/MANIFEST.MF")) {
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(entry, out);
                        }
                        out.closeEntry();
                    }
                }
            }
            Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
