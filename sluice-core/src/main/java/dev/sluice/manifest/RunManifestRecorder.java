package dev.sluice.manifest;

import dev.sluice.DatasetException;
import dev.sluice.NodeExecutionException;
import dev.sluice.SluiceException;
import dev.sluice.StackTraces;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.io.Dataset;
import dev.sluice.io.FileDataset;
import dev.sluice.io.SlowDataset;
import dev.sluice.io.Versioned;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunInterruptedException;
import dev.sluice.runner.RunOptions;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.SaveState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A {@link Hook} that records one run in a {@link RunManifest} file, {@code manifest.json}, and keeps
 * the file current while the run goes, so a run killed at any moment leaves a manifest that tells what
 * completed and what was committed.
 *
 * <pre>{@code
 * try (RunManifestRecorder recorder = RunManifestRecorder.builder(history.manifestFile(runId)).build()) {
 *     Runner.builder().hook(recorder).build().run(pipeline, catalog, runId);
 * }
 * }</pre>
 *
 * <p>The file is written when the run starts, rewritten by a background thread at most once per
 * {@linkplain Builder#writeInterval interval} while events arrive, and written synchronously when the
 * run ends; every write replaces the file atomically. Stored sizes are measured on that thread, off the
 * run's I/O path. Writing failures are logged and never fail the run. Runtime parameters and options
 * whose names look secret, and passwords in URLs, are masked; credentials never reach a recorder.
 *
 * <p>One recorder records one run. It is thread-safe: node hooks arrive from worker threads, save hooks
 * from I/O threads. {@link #close()} stops the writer thread (after a final write) if the run did not
 * end normally.
 */
public final class RunManifestRecorder implements Hook, AutoCloseable {
    private final Path file;
    private final Map<String, Object> extraOptions;
    private final ManifestState state;
    private final ManifestWriter writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final LongSupplier clock;
    private volatile DataCatalog catalog;

    private RunManifestRecorder(Builder builder) {
        this.file = builder.file;
        this.extraOptions = new LinkedHashMap<>(builder.options);
        this.clock = builder.clock;
        this.state = new ManifestState(
                builder.projectDir == null ? null : builder.projectDir.toString(),
                builder.command,
                builder.resumedFrom);
        this.writer = new ManifestWriter(
                file,
                () -> {
                    measureSizes();
                    return state.snapshot().toJson();
                },
                builder.writeInterval);
    }

    /** Starts a recorder that writes to {@code file} (usually {@link RunHistory#manifestFile}). */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** Where the manifest is written. */
    public Path file() {
        return file;
    }

    /**
     * The manifest as it stands now.
     *
     * @throws IllegalStateException before the run started
     */
    public RunManifest snapshot() {
        if (!state.isStarted()) {
            throw new IllegalStateException("The run has not started; there is no manifest yet.");
        }
        return state.snapshot();
    }

    @Override
    public void beforePipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog) {
        if (state.isStarted() || ended.get()) {
            throw new IllegalStateException("A RunManifestRecorder records one run; create one per run.");
        }
        this.catalog = catalog;
        Map<String, Object> options = runnerOptions(run.options());
        extraOptions.forEach(options::putIfAbsent);
        state.start(run.runId(), run.started().toEpochMilli(), options, pipeline.nodes());
        for (Node node : pipeline.nodes()) {
            for (String output : node.outputs()) {
                boolean persistent = catalog.entry(output)
                        .map(e -> e.dataset().isPersistent())
                        .orElse(false);
                state.addDataset(output, node.name(), persistent);
            }
        }
        writer.writeNow();
        writer.start();
    }

    @Override
    public void beforeDatasetLoaded(RunInfo run, String dataset, Node node) {
        state.loadStarted(node.name(), dataset, now());
        writer.markDirty();
    }

    @Override
    public void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {
        state.loadEnded(node.name(), dataset, now());
        writer.markDirty();
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        state.computeStarted(node.name(), now());
        writer.markDirty();
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        state.computeEnded(node.name(), now(), null);
        writer.markDirty();
    }

    @Override
    public void onNodeError(RunInfo run, Node node, Throwable error, Map<String, Object> inputs) {
        state.computeEnded(node.name(), now(), failureOf(error));
        writer.markDirty();
    }

    @Override
    public void afterDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        state.produced(dataset);
        writer.markDirty();
    }

    /**
     * Save times come from state changes: queued at {@code PENDING}, writing from {@code WRITING} (which the
     * runner reports on the I/O thread right before the dataset's first attempt, after any wait for a slot
     * of its store), ended at a terminal state.
     */
    @Override
    public void onSaveStateChanged(RunInfo run, String dataset, SaveState saveState) {
        String version = saveState == SaveState.COMMITTED ? versionOf(dataset) : null;
        state.saveState(dataset, saveState, version, now());
        writer.markDirty();
    }

    @Override
    public void onStoreConcurrencyChanged(RunInfo run, String store, int limit) {
        state.storeLimit(store, limit);
        writer.markDirty();
    }

    @Override
    public void afterPipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog, RunResult result) {
        state.finish(Status.COMPLETED, now(), null, result.nodeStates(), result.saveStates(), Map.of(), Map.of());
        end();
    }

    @Override
    public void onPipelineError(RunInfo run, Throwable error, Pipeline pipeline, DataCatalog catalog) {
        List<Throwable> failures = new ArrayList<>();
        Throwable primary = error instanceof RunFailedException failed ? failed.primary() : error;
        failures.add(primary);
        failures.addAll(List.of(primary.getSuppressed()));
        Map<String, NodeState> nodeStates = Map.of();
        Map<String, SaveState> saveStates = Map.of();
        if (error instanceof RunFailedException failed) {
            nodeStates = failed.result().nodeStates();
            saveStates = failed.result().saveStates();
        }
        boolean interrupted = error instanceof RunInterruptedException;
        state.finish(
                interrupted ? Status.INTERRUPTED : Status.FAILED,
                now(),
                messageOf(interrupted ? error : primary),
                nodeStates,
                saveStates,
                nodeErrors(pipeline, nodeStates, failures),
                datasetErrors(failures));
        end();
    }

    /**
     * Ends the manifest now as {@code INTERRUPTED}, for a process that stops without waiting for the run
     * to report its end (a second Ctrl-C): nodes still running and saves not yet committed are recorded
     * as interrupted, the rest as the run had reported them. Writes the file (atomically, so it stays
     * valid JSON) and stops the writer thread. Does nothing if the run already ended or never started.
     *
     * @param why what stopped the run, as the manifest's error
     * @return whether this call wrote the final manifest
     */
    public boolean abandon(String why) {
        if (!state.isStarted() || ended.get()) {
            return false;
        }
        state.finish(Status.INTERRUPTED, now(), why, Map.of(), Map.of(), Map.of(), Map.of());
        return end();
    }

    /** Writes the final state (if the run never reported its end, as it stands) and stops the writer thread. */
    @Override
    public void close() {
        end();
    }

    private boolean end() {
        if (ended.compareAndSet(false, true)) {
            writer.stop();
            return state.isStarted() && writer.writeNow();
        }
        return false;
    }

    /** Errors of failed nodes that had no node hook: a failed load or save names one of the node's datasets. */
    private static Map<String, ManifestState.Failure> nodeErrors(
            Pipeline pipeline, Map<String, NodeState> states, List<Throwable> failures) {
        Map<String, ManifestState.Failure> errors = new LinkedHashMap<>();
        states.forEach((name, nodeState) -> {
            if (nodeState != NodeState.FAILED) {
                return;
            }
            Node node = pipeline.node(name);
            for (Throwable failure : failures) {
                boolean own = failure instanceof NodeExecutionException ne && name.equals(ne.nodeName())
                        || failure instanceof DatasetException de
                                && (node.inputs().contains(de.datasetName())
                                        || node.outputs().contains(de.datasetName()));
                if (own) {
                    errors.put(name, failureOf(failure));
                    return;
                }
            }
        });
        return errors;
    }

    private static Map<String, ManifestState.Failure> datasetErrors(List<Throwable> failures) {
        Map<String, ManifestState.Failure> errors = new LinkedHashMap<>();
        for (Throwable failure : failures) {
            if (failure instanceof DatasetException de && de.datasetName() != null) {
                errors.putIfAbsent(de.datasetName(), failureOf(failure));
            }
        }
        return errors;
    }

    /** The message, and the whole stack trace of the exception behind it, if any. */
    private static ManifestState.Failure failureOf(Throwable error) {
        String trace = StackTraces.underlying(error).map(StackTraces::print).orElse(null);
        return new ManifestState.Failure(messageOf(error), trace);
    }

    private static String messageOf(Throwable error) {
        if (error instanceof SluiceException && error.getMessage() != null) {
            return error.getMessage();
        }
        return error.toString();
    }

    private static Map<String, Object> runnerOptions(RunOptions options) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runner", options.parallel() ? "parallel" : "sequential");
        map.put("workers", options.parallel() ? options.workers() : 1);
        map.put("io", options.io().toString());
        map.put("max_pending_saves", options.maxPendingSaves());
        map.put("max_pending_bytes", options.maxPendingBytes());
        map.put("store_concurrency", options.storeConcurrency());
        map.put("save_retries", options.retry().maxRetries());
        map.put("retry_backoff_ms", options.retry().firstBackoff().toMillis());
        map.put("retry_budget_ms", options.retry().budget().toMillis());
        map.put("prefetch", options.prefetch());
        map.put("verify", options.verify());
        map.put("check_mutation", options.checkMutation());
        return map;
    }

    private String versionOf(String dataset) {
        try {
            return catalog.entry(dataset)
                    .map(CatalogEntry::dataset)
                    .filter(Versioned.class::isInstance)
                    .map(d -> ((Versioned) d).saveVersion())
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Measures datasets committed since the last write; runs on the writer's thread, never on the run's. */
    private void measureSizes() {
        DataCatalog current = catalog;
        if (current == null) {
            return;
        }
        for (String dataset : state.takeSizesWanted()) {
            Optional<CatalogEntry> entry = current.entry(dataset);
            state.size(dataset, entry.map(e -> storedSize(e.dataset())).orElse(null));
        }
    }

    /** The stored size of a file dataset, looking through slow wrappers; {@code null} when unknown. */
    static Long storedSize(Dataset<?> dataset) {
        Dataset<?> current = dataset;
        while (current instanceof SlowDataset<?> slow) {
            current = slow.wrapped();
        }
        if (current instanceof FileDataset<?> file) {
            try {
                long size = file.location().size();
                return size < 0 ? null : size;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private long now() {
        return clock.getAsLong();
    }

    /** A recorder's settings. */
    public static final class Builder {
        private final Path file;
        private Path projectDir;
        private String command;
        private String resumedFrom;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Duration writeInterval = Duration.ofMillis(100);
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** The project the run belongs to. */
        public Builder projectDir(Path projectDir) {
            this.projectDir = projectDir.toAbsolutePath().normalize();
            return this;
        }

        /** The command line that started the run; passwords in URLs are masked, other secrets are the caller's to mask. */
        public Builder command(String command) {
            this.command = command;
            return this;
        }

        /**
         * Settings beyond the runner's own (which the recorder takes from the run): {@code env},
         * {@code pipelines}, {@code runtime_params}, {@code filter}, ... Values are JSON-like trees (maps,
         * lists, strings, numbers, booleans); values under keys that look secret are masked.
         */
        public Builder options(Map<String, ?> options) {
            this.options.putAll(options);
            return this;
        }

        /** The id of the run this run resumes. */
        public Builder resumedFrom(String runId) {
            this.resumedFrom = runId;
            return this;
        }

        /** The shortest time between two background rewrites (default 100 ms). */
        public Builder writeInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("The write interval must not be negative: " + interval);
            }
            this.writeInterval = interval;
            return this;
        }

        /** The clock events are timed by, in epoch milliseconds; tests drive it. */
        Builder clock(LongSupplier epochMillis) {
            this.clock = Objects.requireNonNull(epochMillis, "epochMillis");
            return this;
        }

        public RunManifestRecorder build() {
            return new RunManifestRecorder(this);
        }
    }
}
