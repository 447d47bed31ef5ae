package dev.sluice.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Brings a project's launch cache up to date and writes the class path {@code bin/sluice} starts the CLI
 * with. The cache lives in {@code <project>/.sluice/launcher/}:
 *
 * <ul>
 *   <li>{@code classpath}: the project's classes jar, the distribution's {@code lib/} jars, then the project's
 *       run-time dependencies that {@code lib/} does not already hold (one copy of Sluice, the distribution's);
 *   <li>{@code inputs}: the files and directories whose change makes {@code bin/sluice} call this again;
 *   <li>{@code state.properties}: fingerprints of the build files and the sources the cache was made from;
 *   <li>{@code dependencies.txt}, {@code effective-pom.xml}: what Maven resolved; {@code project.jar}.
 * </ul>
 *
 * <p>Maven runs only when the build files' contents changed (or on the first run); when only sources
 * changed, the launcher compiles them itself with the javac options Maven would use, unless the build
 * does something it cannot repeat (then Maven compiles). Not thread-safe across processes: two launches
 * of one project at the same moment may both rebuild, and the last one's files win.
 */
public final class Prepare {
    static final String CACHE = ".sluice/launcher";

    private final Path home;
    private final Path project;
    private final Map<String, String> env;
    private final PrintStream log;
    private final Path cache;

    Prepare(Path home, Path project, Map<String, String> env, PrintStream log) {
        this.home = home.toAbsolutePath().normalize();
        this.project = project.toAbsolutePath().normalize();
        this.env = env;
        this.log = log;
        this.cache = this.project.resolve(CACHE);
    }

    /** {@code Prepare SLUICE_HOME PROJECT_DIR}: exit code 0, or 2 after printing what to fix. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Prepare SLUICE_HOME PROJECT_DIR");
            System.exit(64);
        }
        try {
            new Prepare(Path.of(args[0]), Path.of(args[1]), System.getenv(), System.err).run();
        } catch (LaunchException e) {
            System.err.println("sluice: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Updates the cache and returns the class path it wrote. */
    List<Path> run() {
        FileTime started = FileTime.fromMillis(System.currentTimeMillis());
        try {
            Files.createDirectories(cache);
            Properties state = readState();
            Path dependencies = cache.resolve("dependencies.txt");
            Path effective = cache.resolve("effective-pom.xml");
            Path jar = cache.resolve("project.jar");
            List<Path> buildFiles = BuildFiles.of(project);
            String build = Fingerprint.of(project.getRoot(), buildFiles) + " " + home;
            MavenBuild maven = new MavenBuild(project, env, log);
            EffectivePom pom;
            String sources;
            if (!build.equals(state.getProperty("build"))
                    || !Files.isRegularFile(dependencies)
                    || !Files.isRegularFile(effective)) {
                log.println("sluice: resolving the project's dependencies with Maven ("
                        + (state.isEmpty() ? "first run" : "its build files changed") + ")...");
                installDistributionArtifacts();
                maven.resolve(dependencies, effective);
                pom = EffectivePom.read(effective);
                sources = sourcesFingerprint(pom);
                Jars.pack(pom.outputDir(), jar);
            } else {
                pom = EffectivePom.read(effective);
                sources = sourcesFingerprint(pom);
                if (!sources.equals(state.getProperty("sources")) || !Files.isRegularFile(jar)) {
                    compile(pom, maven, Dependency.readList(dependencies), jar);
                }
            }
            List<Path> classPath = classPath(jar, Dependency.readList(dependencies));
            writeLines(cache.resolve("inputs"), inputs(buildFiles, pom));
            state.setProperty("build", build);
            state.setProperty("sources", sources);
            writeState(state);
            Path classPathFile = cache.resolve("classpath");
            writeLines(
                    classPathFile,
                    List.of(classPath.stream().map(Path::toString).collect(Collectors.joining(":"))));
            // Stamped with the time this run started: a file edited while it ran still counts as newer.
            Files.setLastModifiedTime(classPathFile, started);
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(EffectivePom pom, MavenBuild maven, List<Dependency> dependencies, Path jar) {
        if (pom.javacOptions().isPresent()) {
            Path classes = cache.resolve("classes");
            List<Path> compileClassPath = dependencies.stream()
                    .filter(Dependency::atCompileTime)
                    .map(Dependency::file)
                    .toList();
            Javac.compile(
                    pom.sourceDirs(),
                    pom.resourceDirs(),
                    compileClassPath,
                    pom.javacOptions().get(),
                    classes);
            Jars.pack(classes, jar);
        } else {
            log.println("sluice: compiling with Maven, because " + pom.whyMaven() + "...");
            maven.compile();
            Jars.pack(pom.outputDir(), jar);
        }
    }

    /**
     * The project's jar, then {@code lib/}'s jars, then the project's run-time dependencies that are not in
     * {@code lib/} (compared by group and artifact id).
     */
    List<Path> classPath(Path projectJar, List<Dependency> dependencies) throws IOException {
        List<Path> classPath = new ArrayList<>(List.of(projectJar));
        classPath.addAll(libJars(home));
        Map<String, String> inLib = new LinkedHashMap<>();
        Path index = home.resolve("lib/artifacts.txt");
        if (Files.isRegularFile(index)) {
            Dependency.readList(index).forEach(d -> inLib.put(d.key(), d.version()));
        }
        for (Dependency dependency : dependencies) {
            if (!dependency.atRunTime() || dependency.file() == null) {
                continue;
            }
            String libVersion = inLib.get(dependency.key());
            if (libVersion == null) {
                classPath.add(dependency.file());
            } else if (dependency.groupId().equals("dev.sluice") && !libVersion.equals(dependency.version())) {
                log.println("sluice: the project asks for " + dependency.key() + " " + dependency.version()
                        + "; this installation runs it with its own " + libVersion + ".");
            }
        }
        return classPath;
    }

    /** The jars of {@code home/lib}, in name order (the launcher's own jar lives elsewhere). */
    static List<Path> libJars(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private void installDistributionArtifacts() {
        Path repository = home.resolve("repository");
        if (Files.isDirectory(repository)) {
            Path local = LocalRepository.locate(project, env, Path.of(System.getProperty("user.home")));
            int copied = LocalRepository.install(repository, local);
            if (copied > 0) {
                log.println("sluice: installed " + copied + " file(s) of Sluice's artifacts into " + local + ".");
            }
        }
    }

    private List<String> inputs(List<Path> buildFiles, EffectivePom pom) {
        Set<Path> inputs = new java.util.LinkedHashSet<>(buildFiles);
        Stream.concat(pom.sourceDirs().stream(), pom.resourceDirs().stream())
                .filter(Files::isDirectory)
                .forEach(inputs::add);
        inputs.add(home.resolve("lib"));
        return inputs.stream().map(Path::toString).toList();
    }

    private String sourcesFingerprint(EffectivePom pom) {
        List<Path> dirs = new ArrayList<>(pom.sourceDirs());
        dirs.addAll(pom.resourceDirs());
        return Fingerprint.of(project.getRoot(), Fingerprint.filesUnder(dirs));
    }

    private Properties readState() throws IOException {
        Properties state = new Properties();
        Path file = cache.resolve("state.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    private void writeState(Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(cache.resolve("state.properties"))) {
            state.store(out, "bin/sluice's launch cache; delete this directory to rebuild it");
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
