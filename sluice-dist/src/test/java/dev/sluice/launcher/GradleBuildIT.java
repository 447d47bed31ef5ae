package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code sluice new} project built and run by Gradle instead of Maven: Gradle reads Sluice's POMs (parent,
 * managed versions, scopes) from the distribution's {@code repository/}, compiles the project and runs it
 * through the CLI, logging with the project's {@code conf/logging.xml}.
 *
 * <p>The Gradle here is Debian's 4.4, which predates {@code platform()}: this build names versions, and
 * the guide's {@code platform("dev.sluice:sluice-bom:...")} line is checked against the BOM by docs-check
 * only. Skipped without {@code gradle} on the PATH, unless {@code SLUICE_GRADLE_TESTS=required} (CI).
 */
class GradleBuildIT {
    private static final String VERSION = System.getProperty("sluice.version");

    @TempDir
    Path dir;

    @Test
    void newProject_builtAndRunByGradle_resolvesSluiceFromTheDistributionsRepository() throws Exception {
        Optional<Path> gradle = onPath("gradle");
        if ("required".equals(System.getenv("SLUICE_GRADLE_TESTS"))) {
            assertThat(gradle)
                    .as("SLUICE_GRADLE_TESTS=required but gradle is not on the PATH")
                    .isPresent();
        }
        Assumptions.assumeTrue(gradle.isPresent(), "gradle is not on the PATH");
        Path home = Path.of(System.getProperty("sluice.distribution"))
                .resolveSibling("sluice-" + VERSION)
                .resolve("sluice-" + VERSION);
        Path localRepository = Path.of(System.getProperty("sluice.localRepository"));
        String logback = Dependency.readList(home.resolve("lib/artifacts.txt")).stream()
                .filter(d -> d.key().equals("ch.qos.logback:logback-classic"))
                .findFirst()
                .orElseThrow()
                .version();
        assertThat(run(List.of(home.resolve("bin/sluice").toString(), "new", "demo"), dir))
                .isZero();
        Path demo = dir.resolve("demo");
        Files.writeString(
                demo.resolve("build.gradle"),
                String.join(
                        "\n",
                        "apply plugin: 'java'",
                        "repositories {",
                        "    maven { url '" + home.resolve("repository").toUri() + "' }",
                        "    maven { url '" + localRepository.toUri() + "' }",
                        "}",
                        "dependencies {",
                        "    implementation 'dev.sluice:sluice-core:" + VERSION + "'",
                        "    runtimeOnly 'dev.sluice:sluice-datasets:" + VERSION + "'",
                        "    runtimeOnly 'dev.sluice:sluice-cli:" + VERSION + "'",
                        "    runtimeOnly 'ch.qos.logback:logback-classic:" + logback + "'",
                        "}",
                        "task sluiceRun(type: JavaExec) {",
                        "    classpath = sourceSets.main.runtimeClasspath",
                        "    main = 'dev.sluice.cli.Main'",
                        "    args 'run', '--project', projectDir.path",
                        "}",
                        ""));
        Files.writeString(demo.resolve("settings.gradle"), "rootProject.name = 'demo'\n");

        Path out = dir.resolve("gradle-out.txt");
        int exit = run(
                List.of(
                        gradle.get().toString(),
                        "--no-daemon",
                        "--offline",
                        "-q",
                        "--gradle-user-home",
                        dir.resolve("gradle-home").toString(),
                        "sluiceRun"),
                demo,
                out);

        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("completed: 2 node(s)").contains(" INFO ");
        assertThat(demo.resolve("data/03_primary/word_counts.json")).content().contains("\"hello\":2");
    }

    private int run(List<String> command, Path cwd) throws Exception {
        return run(command, cwd, Files.createTempFile(dir, "out", ".txt"));
    }

    private int run(List<String> command, Path cwd, Path out) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SLUICE_CACHE_DIR", dir.resolve("cache").toString());
        builder.environment().remove("SLUICE_LOG_LEVEL");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        return process.exitValue();
    }

    private static Optional<Path> onPath(String name) {
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
