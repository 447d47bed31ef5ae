package dev.sluice.cli;

import dev.sluice.config.RuntimeParams;
import dev.sluice.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Options shared by every command that opens a project. */
final class ProjectOptions {
    @Option(
            names = "--project",
            paramLabel = "DIR",
            description = "The project's root directory (default: the current directory).")
    Path project = Path.of(".");

    @Option(
            names = {"--env", "-e"},
            paramLabel = "ENV",
            description = "Configuration environment applied over conf/base (default: local).")
    String env;

    @Option(
            names = "--conf-source",
            paramLabel = "DIR",
            description = "Configuration directory (default: <project>/conf).")
    Path confSource;

    @Option(
            names = "--params",
            paramLabel = "K=V[,K=V...]",
            description =
                    "Runtime parameters overriding parameters.yml, e.g. --params io_delay=2,train.learning_rate=0.05")
    List<String> params = new ArrayList<>();

    @Option(names = "--hooks", split = ",", paramLabel = "CLASS", description = "Hook classes to add, fully qualified.")
    List<String> hooks = new ArrayList<>();

    /** Adjusts every project this command opens; tests use it to supply a pipeline registry. */
    Consumer<Project.Builder> configure = builder -> {};

    Project.Builder builder() {
        Project.Builder builder = Project.at(project)
                .env(env)
                .confSource(confSource == null ? null : confSource.toAbsolutePath())
                .runtimeParams(runtimeParams())
                .hookClasses(hooks);
        configure.accept(builder);
        return builder;
    }

    Project open() {
        return builder().open();
    }

    Map<String, Object> runtimeParams() {
        return params.isEmpty() ? Map.of() : RuntimeParams.parse(String.join(",", params));
    }
}
