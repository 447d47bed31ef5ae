package dev.sluice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sluice's source tree as the checks see it: its root, its modules' files, and where a class was built. */
final class Reactor {
    /** The checkout's root: docs-check's parent directory (Maven runs tests in the module's directory). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Set<String> SKIPPED = Set.of("target", ".git", ".sluice", "node_modules", "src");
    private static final Pattern ARTIFACT_ID =
            Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    private Reactor() {}

    /** A module of the build: its directory and its artifactId. */
    record Module(Path dir, String artifactId) {}

    /** Every module directory under the root (any directory with a pom.xml beside a src/), at any depth. */
    static List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Path pom = dir.resolve("pom.xml");
                    if (!dir.equals(ROOT) && Files.isRegularFile(pom) && Files.isDirectory(dir.resolve("src"))) {
                        Matcher id = ARTIFACT_ID.matcher(Files.readString(pom));
                        if (id.find()) {
                            modules.add(new Module(dir, id.group(1)));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    /** The class names a module lists in {@code src/main/resources/META-INF/services/<service>}; empty if none. */
    static List<String> services(Module module, Class<?> service) {
        Path file = module.dir().resolve("src/main/resources/META-INF/services/" + service.getName());
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.replaceAll("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The module a class was loaded from: {@code sluice-sql} for {@code .../sluice-sql/target/classes} or
     * {@code sluice-sql-<version>.jar}.
     */
    static String moduleOf(Class<?> type) {
        try {
            Path location = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            String file = location.getFileName().toString();
            Matcher jar = VERSIONED_JAR.matcher(file);
            if (jar.matches()) {
                return jar.group(1);
            }
            if (file.equals("classes")
                    && location.getParent().getFileName().toString().equals("target")) {
                Path moduleDir = location.getParent().getParent();
                return modules().stream()
                        .filter(m -> m.dir().equals(moduleDir))
                        .map(Module::artifactId)
                        .findFirst()
                        .orElse(moduleDir.getFileName().toString());
            }
            throw new AssertionError("Cannot tell which module " + type.getName() + " comes from: " + location);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
