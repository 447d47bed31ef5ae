package dev.sluice.hook;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.SaveState;
import java.util.Map;

/**
 * Observes a run at Kedro's hook points. Every method has a no-op default, so a hook overrides only
 * what it needs.
 *
 * <p>Hooks are guarded: an exception thrown by a hook is logged and the run goes on. They must be
 * thread-safe: under the parallel runner, node and load hooks fire on the worker thread that runs the
 * node, and under the {@code tee} and {@code cache} I/O modes, save hooks fire on the background
 * thread that performs the save. Pipeline hooks fire on the thread that called the runner.
 */
public interface Hook {
    /**
     * After the project's configuration is read and checked, before its catalog is built: the earliest
     * hook (Kedro's {@code after_context_created}; fired by the project, not the runner).
     */
    default void afterContextCreated(ProjectContext context) {}

    /** After the project's catalog is built, before the run starts (fired by the project, not the runner). */
    default void afterCatalogCreated(DataCatalog catalog) {}

    /** Before the first node starts. */
    default void beforePipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog) {}

    /** After the last node finished and every save committed. */
    default void afterPipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog, RunResult result) {}

    /** When the run fails, after running nodes and in-flight saves finished. */
    default void onPipelineError(RunInfo run, Throwable error, Pipeline pipeline, DataCatalog catalog) {}

    /** Before a node's function is called, with its inputs keyed by dataset name. */
    default void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {}

    /** After a node's function returned, with its inputs and outputs keyed by dataset name. */
    default void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {}

    /** When a node's function threw or returned outputs that do not fit its declaration. */
    default void onNodeError(RunInfo run, Node node, Throwable error, Map<String, Object> inputs) {}

    /** Before a dataset is loaded from the catalog for {@code node}. Not fired for values handed on in memory. */
    default void beforeDatasetLoaded(RunInfo run, String dataset, Node node) {}

    /** After a dataset was loaded from the catalog for {@code node}. */
    default void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {}

    /** Before a node's output is written to the catalog. */
    default void beforeDatasetSaved(RunInfo run, String dataset, Object data, Node node) {}

    /** After a node's output was written; for persisted datasets this means committed. */
    default void afterDatasetSaved(RunInfo run, String dataset, Object data, Node node) {}

    /**
     * When the {@code tee} or {@code cache} I/O mode queues a background save, with the value's estimated
     * size in memory (the figure the save queue's byte bound counts); fires after the
     * {@link SaveState#PENDING} state change.
     */
    default void onSaveQueued(RunInfo run, String dataset, long estimatedBytes) {}

    /** When a persisted output moves between {@link SaveState}s. */
    default void onSaveStateChanged(RunInfo run, String dataset, SaveState state) {}

    /**
     * When the number of saves the {@code tee} or {@code cache} I/O mode lets write to one store at once
     * changes, and with the starting number when the run first saves to that store. {@code store} is
     * the datasets' {@link dev.sluice.io.Dataset#storeKey()} ({@code file}, {@code s3://bucket}). Fires on
     * the thread whose save moved the limit; two changes at once may arrive in either order.
     */
    default void onStoreConcurrencyChanged(RunInfo run, String store, int limit) {}
}
