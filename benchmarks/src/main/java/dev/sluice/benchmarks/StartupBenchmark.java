package dev.sluice.benchmarks;

import dev.sluice.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code benchmarks/run startup}: whole-process time of the distribution's {@code bin/sluice} on the project
 * {@code sluice new} makes, against the bare {@code java} command it stands for (the same class path and
 * logging, a plain JVM: no archive, default compiler and collector), side by side in one window.
 *
 * <p>It unpacks nothing: it runs the distribution directory the build leaves under
 * {@code sluice-dist/target/}. It makes the project in {@code benchmarks/target/startup} (deleted after),
 * runs it once
 * (Maven resolves it, the class-data archive is made), then times every command {@code runs} times in
 * turn, A B C A B C..., after one untimed round. The ratio is the median of the per-round ratios, so it
 * holds when the machine's speed drifts.
 */
final class StartupBenchmark {
    /** Kedro's figure for {@code kedro run} of the same two nodes (issue 8, 2 cores). */
    static final double KEDRO_SECONDS = 1.06;

    private final Path root;
    private final int runs;
    private final PrintStream progress;

    StartupBenchmark(Path root, int runs, PrintStream progress) {
        this.root = root;
        this.runs = runs;
        this.progress = progress;
    }

    String run() {
        Path home = distribution(root);
        try (ScratchDirectory scratch = ScratchDirectory.create(root.resolve("benchmarks/target/startup"))) {
            return run(home, scratch.path());
        }
    }

    private String run(Path home, Path work) {
        Path project = work.resolve("bench");
        Map<String, String> env =
                Map.of("SLUICE_CACHE_DIR", work.resolve("cache").toString());
        String sluice = home.resolve("bin/sluice").toString();
        String java = javaCommand();
        exec(List.of(sluice, "new", "bench", "--directory", work.toString()), env);
        double first = exec(List.of(sluice, "run", "--project", project.toString()), env);
        // The second run on JDK 25 assembles the AOT cache in the background; let it finish.
        exec(List.of(sluice, "run", "--project", project.toString()), env);
        waitForArchives(work.resolve("cache/archives"));

        String classPath = read(project.resolve(".sluice/launcher/classpath")).strip();
        String libPath = String.join(File.pathSeparator, libJars(home));
        String logging = "-Dsluice.logging.default=" + home.resolve("conf/logging.xml");
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("`sluice run` (second and later runs)", List.of(sluice, "run", "--project", project.toString()));
        commands.put(
                "bare `java -cp … dev.sluice.cli.Main run`",
                List.of(
                        java,
                        logging,
                        "-cp",
                        classPath,
                        "dev.sluice.cli.Main",
                        "run",
                        "--project",
                        project.toString()));
        commands.put("`sluice --help`", List.of(sluice, "--help"));
        commands.put(
                "bare `java -cp lib/* dev.sluice.cli.Main --help`",
                List.of(java, "-cp", libPath, "dev.sluice.cli.Main", "--help"));
        commands.put("`java -version` (the floor)", List.of(java, "-version"));

        Map<String, List<Double>> times = new LinkedHashMap<>();
        commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int round = -1; round < runs; round++) {
            for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                double seconds = exec(command.getValue(), env);
                if (round >= 0) {
                    times.get(command.getKey()).add(seconds);
                }
            }
            progress.printf(Locale.ROOT, "startup: round %d of %d done%n", round + 1, runs);
        }
        return table(first, times, new ArrayList<>(commands.keySet()), java);
    }

    private String table(double first, Map<String, List<Double>> times, List<String> names, String java) {
        List<Double> run = times.get(names.get(0));
        List<Double> bareRun = times.get(names.get(1));
        List<Double> help = times.get(names.get(2));
        List<Double> bareHelp = times.get(names.get(3));
        StringBuilder out = new StringBuilder();
        out.append("### Start-up: the `sluice new` project, whole processes (")
                .append(runs)
                .append(" runs each, interleaved; `")
                .append(java)
                .append("`)\n\n");
        out.append("| command | median (s) | min (s) | max (s) | ratio to bare `java` |\n");
        out.append("| --- | --: | --: | --: | --: |\n");
        for (String name : names) {
            List<Double> t = times.get(name);
            String ratio = name.equals(names.get(0))
                    ? Format.ratio(medianRatio(run, bareRun))
                    : name.equals(names.get(2)) ? Format.ratio(medianRatio(help, bareHelp)) : "";
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %s |%n",
                    name,
                    median(t),
                    t.stream().mapToDouble(d -> d).min().orElse(0),
                    t.stream().mapToDouble(d -> d).max().orElse(0),
                    ratio));
        }
        // Kedro comes from PyPI, which this machine cannot reach: the row repeats the measurement.
        out.append(String.format(
                Locale.ROOT,
                "| `kedro run` of the same two nodes (not measured here: issue 8's figure) | %.2f | | | |%n",
                KEDRO_SECONDS));
        out.append(String.format(
                Locale.ROOT,
                "%nFirst run (Maven resolves the project, the class-data archive is made): %.2f s. "
                        + "Goal: `sluice run` within 1.3× the bare `java` command, ideally at most %.2f s.%n",
                first,
                KEDRO_SECONDS));
        return out.toString();
    }

    static double medianRatio(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return median(ratios);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Runs a command to its end, output discarded, and returns its wall time in seconds. */
    private static double exec(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (exit != 0) {
                throw new ConfigurationException(
                        String.join(" ", command) + " failed with exit code " + exit + "; run it by hand to see why.");
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitForArchives(Path dir) {
        for (int i = 0; i < 600 && hasPending(dir); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean hasPending(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(
                    p -> p.toString().endsWith(".tmp") || p.toString().endsWith(".config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unpacked distribution the build leaves in {@code sluice-dist/target/sluice-VERSION/sluice-VERSION}. */
    static Path distribution(Path root) {
        Path target = root.resolve("sluice-dist/target");
        try (Stream<Path> dirs = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().startsWith("sluice-"))
                    .map(d -> d.resolve(d.getFileName()))
                    .filter(d -> Files.isExecutable(d.resolve("bin/sluice")))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException("No distribution under '" + target
                            + "'; benchmarks/run startup builds it, or run mvn package -pl sluice-dist -am."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> libJars(Path home) {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.map(Path::toString)
                    .filter(p -> p.endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java bin/sluice would use: JAVA_HOME's, else the one on the PATH. */
    private static String javaCommand() {
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            return Path.of(javaHome, "bin", "java").toString();
        }
        return "java";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
