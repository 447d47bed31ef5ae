package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The log level and logging configuration of one command, chosen before its first logger exists and
 * handed to the logging backend as system properties. The CLI itself depends only on SLF4J: the
 * distribution and the Maven plugin bring logback, whose default configuration reads these properties.
 *
 * <p>The level: {@code -v} DEBUG, {@code -vv} TRACE, {@code -q} WARN, {@code -qq} ERROR; otherwise the
 * system property {@value #LEVEL_PROPERTY}, then the environment variable {@value #LEVEL_ENV}, then
 * INFO. Libraries known to be chatty at DEBUG ({@value #LIBRARIES_PROPERTY}) stay at INFO under
 * {@code -v}. The configuration file: {@code -Dlogback.configurationFile}, else the file named by
 * {@value #CONFIG_ENV}, else the project's {@code conf/logging.xml}, else the launcher's default
 * ({@value #DEFAULT_CONFIG_PROPERTY}).
 *
 * @param level the root level, e.g. INFO
 * @param librariesLevel the level of chatty third-party libraries
 * @param configFile the logback configuration to use, if one was chosen
 */
record LogSettings(String level, String librariesLevel, Optional<Path> configFile) {
    static final String LEVEL_PROPERTY = "sluice.log.level";
    static final String LIBRARIES_PROPERTY = "sluice.log.libraries";
    static final String DEFAULT_CONFIG_PROPERTY = "sluice.logging.default";
    static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    static final String LEVEL_ENV = "SLUICE_LOG_LEVEL";
    static final String CONFIG_ENV = "SLUICE_LOGGING_CONFIG";

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /**
     * Chooses the settings.
     *
     * @param verbose how often {@code -v} was given
     * @param quiet how often {@code -q} was given
     * @param confDir the project's configuration directory ({@code --conf-source}, else {@code <project>/conf})
     * @throws ConfigurationException for a level that is not a level, or a configuration file that is missing
     */
    static LogSettings resolve(
            int verbose, int quiet, Path confDir, Properties systemProperties, Map<String, String> env) {
        if (verbose > 0 && quiet > 0) {
            throw new ConfigurationException("-v (more log output) and -q (less) contradict each other; give one.");
        }
        String level;
        if (verbose > 0) {
            level = verbose == 1 ? "DEBUG" : "TRACE";
        } else if (quiet > 0) {
            level = quiet == 1 ? "WARN" : "ERROR";
        } else if (systemProperties.getProperty(LEVEL_PROPERTY) != null) {
            level = checkLevel(systemProperties.getProperty(LEVEL_PROPERTY), "-D" + LEVEL_PROPERTY);
        } else if (env.get(LEVEL_ENV) != null && !env.get(LEVEL_ENV).isBlank()) {
            level = checkLevel(env.get(LEVEL_ENV), LEVEL_ENV);
        } else {
            level = "INFO";
        }
        String libraries = LEVELS.indexOf(level) < LEVELS.indexOf("INFO") ? "INFO" : level;
        return new LogSettings(level, libraries, configFile(confDir, systemProperties, env));
    }

    private static Optional<Path> configFile(Path confDir, Properties systemProperties, Map<String, String> env) {
        if (systemProperties.getProperty(LOGBACK_CONFIG_PROPERTY) != null) {
            return Optional.empty();
        }
        String named = env.get(CONFIG_ENV);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException(CONFIG_ENV + " names '" + named + "', which is not a file; point it "
                        + "at a logback configuration (such as conf/logging.xml) or unset it.");
            }
            return Optional.of(file.toAbsolutePath());
        }
        Path project = confDir.resolve("logging.xml");
        if (Files.isRegularFile(project)) {
            return Optional.of(project.toAbsolutePath());
        }
        return Optional.ofNullable(systemProperties.getProperty(DEFAULT_CONFIG_PROPERTY))
                .map(Path::of);
    }

    private static String checkLevel(String value, String source) {
        String level = value.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new ConfigurationException(source + " is '" + value + "', which is not a log level; use one of "
                    + String.join(", ", LEVELS) + ".");
        }
        return level;
    }

    /** Hands the settings to the logging backend; must run before the first logger is created to take effect. */
    void apply() {
        System.setProperty(LEVEL_PROPERTY, level);
        System.setProperty(LIBRARIES_PROPERTY, librariesLevel);
        configFile.ifPresent(file -> System.setProperty(LOGBACK_CONFIG_PROPERTY, file.toString()));
    }
}
