package dev.sluice.maven;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One jar holding an application's classes, the contents of its dependency jars and its configuration,
 * for {@code spark-submit}. Of entries with the same name the first one added wins, except service files
 * ({@code META-INF/services/*}), whose lines are merged; the inputs' manifests, signatures, indexes and
 * {@code module-info} classes are left out, since they describe the jars they came from. Not thread-safe.
 */
final class ApplicationJar {
    /** Where the project's {@code conf/} goes inside the jar; the CLI reads it from there. */
    static final String CONF_PREFIX = "META-INF/sluice/conf/";

    private static final String SERVICES = "META-INF/services/";

    private final List<Source> sources = new ArrayList<>();
    private int duplicates;

    private sealed interface Source permits Directory, Jar {}

    private record Directory(Path root, String prefix, Set<String> skippedTopFolders) implements Source {}

    private record Jar(Path file) implements Source {}

    /** Adds every file below {@code root} (compiled classes and resources) at the jar's root. */
    ApplicationJar directory(Path root) {
        sources.add(new Directory(root, "", Set.of()));
        return this;
    }

    /**
     * Adds a configuration directory under {@value #CONF_PREFIX}, without the top-level folders named in
     * {@code leftOut} and without hidden files.
     */
    ApplicationJar conf(Path confDir, Set<String> leftOut) {
        sources.add(new Directory(confDir, CONF_PREFIX, Set.copyOf(leftOut)));
        return this;
    }

    /** Adds the contents of a dependency jar. */
    ApplicationJar jar(Path file) {
        sources.add(new Jar(file));
        return this;
    }

    /** How many entries the last {@link #write} left out because an earlier input had the same name. */
    int duplicates() {
        return duplicates;
    }

    /**
     * Writes the jar to {@code target} (through a temporary file, moved into place when complete) with
     * {@code mainClass} as its {@code Main-Class}.
     */
    void write(Path target, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.putValue("Created-By", "Sluice Maven plugin (sluice:package)");
        if (anyMultiRelease()) {
            // Versioned classes of the inputs (META-INF/versions/N/...) are only seen in a multi-release jar.
            main.put(Attributes.Name.MULTI_RELEASE, "true");
        }
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), manifest)) {
                new Writer(out).writeAll();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private boolean anyMultiRelease() throws IOException {
        for (Source source : sources) {
            if (source instanceof Jar jar) {
                try (JarFile file = new JarFile(jar.file().toFile())) {
                    Manifest manifest = file.getManifest();
                    if (manifest != null
                            && "true"
                                    .equalsIgnoreCase(
                                            manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether an input's entry describes the jar it came from rather than the classes in it. */
    static boolean describesItsJar(String name) {
        if (name.equals("module-info.class") || name.matches("META-INF/versions/\\d+/module-info\\.class")) {
            return true;
        }
        if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = name.substring("META-INF/".length()).toUpperCase(Locale.ROOT);
        return file.equals("MANIFEST.MF")
                || file.equals("INDEX.LIST")
                || file.endsWith(".SF")
                || file.endsWith(".DSA")
                || file.endsWith(".RSA")
                || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    /** One pass over the sources into one output stream. */
    private final class Writer {
        private final JarOutputStream out;
        private final Set<String> written = new HashSet<>();
        private final Map<String, Set<String>> services = new LinkedHashMap<>();

        Writer(JarOutputStream out) {
            this.out = out;
            written.add("META-INF/");
            written.add(JarFile.MANIFEST_NAME);
        }

        void writeAll() throws IOException {
            duplicates = 0;
            for (Source source : sources) {
                if (source instanceof Directory directory) {
                    writeDirectory(directory);
                } else if (source instanceof Jar jar) {
                    writeJar(jar.file());
                }
            }
            for (Map.Entry<String, Set<String>> service : services.entrySet()) {
                String text = String.join("\n", service.getValue()) + "\n";
                entry(service.getKey(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            }
        }

        private void writeDirectory(Directory directory) throws IOException {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(directory.root())) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String relative = directory.root().relativize(file).toString().replace(File.separatorChar, '/');
                if (isHidden(relative) || directory.skippedTopFolders().contains(relative.split("/", 2)[0])) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    add(directory.prefix() + relative, in);
                }
            }
        }

        private void writeJar(Path jar) throws IOException {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.isDirectory() || describesItsJar(entry.getName())) {
                        continue;
                    }
                    try (InputStream in = file.getInputStream(entry)) {
                        add(entry.getName(), in);
                    }
                }
            }
        }

        private void add(String name, InputStream in) throws IOException {
            if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
                Set<String> lines = services.computeIfAbsent(name, n -> new LinkedHashSet<>());
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String provider = line.replaceFirst("#.*", "").strip();
                    if (!provider.isEmpty()) {
                        lines.add(provider);
                    }
                }
                return;
            }
            if (written.contains(name)) {
                duplicates++;
                return;
            }
            entry(name, in);
        }

        private void entry(String name, InputStream in) throws IOException {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                String folder = name.substring(0, slash + 1);
                if (written.add(folder)) {
                    out.putNextEntry(new JarEntry(folder));
                    out.closeEntry();
                }
            }
            written.add(name);
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static boolean isHidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
