package dev.sluice.test;

import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.project.Session;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A copy of a project in a scratch directory, for one test: run its pipelines with an environment
 * (as {@code sluice run --env test} would), then look at what the run wrote. Every run is a real one,
 * through {@link Session}: configuration read from the copy, the project's hooks, typed parameters
 * checked, the run recorded under the copy's {@code .sluice/runs}. The source project is never written.
 *
 * <p>Made by {@link SluiceProjectExtension}, which deletes the copy after the test. Not thread-safe.
 */
public final class TestProject {
    private final Path dir;
    private final String env;
    private final Map<String, Object> runtimeParams = new LinkedHashMap<>();
    private UnaryOperator<Runner.Builder> runnerSettings = UnaryOperator.identity();
    private Session session;

    TestProject(Path dir, String env) {
        this.dir = dir;
        this.env = env;
    }

    /** The copy's root directory. */
    public Path dir() {
        return dir;
    }

    /** A file of the copy, such as {@code data/03_primary/word_counts.json}. */
    public Path file(String relative) {
        return dir.resolve(relative);
    }

    /** The configuration environment runs use ({@code conf/<env>} over {@code conf/base}). */
    public String env() {
        return env;
    }

    /**
     * Runtime parameters for the runs, as {@code --params} gives them (keys may be dotted).
     *
     * @throws IllegalStateException once the project has been opened (after the first run)
     */
    public TestProject params(Map<String, ?> params) {
        if (session != null) {
            throw new IllegalStateException("Set runtime parameters before the first run: the project is already "
                    + "open with " + runtimeParams + ".");
        }
        runtimeParams.putAll(params);
        return this;
    }

    /** Runner settings for the runs: {@code runner(r -> r.parallel(2).io(IoMode.SYNC))}. */
    public TestProject runner(UnaryOperator<Runner.Builder> settings) {
        this.runnerSettings = Objects.requireNonNull(settings, "settings");
        if (session != null) {
            session.runner(settings);
        }
        return this;
    }

    /** The session on the copy, opened on first use: its catalog, pipelines and parameters. */
    public Session session() {
        if (session == null) {
            session = Session.open(builder()).runner(runnerSettings);
        }
        return session;
    }

    /** Runs the default pipeline ({@value PipelineRegistry#DEFAULT}). */
    public RunResult run() {
        return session().run();
    }

    /** Runs the pipeline called {@code name}. */
    public RunResult run(String name) {
        return session().run(name);
    }

    /** Runs the part of pipeline {@code name} that {@code filter} selects. */
    public RunResult run(String name, Pipeline.Filter filter) {
        return session().run(name, filter);
    }

    /**
     * Loads {@code dataset} as the project's catalog reads it now (a freshly opened catalog, so what the
     * last run committed, at the latest version).
     */
    public Object load(String dataset) {
        return builder().open().catalog().load(dataset);
    }

    /** The manifest of the latest run in the copy. */
    public RunManifest lastRun() {
        return RunHistory.of(dir).read(RunHistory.LAST);
    }

    private Project.Builder builder() {
        return Project.at(dir).env(env).runtimeParams(runtimeParams);
    }
}
