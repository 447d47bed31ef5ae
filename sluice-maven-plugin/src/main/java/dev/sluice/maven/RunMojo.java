package dev.sluice.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn sluice:run}: compiles the project, then runs {@code sluice run --project ${basedir}} with its
 * run-time class path. {@code -Dsluice.env}, {@code -Dsluice.pipeline}, {@code -Dsluice.params} and
 * {@code -Dsluice.args} pass options through.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends AbstractSluiceMojo {
    /** The configuration environment ({@code --env}). */
    @Parameter(property = "sluice.env")
    String env;

    /** The pipeline(s) to run ({@code --pipeline}). */
    @Parameter(property = "sluice.pipeline")
    String pipeline;

    /** Runtime parameters ({@code --params}), e.g. {@code io_delay=1}. */
    @Parameter(property = "sluice.params")
    String params;

    @Override
    List<String> command() {
        List<String> command =
                new ArrayList<>(List.of("run", "--project", project.getBasedir().getPath()));
        option(command, "--env", env);
        option(command, "--pipeline", pipeline);
        option(command, "--params", params);
        return command;
    }

    private static void option(List<String> command, String name, String value) {
        if (value != null && !value.isBlank()) {
            command.add(name);
            command.add(value);
        }
    }

    /** The project's classes and run-time dependencies, then the CLI and logback where the project lacks them. */
    @Override
    List<String> classPath() {
        Map<String, String> projectPaths = new LinkedHashMap<>();
        projectPaths.put("(classes)", project.getBuild().getOutputDirectory());
        projectPaths.putAll(byKey(project.getArtifacts().stream()
                .filter(a -> Artifact.SCOPE_COMPILE.equals(a.getScope()) || Artifact.SCOPE_RUNTIME.equals(a.getScope()))
                .toList()));
        return merge(projectPaths, pluginArtifacts);
    }
}
