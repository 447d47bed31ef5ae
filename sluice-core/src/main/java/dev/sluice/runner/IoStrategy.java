package dev.sluice.runner;

import dev.sluice.pipeline.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How one run moves data between the catalog and its nodes: one subclass per {@link IoMode}. The
 * scheduler calls {@link #loadInputs} and {@link #handleOutputs} on the thread that runs the node.
 */
abstract class IoStrategy {
    protected final RunContext ctx;

    IoStrategy(RunContext ctx) {
        this.ctx = ctx;
    }

    static IoStrategy create(RunContext ctx) {
        return switch (ctx.options.io()) {
            case SYNC -> new SyncIo(ctx);
            case ASYNC -> new AsyncIo(ctx);
            case CACHE -> TeeIo.cache(ctx);
            case TEE -> TeeIo.tee(ctx);
        };
    }

    /** Called once before the first node starts. */
    void start() {}

    /**
     * Completes when {@link #loadInputs} can run without waiting on this run's own saves; the
     * scheduler starts the node only then. Completes normally even when a save failed (the load then
     * reports it).
     */
    CompletableFuture<Void> inputsReady(Node node) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * How many times the node waits for I/O on its own path under this mode (a load or save it waits
     * for, or a batch of them it waits for together); a weight for critical-path scheduling.
     */
    int ioWaits(Node node) {
        return 0;
    }

    /** Returns the node's input values keyed by dataset name (as the node wrote them); may block. */
    abstract Map<String, Object> loadInputs(Node node);

    /** Takes the node's outputs; returns when the node may count as done. */
    abstract void handleOutputs(Node node, Map<String, Object> outputs);

    /**
     * Called once a node's function returned or failed, before {@link #handleOutputs}: the node no longer
     * needs its inputs. By default releases the datasets whose last consumer it was, unless they are free
     * outputs.
     */
    void inputsDone(Node node) {
        for (String dataset : ctx.consumerFinished(node)) {
            if (!ctx.isFreeOutput(dataset)) {
                ctx.catalog.release(dataset);
            }
        }
    }

    /**
     * Waits for background work (saves) to end, or until the run's cancellation is aborted; failures go to
     * the run's {@link Failures}.
     */
    void finish() {}

    /** The run's cancellation changed: a wait in {@link #finish} looks again whether it should go on. */
    void wake() {}

    /** Datasets whose stored value differed from the value handed on ({@code verify} option). */
    Set<String> verifyMismatches() {
        return Set.of();
    }

    /** The value of a free output that is not persisted, for the run result; by default read from the catalog. */
    Object freeOutputValue(String dataset) {
        return ctx.catalog.load(dataset);
    }

    /** Loads {@code dataset} from the catalog for {@code node}, firing the load hooks. */
    final Object loadFromCatalog(String dataset, Node node) {
        ctx.hooks.fire("beforeDatasetLoaded", h -> h.beforeDatasetLoaded(ctx.info, dataset, node));
        Object value = ctx.retries.run(dataset, "Loading", () -> ctx.catalog.load(dataset));
        ctx.hooks.fire("afterDatasetLoaded", h -> h.afterDatasetLoaded(ctx.info, dataset, value, node));
        return value;
    }

    /** Saves {@code value} to {@code dataset}, tracking its state and firing the save hooks. */
    final void saveToCatalog(String dataset, Object value, Node node) {
        boolean persistent = ctx.isPersistent(dataset);
        ctx.hooks.fire("beforeDatasetSaved", h -> h.beforeDatasetSaved(ctx.info, dataset, value, node));
        if (persistent) {
            ctx.setSaveState(dataset, SaveState.WRITING);
        }
        try {
            ctx.retries.run(dataset, "Saving", () -> {
                ctx.catalog.save(dataset, value);
                return null;
            });
        } catch (RuntimeException e) {
            if (persistent) {
                ctx.setSaveState(dataset, SaveState.FAILED);
            }
            throw e;
        }
        if (persistent) {
            ctx.setSaveState(dataset, SaveState.COMMITTED);
        }
        ctx.hooks.fire("afterDatasetSaved", h -> h.afterDatasetSaved(ctx.info, dataset, value, node));
    }

    /** The node's distinct persisted inputs. */
    final long persistedInputs(Node node) {
        return node.inputs().stream().distinct().filter(ctx::isPersistent).count();
    }

    /** The node's persisted outputs. */
    final long persistedOutputs(Node node) {
        return node.outputs().stream().filter(ctx::isPersistent).count();
    }

    /** Loads each distinct input in order from the catalog. */
    final Map<String, Object> loadAllFromCatalog(Node node) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String input : node.inputs()) {
            if (!values.containsKey(input)) {
                values.put(input, loadFromCatalog(input, node));
            }
        }
        return values;
    }
}
