package dev.sluice.hook;

import dev.sluice.config.ProjectConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The project as {@link Hook#afterContextCreated} sees it: its directory and its configuration, read
 * and checked, before the catalog is built. Kedro's {@code KedroContext}.
 *
 * @param projectDir the project's root directory
 * @param config the configuration: environment, parameters, runtime parameters, catalog entries and
 *     the names (never the values) of credentials
 */
public record ProjectContext(Path projectDir, ProjectConfig config) {
    public ProjectContext {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(config, "config");
    }

    /** The run environment, such as {@code local}. */
    public String env() {
        return config.env();
    }

    /** The parameters, with environment overrides and runtime parameters applied (Kedro's {@code context.params}). */
    public Map<String, Object> params() {
        return config.parameters();
    }
}
