package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogSettingsTest {
    @TempDir
    Path project;

    private final Properties none = new Properties();

    @Test
    void resolve_nothingGiven_infoWithTheLaunchersDefault() {
        Properties props = new Properties();
        props.setProperty(LogSettings.DEFAULT_CONFIG_PROPERTY, "/opt/sluice/conf/logging.xml");

        LogSettings settings = LogSettings.resolve(0, 0, project.resolve("conf"), props, Map.of());

        assertThat(settings.level()).isEqualTo("INFO");
        assertThat(settings.librariesLevel()).isEqualTo("INFO");
        assertThat(settings.configFile()).contains(Path.of("/opt/sluice/conf/logging.xml"));
    }

    @Test
    void resolve_verboseAndQuiet_mapToLevels() {
        Path conf = project.resolve("conf");
        assertThat(LogSettings.resolve(1, 0, conf, none, Map.of()).level()).isEqualTo("DEBUG");
        assertThat(LogSettings.resolve(2, 0, conf, none, Map.of()).level()).isEqualTo("TRACE");
        assertThat(LogSettings.resolve(1, 0, conf, none, Map.of()).librariesLevel())
                .isEqualTo("INFO");
        assertThat(LogSettings.resolve(0, 1, conf, none, Map.of()).level()).isEqualTo("WARN");
        assertThat(LogSettings.resolve(0, 2, conf, none, Map.of()).librariesLevel())
                .isEqualTo("ERROR");
    }

    @Test
    void resolve_environmentLevel_usedUnlessAFlagIsGiven() {
        Map<String, String> env = Map.of(LogSettings.LEVEL_ENV, "debug");
        Path conf = project.resolve("conf");

        assertThat(LogSettings.resolve(0, 0, conf, none, env).level()).isEqualTo("DEBUG");
        assertThat(LogSettings.resolve(0, 1, conf, none, env).level()).isEqualTo("WARN");
    }

    @Test
    void resolve_levelThatIsNotALevel_namesTheVariableAndTheLevels() {
        assertThatThrownBy(() ->
                        LogSettings.resolve(0, 0, project.resolve("conf"), none, Map.of(LogSettings.LEVEL_ENV, "loud")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SLUICE_LOG_LEVEL is 'loud'")
                .hasMessageContaining("TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }

    @Test
    void resolve_verboseAndQuietTogether_isRefused() {
        assertThatThrownBy(() -> LogSettings.resolve(1, 1, project.resolve("conf"), none, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("give one");
    }

    @Test
    void resolve_projectShipsConfLoggingXml_itReplacesTheDefault() throws IOException {
        Path conf = Files.createDirectories(project.resolve("conf"));
        Files.writeString(conf.resolve("logging.xml"), "<configuration/>");
        Properties props = new Properties();
        props.setProperty(LogSettings.DEFAULT_CONFIG_PROPERTY, "/opt/sluice/conf/logging.xml");

        assertThat(LogSettings.resolve(0, 0, conf, props, Map.of()).configFile())
                .contains(conf.resolve("logging.xml").toAbsolutePath());
    }

    @Test
    void resolve_explicitLogbackConfiguration_isLeftAlone() throws IOException {
        Path conf = Files.createDirectories(project.resolve("conf"));
        Files.writeString(conf.resolve("logging.xml"), "<configuration/>");
        Properties props = new Properties();
        props.setProperty(LogSettings.LOGBACK_CONFIG_PROPERTY, "/etc/mine.xml");

        assertThat(LogSettings.resolve(0, 0, conf, props, Map.of()).configFile())
                .isEqualTo(Optional.empty());
    }

    @Test
    void resolve_configVariableNamesAMissingFile_saysWhichAndWhatToDo() {
        Map<String, String> env =
                Map.of(LogSettings.CONFIG_ENV, project.resolve("nope.xml").toString());

        assertThatThrownBy(() -> LogSettings.resolve(0, 0, project.resolve("conf"), none, env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SLUICE_LOGGING_CONFIG names")
                .hasMessageContaining("nope.xml");
    }

    @Test
    void cli_verboseAfterTheSubcommand_isCountedWithTheOneBefore() {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        CommandLine cli = Main.commandLine(discard, discard);

        assertThat(Main.logSettings(cli.parseArgs("run", "-v", "--project", project.toString()))
                        .level())
                .isEqualTo("DEBUG");
        assertThat(Main.logSettings(cli.parseArgs("-v", "run", "-v", "--project", project.toString()))
                        .level())
                .isEqualTo("TRACE");
    }

    @Test
    void cli_verboseAndQuiet_exitsWithConfigurationError() {
        CliRun run = CliRun.run(getClass().getClassLoader(), "-v", "pipeline", "list", "-q");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-v (more log output) and -q (less) contradict each other");
    }
}
