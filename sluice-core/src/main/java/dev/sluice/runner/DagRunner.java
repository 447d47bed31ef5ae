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
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduler behind every {@link Runner}: starts nodes whose inputs are ready (on the calling
 * thread, or on a worker pool), hands their data to the run's {@link IoStrategy}, and stops starting
 * nodes at the first failure.
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
    public RunResult run(Pipeline pipeline, DataCatalog catalog, String runId) {
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
            RunContext ctx = new RunContext(pipeline, catalog, options, hooks, info, io, storeLimits, clock, sleeper);
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

    /** One run's scheduling state; used by the calling thread only, except for the completion queue. */
    private static final class Execution {
        private final RunContext ctx;
        private final Executor nodes;
        private final IoStrategy io;
        private final Map<String, Duration> expectedNodeTimes;
        private final Map<String, NodeState> nodeStates = new LinkedHashMap<>();
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        /** What wakes the scheduler: a node finished, or a waiting node's inputs became loadable. */
        private sealed interface Event permits NodeDone, InputsReady {}

        private record NodeDone(int id, Throwable error) implements Event {}

        private record InputsReady(int id) implements Event {}

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
            ctx.hooks.fire("beforePipelineRun", h -> h.beforePipelineRun(ctx.info, ctx.pipeline, ctx.catalog));
            try {
                io.start();
                schedule();
            } catch (RuntimeException e) {
                ctx.failures.add(e);
            } finally {
                io.finish();
            }
            nodeStates.replaceAll((name, state) -> state == NodeState.PENDING ? NodeState.NOT_RUN : state);
            Map<String, Object> freeOutputs = ctx.failures.any() ? Map.of() : collectFreeOutputs();
            RunResult result = new RunResult(
                    ctx.info.runId(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(nodeStates)),
                    ctx.saveStatesSnapshot(),
                    freeOutputs,
                    Duration.between(start, Instant.now()),
                    Set.copyOf(io.verifyMismatches()));
            SluiceException primary = ctx.failures.primary();
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

        private void schedule() {
            // Nodes are numbered by topological position; every per-node table is an array, so that
            // scheduling costs the same per node whatever the fan-in or fan-out.
            List<Node> order = ctx.pipeline.nodes();
            int count = order.size();
            Map<Node, Integer> ids = new HashMap<>(count * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                ids.put(order.get(i), i);
            }
            int[] waitingOn = new int[count];
            int[][] children = new int[count][];
            for (int i = 0; i < count; i++) {
                Node node = order.get(i);
                waitingOn[i] = ctx.pipeline.parentsOf(node).size();
                List<Node> nodeChildren = ctx.pipeline.childrenOf(node);
                children[i] = new int[nodeChildren.size()];
                for (int c = 0; c < children[i].length; c++) {
                    children[i][c] = ids.get(nodeChildren.get(c));
                }
            }
            CriticalPath path = new CriticalPath(order, children, expectedNodeTimes, io::ioWaits);
            PriorityQueue<Integer> ready = new PriorityQueue<>(path.readyOrder());
            int capacity = ctx.options.parallel() ? ctx.options.workers() : 1;
            int running = 0;
            int awaitingIo = 0;
            boolean interrupted = false;
            for (int i = 0; i < count; i++) {
                if (waitingOn[i] == 0) {
                    awaitingIo += whenInputsReady(order, i, ready);
                }
            }
            while (true) {
                while (!ctx.failures.any() && !ready.isEmpty() && running < capacity) {
                    int id = ready.poll();
                    Node node = order.get(id);
                    nodeStates.put(node.name(), NodeState.RUNNING);
                    running++;
                    nodes.execute(() -> events.add(new NodeDone(id, runNode(node))));
                }
                if (running == 0 && (awaitingIo == 0 || ctx.failures.any())) {
                    break;
                }
                Event event;
                try {
                    event = events.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                    ctx.failures.add(
                            new SluiceException("The run was interrupted; waiting for running nodes to finish", e));
                    continue;
                }
                if (event instanceof InputsReady inputsReady) {
                    awaitingIo--;
                    ready.add(inputsReady.id());
                    continue;
                }
                NodeDone done = (NodeDone) event;
                running--;
                Node node = order.get(done.id());
                if (done.error() != null) {
                    nodeStates.put(node.name(), NodeState.FAILED);
                    ctx.failures.add(done.error());
                    continue;
                }
                nodeStates.put(node.name(), NodeState.COMPLETED);
                for (int child : children[done.id()]) {
                    if (--waitingOn[child] == 0) {
                        awaitingIo += whenInputsReady(order, child, ready);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Queues node {@code id} as ready now if its I/O strategy has its inputs ready, or once they are
         * (a transcoded edge waiting for a commit), so a waiting node never holds a worker. Returns 1
         * when the node waits, else 0.
         */
        private int whenInputsReady(List<Node> order, int id, PriorityQueue<Integer> ready) {
            CompletableFuture<Void> inputs = io.inputsReady(order.get(id));
            if (inputs.isDone()) {
                ready.add(id);
                return 0;
            }
            inputs.whenComplete((ok, error) -> events.add(new InputsReady(id)));
            return 1;
        }

        /**
         * Runs one node on the current thread; returns its failure, or {@code null}. The node's inputs are
         * released (where this was their last consumer) as soon as its function returns, before its outputs
         * are handed on: a producer that waits for room in the save queue then holds its outputs only.
         */
        private Throwable runNode(Node node) {
            Map<String, Object> outputs;
            try {
                outputs = compute(node);
            } catch (RuntimeException | Error e) {
                LOG.error("Node '{}' failed: {}", node.name(), e.getMessage());
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
                LOG.error("Node '{}' failed: {}", node.name(), e.getMessage());
                return e;
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

        private String failureMessage(SluiceException primary, RunResult result) {
            List<String> committed = new ArrayList<>();
            result.saveStates().forEach((dataset, state) -> {
                if (state == SaveState.COMMITTED) {
                    committed.add(dataset);
                }
            });
            List<String> notDone = new ArrayList<>();
            result.nodeStates().forEach((name, state) -> {
                if (state != NodeState.COMPLETED) {
                    notDone.add(name);
                }
            });
            return "Run " + ctx.info.runId() + " failed: " + primary.getMessage()
                    + System.lineSeparator() + "  Committed datasets: " + (committed.isEmpty() ? "none" : committed)
                    + System.lineSeparator() + "  Nodes not completed: " + notDone;
        }
    }
}
