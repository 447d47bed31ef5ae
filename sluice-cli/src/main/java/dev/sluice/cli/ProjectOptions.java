package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.config.RuntimeParams;
import dev.sluice.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options shared by every command that opens a project. */
final class ProjectOptions {
    @Mixin
    ProjectDirectory directory = new ProjectDirectory();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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
                    "Runtime parameters overriding parameters.yml, e.g. --params io_delay=2,train.learning_rate=0.05;"
                            + " lists and mappings in YAML flow syntax (features=[engines,crew]), text with commas quoted "
                            + "(title='a, b').")
    List<String> params = new ArrayList<>();

    @Option(
            names = {"--load-versions", "-lv"},
            split = ",",
            paramLabel = "DATASET:VERSION",
            description =
                    "Load these versions of versioned datasets, e.g. --load-versions model:2026-11-21T09.30.00.000Z")
    List<String> loadVersions = new ArrayList<>();

    @Option(names = "--hooks", split = ",", paramLabel = "CLASS", description = "Hook classes to add, fully qualified.")
    List<String> hooks = new ArrayList<>();

    /** Adjusts every project this command opens; tests use it to supply a pipeline registry. */
    Consumer<Project.Builder> configure = builder -> {};

    Project.Builder builder() {
        Project.Builder builder = Project.at(dir())
                .env(env)
                .confSource(confSource())
                .runtimeParams(runtimeParams())
                .hookClasses(hooks)
                .loadVersions(loadVersions())
                .warnings(loggedWarnings());
        configure.accept(builder);
        return builder;
    }

    /** A warnings collector that logs each warning once, as it arises (the catalog adds some during a run). */
    static Warnings loggedWarnings() {
        // The logger is looked up on first use, so commands that open no project never start logging.
        return Warnings.create().onWarning(warning -> LoggerFactory.getLogger("dev.sluice.warnings")
                .warn("{}", warning));
    }

    /**
     * {@code --conf-source} if given; else none ({@code <project>/conf}) when that exists; else the
     * configuration packed into the application jar by {@code sluice:package}, if there is one.
     */
    Path confSource() {
        if (confSource != null) {
            return confSource.toAbsolutePath();
        }
        Path projectConf = dir().resolve("conf");
        if (Files.isDirectory(projectConf)) {
            return null;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Optional<Path> packed = PackagedConf.find(context != null ? context : ProjectOptions.class.getClassLoader());
        packed.ifPresent(conf -> LoggerFactory.getLogger(ProjectOptions.class)
                .info(
                        "Reading the configuration packed into {} ({} has no conf/)",
                        conf.getFileSystem(),
                        dir().toAbsolutePath().normalize()));
        return packed.orElse(null);
    }

    /** The project's directory, as given. */
    Path dir() {
        return directory.dir;
    }

    Project open() {
        return builder().open();
    }

    Map<String, String> loadVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String item : loadVersions) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw OptionErrors.invalid(
                        command,
                        "--load-versions",
                        item,
                        "is not DATASET:VERSION; write e.g. --load-versions model:2026-11-21T09.30.00.000Z.");
            }
            versions.put(item.substring(0, colon), item.substring(colon + 1));
        }
        return versions;
    }

    Map<String, Object> runtimeParams() {
        try {
            return params.isEmpty() ? Map.of() : RuntimeParams.parse(String.join(",", params));
        } catch (ConfigurationException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }
}
