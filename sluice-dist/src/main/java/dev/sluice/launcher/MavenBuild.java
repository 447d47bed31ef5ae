package dev.sluice.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs the project's Maven: the project's {@code mvnw} when it has one, else {@code mvn} on the PATH.
 * Maven's output goes to standard error, so a command's standard output stays its own.
 */
final class MavenBuild {
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    static final String HELP_PLUGIN = "org.apache.maven.plugins:maven-help-plugin:3.5.1";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Path project;
    private final Map<String, String> env;
    private final PrintStream log;

    MavenBuild(Path project, Map<String, String> env, PrintStream log) {
        this.project = project;
        this.env = env;
        this.log = log;
    }

    /**
     * Compiles the project and writes its resolved dependencies ({@code dependency:list} format) and its
     * effective POM: one Maven run.
     */
    void resolve(Path dependencies, Path effectivePom) {
        run(List.of(
                "process-classes",
                DEPENDENCY_PLUGIN + ":list",
                HELP_PLUGIN + ":effective-pom",
                "-DoutputFile=" + dependencies,
                "-DoutputAbsoluteArtifactFilename=true",
                "-DappendOutput=false",
                "-Doutput=" + effectivePom));
    }

    /** Compiles the project (for builds the launcher cannot compile itself). */
    void compile() {
        run(List.of("process-classes"));
    }

    private void run(List<String> goals) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(
                "-B",
                "-q",
                "-Dstyle.color=never",
                "-f",
                project.resolve("pom.xml").toString()));
        command.addAll(goals);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                // Maven 3.8 prints colour resets even with -Dstyle.color=never.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String plain = ANSI.matcher(line).replaceAll("");
                    if (!plain.isBlank()) {
                        log.println(plain);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new LaunchException("Maven could not build the project in '" + project + "' (exit code " + exit
                        + "; its output is above). Fix the build, then run again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while Maven was building the project.", e);
        }
    }

    private String executable() {
        Path wrapper = project.resolve("mvnw");
        if (Files.isExecutable(wrapper)) {
            return wrapper.toString();
        }
        return onPath("mvn")
                .orElseThrow(() -> new LaunchException("The project's build files changed since its last run (or it "
                        + "never ran): resolving its dependencies needs Maven, and 'mvn' is not on the PATH. Install "
                        + "Maven 3.8 or newer, or add a Maven wrapper (mvnw) to the project."));
    }

    private Optional<String> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name).toString());
            }
        }
        return Optional.empty();
    }
}
