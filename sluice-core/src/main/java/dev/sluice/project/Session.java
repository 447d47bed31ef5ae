package dev.sluice.project;

import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.AbandonedWrites;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifestRecorder;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A project opened for interactive work, as Kedro's {@code KedroSession} in {@code kedro ipython}: its
 * catalog, pipelines and parameters to look at, and {@link #run} to run a pipeline or a slice of one.
 *
 * <pre>{@code
 * Session session = Session.open(Project.at(Path.of("examples/iris")));
 * session.catalog().load("example_iris_data");
 * session.run(Pipeline.Filter.none().withToNodes(List.of("train_model")));
 * }</pre>
 *
 * <p>Each run opens the project again, so it reads the configuration as it is now and gets a fresh
 * catalog (versioned datasets get a new save version), fires the project's hooks, checks typed
 * parameters before any node runs, and is recorded in {@code .sluice/runs/} like a {@code sluice run},
 * so {@code sluice report last} shows it. Not thread-safe: one session serves one user.
 */
public final class Session {
    private final Project.Builder builder;
    private final Project project;
    private UnaryOperator<Runner.Builder> runnerSettings = UnaryOperator.identity();

    private Session(Project.Builder builder) {
        this.builder = builder;
        this.project = builder.open();
    }

    /** Opens the project {@code builder} describes; see {@link Project.Builder#open()}. */
    public static Session open(Project.Builder builder) {
        return new Session(Objects.requireNonNull(builder, "builder"));
    }

    /** The project as opened when the session started. */
    public Project project() {
        return project;
    }

    /** The catalog of {@link #project()}: load and save datasets by name. */
    public DataCatalog catalog() {
        return project.catalog();
    }

    /** The project's pipelines by name. */
    public Map<String, Pipeline> pipelines() {
        return project.pipelines();
    }

    /** The parameters, with environment overrides and runtime parameters applied. */
    public Map<String, Object> params() {
        return project.config().parameters();
    }

    /**
     * The runner settings for later runs (default: sequential, tee), as changes to a fresh
     * {@link Runner.Builder}: {@code session.runner(r -> r.parallel(4).io(IoMode.SYNC))}.
     */
    public Session runner(UnaryOperator<Runner.Builder> settings) {
        this.runnerSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Runs the default pipeline ({@value PipelineRegistry#DEFAULT}). */
    public RunResult run() {
        return run(PipelineRegistry.DEFAULT, Pipeline.Filter.none());
    }

    /** Runs the pipeline called {@code name}. */
    public RunResult run(String name) {
        return run(name, Pipeline.Filter.none());
    }

    /** Runs the part of the default pipeline that {@code filter} selects (Kedro's {@code session.run(tags=...)}). */
    public RunResult run(Pipeline.Filter filter) {
        return run(PipelineRegistry.DEFAULT, filter);
    }

    /**
     * Runs the part of the pipeline called {@code name} that {@code filter} selects.
     *
     * @throws PipelineDefinitionException if nothing is selected, saying what each filter selected
     * @throws dev.sluice.runner.RunFailedException if a node or a save failed
     */
    public RunResult run(String name, Pipeline.Filter filter) {
        Project fresh = builder.open();
        Pipeline whole = fresh.pipeline(name);
        Pipeline selected = whole.filter(filter);
        if (selected.isEmpty()) {
            throw new PipelineDefinitionException("Pipeline '" + name + "' "
                    + (whole.isEmpty() ? "has no nodes, so there is nothing to run." : whole.whyEmpty(filter, f -> f)));
        }
        return run(fresh, selected, List.of(name), "session.run(\"" + name + "\", " + filter + ")");
    }

    /**
     * Runs {@code pipeline}, a pipeline built or sliced in the session, against a fresh catalog.
     *
     * @throws PipelineDefinitionException if it has no nodes
     */
    public RunResult run(Pipeline pipeline) {
        if (pipeline.isEmpty()) {
            throw new PipelineDefinitionException(
                    "The pipeline given to run has no nodes, so there is nothing to run.");
        }
        return run(builder.open(), pipeline, List.of(), "session.run(" + pipeline + ")");
    }

    private RunResult run(Project fresh, Pipeline pipeline, List<String> pipelineNames, String command) {
        fresh.config().checkParameterTypes(pipeline);
        AbandonedWrites.remove(fresh.catalog(), pipeline.datasets());
        RunHistory history = RunHistory.of(fresh.dir());
        String runId = RunHistory.newRunId(Instant.now());
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(history.manifestFile(runId))
                .projectDir(fresh.dir())
                .command(command)
                .options(Map.of(
                        "env",
                        fresh.config().env(),
                        "runtime_params",
                        fresh.config().runtimeParams(),
                        "pipelines",
                        pipelineNames))
                .build()) {
            Runner runner = runnerSettings
                    .apply(Runner.builder())
                    .hook(recorder)
                    .hooks(fresh.hooks())
                    .build();
            return runner.run(pipeline, fresh.catalog(), runId);
        }
    }
}
