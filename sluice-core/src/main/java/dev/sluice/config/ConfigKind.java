package dev.sluice.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of configuration file, each found by its file-name prefix (Kedro's {@code catalog*},
 * {@code catalog*}{@code /**} and {@code **}{@code /catalog*} patterns) and each with the
 * interpolation resolvers it may use: Sluice's own four, and any other a plugin reads by name
 * ({@code spark*} files, through {@link ProjectConfig#get}).
 */
final class ConfigKind {
    static final ConfigKind GLOBALS = new ConfigKind("globals", false, false);
    static final ConfigKind PARAMETERS = new ConfigKind("parameters", true, false);
    static final ConfigKind CREDENTIALS = new ConfigKind("credentials", true, true);
    static final ConfigKind CATALOG = new ConfigKind("catalog", true, false);

    private static final Set<String> EXTENSIONS = Set.of(".yml", ".yaml", ".json");

    private final String prefix;
    private final boolean runtimeParams;
    private final boolean environmentVariables;

    private ConfigKind(String prefix, boolean runtimeParams, boolean environmentVariables) {
        this.prefix = prefix;
        this.runtimeParams = runtimeParams;
        this.environmentVariables = environmentVariables;
    }

    /**
     * Another kind of file, read like parameters (globals and runtime parameters may be interpolated,
     * environment variables may not), such as {@code spark} for {@code spark.yml}.
     */
    static ConfigKind named(String prefix) {
        return new ConfigKind(prefix, true, false);
    }

    /** The file-name prefix, also used in messages: {@code catalog}, {@code parameters}. */
    String prefix() {
        return prefix;
    }

    /** Whether {@code ${runtime_params:...}} may be used (everywhere except globals, as in Kedro). */
    boolean allowsRuntimeParams() {
        return runtimeParams;
    }

    /**
     * Whether {@code ${oc.env:...}} may be used. Only credentials may read environment variables:
     * those often hold secrets, and catalog and parameter values are printed and logged.
     */
    boolean allowsEnvironmentVariables() {
        return environmentVariables;
    }

    /** Whether {@code globals} may be used: not inside globals themselves. */
    boolean allowsGlobals() {
        return this != GLOBALS;
    }

    /**
     * Whether the file at {@code relative} (inside an environment directory) belongs to this kind: its
     * name starts with the prefix at any depth, or it lies below a top-level folder whose name does.
     */
    boolean matches(Path relative) {
        String fileName = relative.getFileName().toString();
        if (!hasConfigExtension(fileName)) {
            return false;
        }
        if (fileName.startsWith(prefix)) {
            return true;
        }
        return relative.getNameCount() > 1 && relative.getName(0).toString().startsWith(prefix);
    }

    private static boolean hasConfigExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot).toLowerCase(Locale.ROOT));
    }
}
