package dev.sluice.runner;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hooks;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** Everything one run shares between the scheduler and its I/O strategy. Thread-safe. */
final class RunContext {
    final Pipeline pipeline;
    final DataCatalog catalog;
    final RunOptions options;
    final Hooks hooks;
    final RunInfo info;
    final Executor ioExecutor;
    final StoreLimits storeLimits;
    /** Nanoseconds, for the store limiters and retries; {@code System::nanoTime} outside tests. */
    final LongSupplier clock;
    /** Repeats loads and saves that fail with transient errors. */
    final Retries retries;
    /** Asks the run to stop early. */
    final RunCancellation cancellation;

    final Failures failures = new Failures();
    final Map<String, SaveState> saveStates = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, AtomicInteger> remainingConsumers = new ConcurrentHashMap<>();
    private final Set<String> freeOutputs;

    RunContext(
            Pipeline pipeline,
            DataCatalog catalog,
            RunOptions options,
            Hooks hooks,
            RunInfo info,
            Executor ioExecutor,
            StoreLimits storeLimits,
            LongSupplier clock,
            Retries.Sleeper sleeper,
            RunCancellation cancellation) {
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.options = options;
        this.hooks = hooks;
        this.info = info;
        this.ioExecutor = ioExecutor;
        this.storeLimits = storeLimits;
        this.clock = clock;
        this.retries = new Retries(options.retry(), clock, sleeper);
        this.cancellation = cancellation;
        this.freeOutputs = pipeline.outputs();
        for (String dataset : pipeline.datasets()) {
            remainingConsumers.put(
                    DatasetNames.strip(dataset),
                    new AtomicInteger(pipeline.consumersOf(dataset).size()));
        }
    }

    /** Whether no new work may start: a failure happened, or a stop was requested. */
    boolean stopping() {
        return failures.any() || cancellation.isRequested();
    }

    Map<String, SaveState> saveStatesSnapshot() {
        synchronized (saveStates) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(saveStates));
        }
    }

    CatalogEntry entry(String dataset) {
        return catalog.entry(dataset).orElseGet(() -> catalog.putMemoryIfAbsent(dataset));
    }

    boolean isPersistent(String dataset) {
        return entry(dataset).dataset().isPersistent();
    }

    boolean isFreeOutput(String dataset) {
        return freeOutputs.contains(dataset);
    }

    void setSaveState(String dataset, SaveState state) {
        saveStates.put(dataset, state);
        hooks.fire("onSaveStateChanged", h -> h.onSaveStateChanged(info, dataset, state));
    }

    /**
     * Records that {@code node} finished with its inputs; returns the input datasets (as the node wrote
     * them) whose last consumer in this run this was.
     */
    Set<String> consumerFinished(Node node) {
        Set<String> lastUse = new java.util.LinkedHashSet<>();
        for (String input : new java.util.LinkedHashSet<>(node.inputs())) {
            AtomicInteger remaining = remainingConsumers.get(DatasetNames.strip(input));
            if (remaining != null && remaining.decrementAndGet() == 0) {
                lastUse.add(input);
            }
        }
        return lastUse;
    }

    /** Whether every consumer of {@code dataset} (any transcoding) has finished. */
    boolean consumersDone(String dataset) {
        AtomicInteger remaining = remainingConsumers.get(DatasetNames.strip(dataset));
        return remaining == null || remaining.get() <= 0;
    }
}
