package dev.sluice.runner;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.io.Handoff;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tee ({@link IoMode#TEE}) and its write-through sibling ({@link IoMode#CACHE}).
 *
 * <p>A node's outputs go to the {@link HandoffStore} the moment it returns, and persisted ones are
 * queued on the {@link SaveQueue}. Consumers of the same catalog entry take the handed-off value;
 * consumers of another transcoding, or of an entry with {@code tee: false}, wait for that save to
 * commit and load through their own entry. A value is dropped once every consumer finished and its
 * save committed. In tee mode the node counts as done at once and free inputs are prefetched; in cache
 * mode each node waits for its own saves.
 */
final class TeeIo extends IoStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(TeeIo.class);

    private final boolean waitForOwnSaves;
    private final HandoffStore handoff = new HandoffStore();
    private final SaveQueue saves;
    private final Map<String, CompletableFuture<Void>> commits = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> freeInputs = new ConcurrentHashMap<>();
    private final Deque<PrefetchItem> prefetchQueue = new ArrayDeque<>();
    private final Set<String> verifyMismatches = new TreeSet<>();
    /** Values a dataset's {@link Handoff} prepared, until it releases them. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Outputs whose node has handed them on (queued their save, or put them in the hand-off store). */
    private final Set<String> handedOn = ConcurrentHashMap.newKeySet();

    private record PrefetchItem(String dataset, Node firstConsumer) {}

    private record Held(Handoff<Object> policy, Object value) {}

    private TeeIo(RunContext ctx, boolean waitForOwnSaves) {
        super(ctx);
        this.waitForOwnSaves = waitForOwnSaves;
        this.saves = new SaveQueue(ctx);
    }

    static TeeIo tee(RunContext ctx) {
        return new TeeIo(ctx, false);
    }

    static TeeIo cache(RunContext ctx) {
        return new TeeIo(ctx, true);
    }

    @Override
    void start() {
        if (waitForOwnSaves || ctx.options.prefetch() == 0) {
            return;
        }
        Set<String> queued = new LinkedHashSet<>();
        for (Node node : ctx.pipeline.nodes()) {
            for (String input : node.inputs()) {
                if (ctx.pipeline.producerOf(input) == null && ctx.isPersistent(input) && queued.add(input)) {
                    prefetchQueue.add(new PrefetchItem(input, node));
                }
            }
        }
        for (int i = 0; i < ctx.options.prefetch(); i++) {
            startNextPrefetch();
        }
    }

    @Override
    CompletableFuture<Void> inputsReady(Node node) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (String input : node.inputs()) {
            Node producer = ctx.pipeline.producerOf(input);
            if (producer != null && needsCommit(producedName(producer, input), input)) {
                CompletableFuture<Void> commit = commits.get(producedName(producer, input));
                if (commit != null) {
                    waits.add(commit);
                }
            }
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).handle((ok, error) -> null);
    }

    /** Whether a consumer of {@code input} must load the committed bytes rather than take the hand-off. */
    private boolean needsCommit(String produced, String input) {
        boolean sameEntry = produced.equals(input) && ctx.entry(input).tee();
        return !sameEntry && ctx.isPersistent(produced);
    }

    @Override
    int ioWaits(Node node) {
        int waits = waitForOwnSaves && persistedOutputs(node) > 0 ? 1 : 0;
        for (String input : new LinkedHashSet<>(node.inputs())) {
            Node producer = ctx.pipeline.producerOf(input);
            if (producer == null ? ctx.isPersistent(input) : needsCommit(producedName(producer, input), input)) {
                waits++;
            }
        }
        return waits;
    }

    @Override
    Map<String, Object> loadInputs(Node node) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String input : node.inputs()) {
            if (!values.containsKey(input)) {
                values.put(input, input(input, node));
            }
        }
        return values;
    }

    private Object input(String input, Node node) {
        Node producer = ctx.pipeline.producerOf(input);
        if (producer == null) {
            return freeInput(input, node);
        }
        String produced = producedName(producer, input);
        if (!needsCommit(produced, input)) {
            return handoff.get(produced)
                    .orElseThrow(() -> new IllegalStateException("The value of '" + produced
                            + "' was released before its consumer '" + node.name() + "' ran"));
        }
        awaitCommit(produced, input, node);
        return loadFromCatalog(input, node);
    }

    private void awaitCommit(String produced, String input, Node node) {
        CompletableFuture<Void> commit = commits.get(produced);
        if (commit == null) {
            throw new IllegalStateException("No save of '" + produced + "' was queued before its consumer ran");
        }
        try {
            commit.join();
        } catch (CompletionException e) {
            throw new DatasetException(
                    input,
                    "Cannot load '" + input + "' for node '" + node.name() + "': saving '" + produced
                            + "' failed, so there is nothing to read.",
                    e.getCause());
        }
    }

    private Object freeInput(String input, Node node) {
        if (!ctx.isPersistent(input)) {
            return loadFromCatalog(input, node);
        }
        CompletableFuture<Object> load = freeInputs.computeIfAbsent(input, k -> startLoad(k, node));
        try {
            return load.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private CompletableFuture<Object> startLoad(String input, Node consumer) {
        CompletableFuture<Object> load =
                CompletableFuture.supplyAsync(() -> loadFromCatalog(input, consumer), ctx.ioExecutor);
        load.whenComplete((value, error) -> startNextPrefetch());
        return load;
    }

    private void startNextPrefetch() {
        PrefetchItem next;
        synchronized (prefetchQueue) {
            do {
                next = prefetchQueue.poll();
            } while (next != null && freeInputs.containsKey(next.dataset()));
        }
        if (next != null && !ctx.stopping()) {
            PrefetchItem item = next;
            freeInputs.computeIfAbsent(item.dataset(), k -> startLoad(k, item.firstConsumer()));
        }
    }

    @Override
    void handleOutputs(Node node, Map<String, Object> outputs) {
        List<CompletableFuture<Void>> own = new ArrayList<>();
        outputs.forEach((dataset, returned) -> {
            Object value = returned;
            if (ctx.isPersistent(dataset)) {
                Handoff<Object> policy = handoffOf(dataset);
                if (takenInMemory(dataset)) {
                    value = prepare(policy, dataset, returned);
                    held.put(dataset, new Held(policy, value));
                }
                handoff.put(dataset, value);
                CompletableFuture<Void> commit = submitSave(node, dataset, value, policy);
                commits.put(dataset, commit);
                handedOn.add(dataset);
                commit.whenComplete((ok, error) -> {
                    maybeRelease(dataset);
                    releaseSettledLazyValues();
                });
                own.add(commit);
            } else {
                handoff.put(dataset, value);
                handedOn.add(dataset);
                ctx.hooks.fire("beforeDatasetSaved", h -> h.beforeDatasetSaved(ctx.info, dataset, returned, node));
                ctx.hooks.fire("afterDatasetSaved", h -> h.afterDatasetSaved(ctx.info, dataset, returned, node));
            }
        });
        // The node's inputs were let go of before its outputs were handed on; lazy ones wait until now.
        releaseSettledLazyValues();
        if (waitForOwnSaves) {
            // Failures are already recorded by the save queue; the node only waits.
            CompletableFuture.allOf(own.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .join();
        }
    }

    /** Whether a consumer in this run takes {@code produced} from the hand-off store rather than loading it. */
    private boolean takenInMemory(String produced) {
        String base = DatasetNames.strip(produced);
        for (Node consumer : ctx.pipeline.consumersOf(produced)) {
            for (String input : consumer.inputs()) {
                if (DatasetNames.strip(input).equals(base) && !needsCommit(produced, input)) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private Handoff<Object> handoffOf(String dataset) {
        return (Handoff<Object>) ctx.entry(dataset).dataset().handoff();
    }

    private static Object prepare(Handoff<Object> policy, String dataset, Object value) {
        Object prepared;
        try {
            prepared = policy.prepare(value);
        } catch (SluiceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DatasetException(
                    dataset, "Preparing the value of '" + dataset + "' for hand-off failed: " + e.getMessage(), e);
        }
        if (prepared == null) {
            throw new DatasetException(
                    dataset, "Preparing the value of '" + dataset + "' for hand-off returned null (" + policy + ")");
        }
        return prepared;
    }

    /** Queues the save; sizes the value as its hand-off reports it, else by estimate. */
    private CompletableFuture<Void> submitSave(Node node, String dataset, Object value, Handoff<Object> policy) {
        if (policy.heldBytes(value).isEmpty()) {
            return saves.submit(node, dataset, value, SizeEstimator.estimate(value));
        }
        return saves.submit(node, dataset, value, () -> heldBytes(policy, dataset, value));
    }

    private static long heldBytes(Handoff<Object> policy, String dataset, Object value) {
        try {
            return policy.heldBytes(value).orElse(0);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the size of '{}' for the save queue: {}", dataset, e.toString());
            return 0;
        }
    }

    @Override
    void inputsDone(Node node) {
        for (String input : ctx.consumerFinished(node)) {
            String base = DatasetNames.strip(input);
            Node producer = ctx.pipeline.producerOf(input);
            if (producer == null) {
                freeInputs.keySet().removeIf(name -> DatasetNames.strip(name).equals(base));
            } else {
                maybeRelease(producedName(producer, input));
            }
            if (!ctx.isFreeOutput(input)) {
                ctx.catalog.release(input);
            }
        }
        releaseSettledLazyValues();
    }

    private void maybeRelease(String produced) {
        boolean keep = ctx.options.verify() || (ctx.isFreeOutput(produced) && !ctx.isPersistent(produced));
        if (!keep && ctx.consumersDone(produced) && committed(produced)) {
            Held prepared = held.get(produced);
            if (prepared != null && prepared.policy().lazy()) {
                // Consumers' outputs may still read it: releaseSettledLazyValues lets go of it.
                releaseSettledLazyValues();
                return;
            }
            handoff.drop(produced);
            releasePrepared(produced);
        }
    }

    private boolean committed(String produced) {
        CompletableFuture<Void> commit = commits.get(produced);
        return commit == null || commit.isDone();
    }

    /**
     * Releases every prepared lazy value whose consumers finished, whose save committed and whose
     * consumers' outputs are settled (see {@link Handoff#lazy()}). Called whenever a node finishes or a
     * save ends; cheap, because only values held for lazy hand-offs are looked at.
     */
    private void releaseSettledLazyValues() {
        if (ctx.options.verify()) {
            return;
        }
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            String produced = entry.getKey();
            if (entry.getValue().policy().lazy()
                    && ctx.consumersDone(produced)
                    && committed(produced)
                    && consumersSettled(produced, new HashSet<>())) {
                handoff.drop(produced);
                releasePrepared(produced);
            }
        }
    }

    /** Whether every output of every consumer of {@code dataset} is settled. */
    private boolean consumersSettled(String dataset, Set<String> visited) {
        for (Node consumer : ctx.pipeline.consumersOf(dataset)) {
            for (String output : consumer.outputs()) {
                if (visited.add(output) && !settled(output, visited)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a lazy value computed into {@code output} can no longer read its inputs: its save ended
     * (committed or failed), or it stays in memory and every consumer finished with it and has settled
     * outputs in turn. A free in-memory output counts as settled: the run returns it as it is. What a
     * failed run never produced stays unsettled; {@link #finish} releases what is left.
     */
    private boolean settled(String output, Set<String> visited) {
        if (!handedOn.contains(output)) {
            return false; // its node has not handed it on yet (it may still be waiting to queue its save)
        }
        CompletableFuture<Void> commit = commits.get(output);
        if (commit != null) {
            return commit.isDone();
        }
        if (ctx.isFreeOutput(output)) {
            return true;
        }
        return ctx.consumersDone(output) && consumersSettled(output, visited);
    }

    /** Hands a prepared value back to its dataset's hand-off, once. */
    private void releasePrepared(String produced) {
        Held prepared = held.remove(produced);
        if (prepared == null) {
            return;
        }
        try {
            prepared.policy().release(prepared.value());
        } catch (RuntimeException e) {
            LOG.warn("Releasing the value of '{}' failed; the run goes on: {}", produced, e.toString());
        }
    }

    @Override
    void finish() {
        saves.awaitIdle(ctx.cancellation::isAborted);
        if (ctx.options.verify() && !ctx.stopping()) {
            verify();
        }
        // What is still held (kept for --verify, or lazy values whose consumers failed) is done with now.
        new ArrayList<>(held.keySet()).forEach(this::releasePrepared);
    }

    @Override
    void wake() {
        saves.wake();
    }

    private void verify() {
        for (String dataset : new TreeSet<>(commits.keySet())) {
            Object handed = handoff.get(dataset).orElse(null);
            Object reloaded;
            try {
                reloaded = ctx.catalog.load(dataset);
            } catch (SluiceException e) {
                ctx.failures.add(e);
                continue;
            }
            if (!sameContent(handed, reloaded)) {
                verifyMismatches.add(dataset);
                LOG.warn(
                        "Verify: dataset '{}' reloads as a different value than the one handed on in memory. Its "
                                + "consumers saw the in-memory value; set 'tee: false' on the entry if they must see the "
                                + "stored one.",
                        dataset);
            }
        }
    }

    static boolean sameContent(Object a, Object b) {
        return Objects.deepEquals(a, b) || (a != null && b != null && Fingerprints.of(a) == Fingerprints.of(b));
    }

    @Override
    Set<String> verifyMismatches() {
        return verifyMismatches;
    }

    @Override
    Object freeOutputValue(String dataset) {
        return handoff.get(dataset)
                .orElseThrow(() -> new IllegalStateException("free output '" + dataset + "' was dropped"));
    }

    /** The name under which {@code producer} wrote the dataset that {@code input} reads. */
    private static String producedName(Node producer, String input) {
        String base = DatasetNames.strip(input);
        for (String output : producer.outputs()) {
            if (DatasetNames.strip(output).equals(base)) {
                return output;
            }
        }
        throw new IllegalStateException(producer.name() + " does not produce " + input);
    }
}
