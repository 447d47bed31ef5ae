package dev.sluice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One resolved artifact, as {@code mvn dependency:list} prints it:
 * {@code group:artifact:type[:classifier]:version:scope[:file][ -- module name]}.
 *
 * @param file where the artifact is, or null when the listing gave no file names
 */
record Dependency(String groupId, String artifactId, String version, String scope, Path file) {
    private static final Set<String> SCOPES = Set.of("compile", "provided", "runtime", "test", "system", "import");

    /** {@code group:artifact}, the identity the class path is kept free of duplicates by. */
    String key() {
        return groupId + ":" + artifactId;
    }

    /** Whether the artifact belongs on the run-time class path (Maven's compile and runtime scopes). */
    boolean atRunTime() {
        return scope.equals("compile") || scope.equals("runtime");
    }

    /** Whether the artifact belongs on the compiler's class path (compile, provided and system scopes). */
    boolean atCompileTime() {
        return scope.equals("compile") || scope.equals("provided") || scope.equals("system");
    }

    /** Reads a {@code dependency:list} output file, skipping its header and blank lines. */
    static List<Dependency> readList(Path listing) {
        try {
            List<Dependency> dependencies = new ArrayList<>();
            for (String line : Files.readAllLines(listing)) {
                parse(line).ifPresent(dependencies::add);
            }
            return dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Dependency> parse(String line) {
        String text = line.strip();
        int module = text.indexOf(" -- ");
        if (module >= 0) {
            text = text.substring(0, module);
        }
        String[] parts = text.split(":");
        for (int scope = 4; scope < parts.length && scope <= 5; scope++) {
            if (SCOPES.contains(parts[scope])) {
                String file = String.join(":", Arrays.copyOfRange(parts, scope + 1, parts.length));
                return Optional.of(new Dependency(
                        parts[0], parts[1], parts[scope - 1], parts[scope], file.isEmpty() ? null : Path.of(file)));
            }
        }
        return Optional.empty();
    }
}
