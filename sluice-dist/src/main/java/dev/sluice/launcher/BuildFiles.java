package dev.sluice.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The files a project's Maven build reads: its {@code pom.xml}, the parent POMs found through
 * {@code <relativePath>} (default {@code ../pom.xml}), and {@code .mvn/maven.config} and
 * {@code .mvn/jvm.config} where present. When none of them changed, the resolved class path still holds.
 */
final class BuildFiles {
    private BuildFiles() {}

    static List<Path> of(Path project) {
        List<Path> files = new ArrayList<>();
        Path pom = project.resolve("pom.xml").toAbsolutePath().normalize();
        while (pom != null && Files.isRegularFile(pom) && !files.contains(pom)) {
            files.add(pom);
            pom = parent(pom).orElse(null);
        }
        for (String config : List.of(".mvn/maven.config", ".mvn/jvm.config")) {
            Path file = project.resolve(config).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static Optional<Path> parent(Path pom) {
        Optional<Element> parent = Xml.child(Xml.read(pom), "parent");
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        String relative = Xml.text(parent.get(), "relativePath").orElse("../pom.xml");
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Path candidate = pom.getParent().resolve(relative).normalize();
        if (Files.isDirectory(candidate)) {
            candidate = candidate.resolve("pom.xml");
        }
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}
