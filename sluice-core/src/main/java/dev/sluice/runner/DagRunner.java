package dev.sluice.runner;

import dev.sluice.ConfigurationException;
import dev.sluice.NodeExecutionException;
import dev.sluice.SluiceException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hooks;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduler behind every {@link Runner}: starts nodes whose inputs are ready (on the calling
 * thread, or on a worker pool), hands their data to the run's {@link IoStrategy}, and stops starting
 * nodes at the first failure or when the run's {@link RunCancellation} is requested.
 */
final class DagRunner implements Runner {
    private static final Logger LOG = LoggerFactory.getLogger(DagRunner.class);

    private final RunOptions options;
    private final Hooks hooks;
    private final Executor nodeExecutor;
    private final Executor ioExecutor;
    private final Map<String, Duration> expectedNodeTimes;
    private final LongSupplier clock;
    private final Retries.Sleeper sleeper;
    private final StoreLimits storeLimits = new StoreLimits();

    /**
     * @param expectedNodeTimes how long nodes took in an earlier run, by name, for critical-path
     *     scheduling; may be empty
     * @param clock nanoseconds for the store limiters and retries ({@code System::nanoTime} outside tests)
     * @param sleeper waits between retries ({@link Retries#THREAD_SLEEP} outside tests)
     */
    DagRunner(
            RunOptions options,
            Hooks hooks,
            Executor nodeExecutor,
            Executor ioExecutor,
            Map<String, Duration> expectedNodeTimes,
            LongSupplier clock,
            Retries.Sleeper sleeper) {
        this.options = options;
        this.hooks = hooks;
        this.nodeExecutor = nodeExecutor;
        this.ioExecutor = ioExecutor;
        this.expectedNodeTimes = Map.copyOf(expectedNodeTimes);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public RunOptions options() {
        return options;
    }

    @Override
    public RunResult run(Pipeline pipeline, DataCatalog catalog, String runId, RunCancellation cancellation) {
        Objects.requireNonNull(cancellation, "cancellation");
        // Entries are built when first needed; build the ones this run needs now, so none fails mid-run.
        catalog.materialize(pipeline.datasets());
        checkFreeInputs(pipeline, catalog);
        TypeCheck.check(pipeline, catalog, options.io());
        for (String dataset : pipeline.datasets()) {
            catalog.putMemoryIfAbsent(dataset);
        }
        ExecutorService ownIo = ioExecutor == null ? Executors.newCachedThreadPool(threads("sluice-io")) : null;
        ExecutorService ownNodes = options.parallel() && nodeExecutor == null
                ? Executors.newFixedThreadPool(options.workers(), threads("sluice-node"))
                : null;
        try {
            Executor io = ioExecutor != null ? ioExecutor : ownIo;
            Executor nodes = !options.parallel() ? Runnable::run : nodeExecutor != null ? nodeExecutor : ownNodes;
            RunInfo info = new RunInfo(runId, options, Instant.now());
            RunContext ctx = new RunContext(
                    pipeline, catalog, options, hooks, info, io, storeLimits, clock, sleeper, cancellation);
            return new Execution(ctx, nodes, expectedNodeTimes).run();
        } finally {
            if (ownNodes != null) {
                ownNodes.shutdownNow();
            }
            if (ownIo != null) {
                ownIo.shutdownNow();
            }
        }
    }

    private static void checkFreeInputs(Pipeline pipeline, DataCatalog catalog) {
        Set<String> missing = new TreeSet<>();
        for (String input : pipeline.inputs()) {
            if (!catalog.contains(input)) {
                missing.add(input);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(
                    "Pipeline input(s) " + missing + " are not in the data catalog and no node "
                            + "produces them; define them in conf/<env>/catalog.yml (parameters in parameters.yml), or run a "
                            + "slice that includes their producers. No node was run.");
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One run's scheduling state; used by the calling thread only, except for the completion queue and
     * the nodes in progress, which a {@link RunCancellation} reads from its own thread.
     */
    private static final class Execution implements RunCancellation.Participant {
        private final RunContext ctx;
        private final Executor nodes;
        private final IoStrategy io;
        private final Map<String, Duration> expectedNodeTimes;
        private final Map<String, NodeState> nodeStates = new LinkedHashMap<>();
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        /** Nodes started and not yet reported done. */
        private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
        /** The threads running node functions now; guarded by itself, so an abort interrupts only these. */
        private final Map<String, Thread> nodeThreads = new HashMap<>();

        /**
         * The scheduling state, guarded by {@link #lock}: the calling thread starts nodes, and the worker
         * that finishes a node records it and takes the next. Also guards {@link #nodeStates}.
         */
        private final Object lock = new Object();

        private List<Node> order;
        /** Per node: how many of its parents have not completed. */
        private int[] waitingOn;
        /** Per node: the nodes that consume its outputs. */
        private int[][] children;
        /** Nodes whose inputs are ready, the longest remaining path first. */
        private PriorityQueue<Integer> ready;
        /** How many workers may run at once, and how many run (or are being started) now. */
        private int capacity;

        private int running;
        /** Nodes whose parents completed and whose inputs wait for a commit. */
        private int awaitingIo;
        /** Set when the scheduler stops: a node that ends later changes nothing. */
        private boolean closed;

        /** What wakes the scheduler: a worker slot may be free, a waiting node's inputs became loadable, or a stop. */
        private sealed interface Event permits InputsReady, Wake {}

        private record InputsReady(int id) implements Event {}

        private record Wake() implements Event {}

        Execution(RunContext ctx, Executor nodes, Map<String, Duration> expectedNodeTimes) {
            this.ctx = ctx;
            this.nodes = nodes;
            this.expectedNodeTimes = expectedNodeTimes;
            this.io = IoStrategy.create(ctx);
            ctx.pipeline.nodes().forEach(n -> nodeStates.put(n.name(), NodeState.PENDING));
        }

        RunResult run() {
            Instant start = Instant.now();
            LOG.info("Running {} node(s), {}", ctx.pipeline.nodes().size(), ctx.options.describe());
            ctx.cancellation.attach(this);
            try {
                ctx.hooks.fire("beforePipelineRun", h -> h.beforePipelineRun(ctx.info, ctx.pipeline, ctx.catalog));
                try {
                    io.start();
                    schedule();
                } catch (RuntimeException e) {
                    ctx.failures.add(e);
                } finally {
                    io.finish();
                }
            } finally {
                ctx.cancellation.detach(this);
            }
            synchronized (lock) {
                // A run that stopped waiting leaves what was still running or writing: that was interrupted.
                nodeStates.replaceAll((name, state) -> switch (state) {
                    case PENDING -> NodeState.NOT_RUN;
                    case RUNNING -> NodeState.INTERRUPTED;
                    default -> state;
                });
            }
            Map<String, SaveState> saveStates = new LinkedHashMap<>(ctx.saveStatesSnapshot());
            saveStates.replaceAll((name, state) -> state.isTerminal() ? state : SaveState.INTERRUPTED);
            boolean stoppedEarly = ctx.cancellation.isRequested() && !complete(saveStates);
            Map<String, Object> freeOutputs = ctx.failures.any() || stoppedEarly ? Map.of() : collectFreeOutputs();
            RunResult result = new RunResult(
                    ctx.info.runId(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(nodeStates)),
                    Collections.unmodifiableMap(saveStates),
                    freeOutputs,
                    Duration.between(start, Instant.now()),
                    Set.copyOf(io.verifyMismatches()));
            SluiceException primary = ctx.failures.primary();
            if (stoppedEarly) {
                RunInterruptedException interrupted = interrupted(primary, result);
                ctx.hooks.fire(
                        "onPipelineError", h -> h.onPipelineError(ctx.info, interrupted, ctx.pipeline, ctx.catalog));
                throw interrupted;
            }
            if (primary != null) {
                RunFailedException failed = new RunFailedException(failureMessage(primary, result), primary, result);
                ctx.hooks.fire("onPipelineError", h -> h.onPipelineError(ctx.info, failed, ctx.pipeline, ctx.catalog));
                throw failed;
            }
            LOG.info(
                    "Completed {} node(s) in {} ms",
                    nodeStates.size(),
                    result.wallTime().toMillis());
            ctx.hooks.fire("afterPipelineRun", h -> h.afterPipelineRun(ctx.info, ctx.pipeline, ctx.catalog, result));
            return result;
        }

        /** Whether every node completed and every save committed. */
        private boolean complete(Map<String, SaveState> saveStates) {
            return nodeStates.values().stream().allMatch(s -> s == NodeState.COMPLETED)
                    && saveStates.values().stream().allMatch(s -> s == SaveState.COMMITTED);
        }

        @Override
        public RunCancellation.InFlight inFlight() {
            List<String> running = new ArrayList<>();
            for (Node node : ctx.pipeline.nodes()) {
                if (inProgress.contains(node.name())) {
                    running.add(node.name());
                }
            }
            List<String> saves = new ArrayList<>();
            ctx.saveStatesSnapshot().forEach((dataset, state) -> {
                if (!state.isTerminal()) {
                    saves.add(dataset);
                }
            });
            return new RunCancellation.InFlight(running, saves);
        }

        @Override
        public void changed() {
            events.add(new Wake());
            io.wake();
            if (ctx.cancellation.isAborted()) {
                synchronized (nodeThreads) {
                    nodeThreads.values().forEach(Thread::interrupt);
                }
            }
        }

        /**
         * Starts nodes until every node has run, or until the run stops. The calling thread starts work
         * only when a worker slot is free; a worker that finishes a node takes the next ready one itself,
         * so a node that becomes ready while every slot is busy passes from one thread to another only
         * when a slot is idle.
         */
        private void schedule() {
            // Nodes are numbered by topological position; every per-node table is an array, so that
            // scheduling costs the same per node whatever the fan-in or fan-out.
            List<Node> nodeOrder = ctx.pipeline.nodes();
            int count = nodeOrder.size();
            Map<Node, Integer> ids = new HashMap<>(count * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                ids.put(nodeOrder.get(i), i);
            }
            int[] waiting = new int[count];
            int[][] edges = new int[count][];
            for (int i = 0; i < count; i++) {
                Node node = nodeOrder.get(i);
                waiting[i] = ctx.pipeline.parentsOf(node).size();
                List<Node> nodeChildren = ctx.pipeline.childrenOf(node);
                edges[i] = new int[nodeChildren.size()];
                for (int c = 0; c < edges[i].length; c++) {
                    edges[i][c] = ids.get(nodeChildren.get(c));
                }
            }
            CriticalPath path = new CriticalPath(nodeOrder, edges, expectedNodeTimes, io::ioWaits);
            List<Integer> roots = new ArrayList<>();
            synchronized (lock) {
                order = nodeOrder;
                waitingOn = waiting;
                children = edges;
                ready = new PriorityQueue<>(path.readyOrder());
                capacity = ctx.options.parallel() ? ctx.options.workers() : 1;
                for (int i = 0; i < count; i++) {
                    if (waiting[i] == 0) {
                        roots.add(i);
                    }
                }
            }
            try {
                queueWhenInputsReady(roots);
                startUntilDone();
            } finally {
                synchronized (lock) {
                    // Nodes still running after an abort end unrecorded: the run counts them as interrupted.
                    closed = true;
                }
            }
        }

        private void startUntilDone() {
            boolean interrupted = false;
            while (true) {
                List<Integer> start = new ArrayList<>();
                boolean finished;
                synchronized (lock) {
                    while (!ctx.stopping() && !ready.isEmpty() && running < capacity) {
                        start.add(begin(ready.poll()));
                        running++;
                    }
                    finished = running == 0 && (awaitingIo == 0 || ctx.stopping());
                }
                for (int id : start) {
                    nodes.execute(() -> work(id));
                }
                if (finished) {
                    break;
                }
                if (!start.isEmpty()) {
                    // Sequentially the nodes ran just now, on this thread: look again before waiting.
                    continue;
                }
                Event event;
                try {
                    // Aborted: stop without waiting for running nodes once nothing else is pending.
                    event = ctx.cancellation.isAborted() ? events.poll() : events.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                    ctx.failures.add(
                            new SluiceException("The run was interrupted; waiting for running nodes to finish", e));
                    continue;
                }
                if (event == null) {
                    break;
                }
                if (event instanceof InputsReady inputsReady) {
                    synchronized (lock) {
                        awaitingIo--;
                        ready.add(inputsReady.id());
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Marks node {@code id} as running and returns it; the caller holds the lock. */
        private int begin(int id) {
            Node node = order.get(id);
            nodeStates.put(node.name(), NodeState.RUNNING);
            inProgress.add(node.name());
            return id;
        }

        /** One worker slot: runs node {@code first}, then every ready node it can take, in turn. */
        private void work(int first) {
            int id = first;
            while (id >= 0) {
                id = finished(id, runNode(order.get(id)));
            }
        }

        /**
         * Records that node {@code id} ended (with {@code error}, or {@code null}), queues the children it
         * unblocked, and returns the next node this worker runs, or -1 when the worker frees its slot.
         */
        private int finished(int id, Throwable error) {
            Node node = order.get(id);
            List<Integer> unblocked = new ArrayList<>();
            synchronized (lock) {
                inProgress.remove(node.name());
                if (closed) {
                    return -1;
                }
                if (error != null && ctx.cancellation.isAborted()) {
                    // It was interrupted by the abort, or failed on its own: the abort cut it short either way.
                    LOG.debug("Node '{}' ended after the run was aborted: {}", node.name(), error.toString());
                    nodeStates.put(node.name(), NodeState.INTERRUPTED);
                } else if (error != null) {
                    nodeStates.put(node.name(), NodeState.FAILED);
                    ctx.failures.add(error);
                } else {
                    nodeStates.put(node.name(), NodeState.COMPLETED);
                    for (int child : children[id]) {
                        if (--waitingOn[child] == 0) {
                            unblocked.add(child);
                        }
                    }
                }
            }
            queueWhenInputsReady(unblocked);
            int next;
            boolean wakeScheduler;
            synchronized (lock) {
                next = !ctx.stopping() && !ready.isEmpty() ? begin(ready.poll()) : -1;
                if (next < 0) {
                    running--;
                }
                wakeScheduler = next < 0 || (!ready.isEmpty() && running < capacity);
            }
            if (wakeScheduler) {
                events.add(new Wake());
            }
            return next;
        }

        /**
         * Queues each node of {@code ids} as ready now if the I/O strategy has its inputs ready, or once
         * they are (a transcoded edge waiting for a commit), so a waiting node never holds a worker. Asks
         * the I/O strategy outside the lock: its callbacks may come from threads that hold locks of its own.
         */
        private void queueWhenInputsReady(List<Integer> ids) {
            for (int id : ids) {
                CompletableFuture<Void> inputs = io.inputsReady(order.get(id));
                synchronized (lock) {
                    if (inputs.isDone()) {
                        ready.add(id);
                        continue;
                    }
                    awaitingIo++;
                }
                inputs.whenComplete((ok, error) -> events.add(new InputsReady(id)));
            }
        }

        /**
         * Runs one node on the current thread; returns its failure, or {@code null}. The node's inputs are
         * released (where this was their last consumer) as soon as its function returns, before its outputs
         * are handed on: a producer that waits for room in the save queue then holds its outputs only.
         */
        private Throwable runNode(Node node) {
            synchronized (nodeThreads) {
                nodeThreads.put(node.name(), Thread.currentThread());
            }
            try {
                return runNodeFunction(node);
            } finally {
                synchronized (nodeThreads) {
                    nodeThreads.remove(node.name());
                }
                if (ctx.cancellation.isAborted()) {
                    // Clears the interrupt an abort may have sent, so the thread (the caller's, sequentially) goes on.
                    Thread.interrupted();
                }
            }
        }

        private Throwable runNodeFunction(Node node) {
            Map<String, Object> outputs;
            try {
                outputs = compute(node);
            } catch (RuntimeException | Error e) {
                logFailure(node, e);
                return e;
            } finally {
                try {
                    io.inputsDone(node);
                } catch (RuntimeException e) {
                    ctx.failures.add(e);
                }
            }
            try {
                io.handleOutputs(node, outputs);
                return null;
            } catch (RuntimeException | Error e) {
                logFailure(node, e);
                return e;
            }
        }

        private void logFailure(Node node, Throwable e) {
            if (ctx.cancellation.isAborted()) {
                LOG.debug("Node '{}' stopped after the run was aborted: {}", node.name(), e.getMessage());
            } else {
                LOG.error("Node '{}' failed: {}", node.name(), e.getMessage());
            }
        }

        /** Loads the node's inputs and runs its function; nothing here refers to the inputs once it returns. */
        private Map<String, Object> compute(Node node) {
            Map<String, Object> inputs = io.loadInputs(node);
            ctx.hooks.fire("beforeNodeRun", h -> h.beforeNodeRun(ctx.info, node, inputs));
            Map<String, Long> before = ctx.options.checkMutation() ? Fingerprints.of(inputs) : null;
            Map<String, Object> outputs;
            try {
                outputs = node.run(inputs);
                if (before != null) {
                    checkNotMutated(node, before, Fingerprints.of(inputs));
                }
            } catch (RuntimeException e) {
                ctx.hooks.fire("onNodeError", h -> h.onNodeError(ctx.info, node, e, inputs));
                throw e;
            }
            ctx.hooks.fire("afterNodeRun", h -> h.afterNodeRun(ctx.info, node, inputs, outputs));
            return outputs;
        }

        private static void checkNotMutated(Node node, Map<String, Long> before, Map<String, Long> after) {
            for (Map.Entry<String, Long> input : before.entrySet()) {
                if (!input.getValue().equals(after.get(input.getKey()))) {
                    throw new NodeExecutionException(
                            node.name(),
                            "Node '" + node.name() + "' modified its input '"
                                    + input.getKey()
                                    + "'. Nodes must not mutate their inputs: the same value is handed to "
                                    + "other nodes and may be being saved in the background. Copy it before changing it.",
                            null);
                }
            }
        }

        private Map<String, Object> collectFreeOutputs() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String output : ctx.pipeline.outputs()) {
                if (!ctx.isPersistent(output)) {
                    values.put(output, io.freeOutputValue(output));
                }
            }
            return values;
        }

        private RunInterruptedException interrupted(SluiceException failure, RunResult result) {
            RunCancellation.InFlight left = new RunCancellation.InFlight(
                    names(result.nodeStates(), s -> s == NodeState.INTERRUPTED),
                    names(result.saveStates(), s -> s == SaveState.INTERRUPTED));
            String reason = ctx.cancellation.reason();
            String message = "Run " + ctx.info.runId() + " was interrupted (" + reason + ")"
                    + (left.isEmpty()
                            ? ": no node started after that, and every node that was running finished."
                            : " and stopped without waiting for " + left.describe() + " ("
                                    + ctx.cancellation.abortReason() + ").")
                    + (failure == null ? "" : " Before it stopped, this failed: " + failure.getMessage())
                    + summary(result);
            return new RunInterruptedException(message, reason, left.isEmpty(), failure, result);
        }

        private String failureMessage(SluiceException primary, RunResult result) {
            return "Run " + ctx.info.runId() + " failed: " + primary.getMessage() + summary(result);
        }

        /** The names whose state passes {@code test}, in order. */
        private static <S> List<String> names(Map<String, S> states, Predicate<S> test) {
            List<String> names = new ArrayList<>();
            states.forEach((name, state) -> {
                if (test.test(state)) {
                    names.add(name);
                }
            });
            return names;
        }

        /** The committed datasets and the nodes not completed, one line each. */
        private static String summary(RunResult result) {
            List<String> committed = names(result.saveStates(), s -> s == SaveState.COMMITTED);
            List<String> notDone = names(result.nodeStates(), s -> s != NodeState.COMPLETED);
            return System.lineSeparator() + "  Committed datasets: " + (committed.isEmpty() ? "none" : committed)
                    + System.lineSeparator() + "  Nodes not completed: " + notDone;
        }
    }
}
