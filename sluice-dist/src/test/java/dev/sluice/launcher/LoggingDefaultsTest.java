package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's logging, through the CLI in a fresh JVM (logback configures itself once per JVM):
 * the default configuration the launcher passes, -v and -q, SLUICE_LOG_LEVEL, and a project's own
 * conf/logging.xml.
 */
class LoggingDefaultsTest {
    private static final Path DEFAULT_LOGGING = Path.of(System.getProperty("sluice.defaultLogging"));

    @TempDir
    Path dir;

    Path project;
    Path services;

    @BeforeEach
    void project() throws IOException {
        project = dir.resolve("project");
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(project.resolve("conf/base/parameters.yml"), "name: world\n");
        services = dir.resolve("services");
        Files.createDirectories(services.resolve("META-INF/services"));
        Files.writeString(
                services.resolve("META-INF/services/dev.sluice.project.PipelineRegistry"),
                "com.example.logs.LoggingPipelines\n");
    }

    @Test
    void run_defaults_showsInfoFromTheUsersNodeConciselyAndNoStatusLines() throws Exception {
        Result run = run(Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .containsPattern(
                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  LoggingPipelines - greeting world from a user's node")
                .contains("INFO  DagRunner - ")
                .doesNotContain("detail only -v shows")
                .doesNotContain("ch.qos.logback")
                .doesNotContain("|-INFO");
    }

    @Test
    void run_verbose_showsDebug() throws Exception {
        Result run = run(Map.of(), "-v");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("DEBUG LoggingPipelines - detail only -v shows");
    }

    @Test
    void run_quiet_showsNoInfo() throws Exception {
        Result run = run(Map.of(), "-q");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("INFO");
        assertThat(run.out()).contains("completed");
    }

    @Test
    void run_sluiceLogLevelWarn_showsNoInfo() throws Exception {
        Result run = run(Map.of("SLUICE_LOG_LEVEL", "WARN"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("INFO");
    }

    @Test
    void run_projectShipsConfLoggingXml_itsPatternIsUsedAndFollowsVerbose() throws Exception {
        Files.writeString(project.resolve("conf/logging.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>PROJECT %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="${sluice.log.level:-INFO}"><appender-ref ref="OUT"/></root>
                </configuration>
                """);

        Result run = run(Map.of(), "-v");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("PROJECT INFO greeting world from a user's node")
                .contains("PROJECT DEBUG detail only -v shows");
    }

    private Result run(Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsluice.logging.default=" + DEFAULT_LOGGING.toAbsolutePath(),
                "-cp",
                services + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "dev.sluice.cli.Main",
                "run",
                "--project",
                project.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("SLUICE_LOG_LEVEL");
        builder.environment().remove("SLUICE_LOGGING_CONFIG");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within a minute");
        }
        return new Result(
                process.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {}
}
