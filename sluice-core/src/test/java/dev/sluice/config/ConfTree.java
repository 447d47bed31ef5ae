package dev.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A project directory with a {@code conf/} tree written by the test, one YAML file at a time. */
final class ConfTree {
    private final Path project;

    ConfTree(Path project) {
        this.project = project;
        dir("base");
    }

    /** Writes {@code conf/<path>} (e.g. {@code "base/catalog.yml"}), creating folders. */
    ConfTree file(String path, String yaml) {
        Path file = conf().resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Creates the empty folder {@code conf/<path>}. */
    ConfTree dir(String path) {
        try {
            Files.createDirectories(conf().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path project() {
        return project;
    }

    Path conf() {
        return project.resolve("conf");
    }

    ProjectConfig load() {
        return ProjectConfig.load(conf(), null, Map.of());
    }

    ProjectConfig load(String env) {
        return ProjectConfig.load(conf(), env, Map.of());
    }

    ProjectConfig.Loader loader() {
        return ProjectConfig.loader(conf());
    }
}
