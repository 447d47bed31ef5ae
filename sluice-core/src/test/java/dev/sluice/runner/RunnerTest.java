package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.testing.FakeStore;
import dev.sluice.testing.RecordingHook;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunnerTest {
    private final FakeStore store = new FakeStore();

    @Test
    void run_freeInputsMissingFromCatalog_failsListingAllBeforeAnyNodeRuns() {
        AtomicInteger ran = new AtomicInteger();
        Pipeline pipeline = Pipeline.of(
                Node.named("a").inputs("raw_one").outputs("x").fn((Object r) -> ran.incrementAndGet()),
                Node.named("b").inputs("raw_two", "x").outputs("y").fn((Object r, Object x) -> ran.incrementAndGet()));

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, DataCatalog.of(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[raw_one, raw_two]")
                .hasMessageContaining("No node was run");
        assertThat(ran).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void run_everyIoMode_firesHooksInKedroOrder(IoMode io) {
        RecordingHook hook = new RecordingHook();
        store.put("raw", "r");
        Pipeline pipeline = Pipeline.of(
                Node.named("first").inputs("raw").outputs("mid").fn((String r) -> r + "1"),
                Node.named("second").inputs("mid").outputs("out").fn((String m) -> m + "2"));
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw"), "mid", store.dataset("mid")));

        RunResult result = Runner.builder().io(io).hook(hook).build().run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsExactly(Map.entry("out", "r12"));
        List<String> events =
                hook.events().stream().filter(e -> !e.startsWith("state:")).toList();
        assertThat(events.get(0)).isEqualTo("beforePipelineRun");
        assertThat(events.get(events.size() - 1)).isEqualTo("afterPipelineRun");
        assertThat(events)
                .containsSubsequence("beforeDatasetLoaded:raw", "afterDatasetLoaded:raw", "beforeNodeRun:first")
                .containsSubsequence("beforeNodeRun:first", "afterNodeRun:first", "beforeNodeRun:second")
                .containsSubsequence("beforeDatasetSaved:mid", "afterDatasetSaved:mid", "afterPipelineRun");
        assertThat(hook.events("state:mid"))
                .containsExactly("state:mid=PENDING", "state:mid=WRITING", "state:mid=COMMITTED");
        if (io == IoMode.SYNC || io == IoMode.ASYNC) {
            assertThat(hook.events()).contains("beforeDatasetLoaded:mid");
        } else {
            assertThat(hook.events()).doesNotContain("beforeDatasetLoaded:mid");
        }
    }

    @Test
    void parallel_hooksFireOnWorkerThreads() {
        RecordingHook hook = new RecordingHook();
        Pipeline pipeline = Pipeline.of(Node.named("only").outputs("x").fn(() -> 1));

        Runner.builder().parallel(2).hook(hook).build().run(pipeline, DataCatalog.of(Map.of()));

        assertThat(hook.threads()).anyMatch(t -> t.startsWith("beforeNodeRun:only@sluice-node-"));
        assertThat(hook.threads())
                .anyMatch(t -> t.startsWith(
                        "beforePipelineRun@" + Thread.currentThread().getName()));
    }

    @Test
    void hook_thatThrows_isLoggedAndRunContinues() {
        Pipeline pipeline = Pipeline.of(Node.named("only").outputs("x").fn(() -> 1));
        dev.sluice.hook.Hook broken = new dev.sluice.hook.Hook() {
            @Override
            public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
                throw new IllegalStateException("broken hook");
            }
        };

        RunResult result = Runner.builder().hook(broken).build().run(pipeline, DataCatalog.of(Map.of()));

        assertThat(result.freeOutputs()).containsEntry("x", 1);
    }

    @Test
    void parallel_independentNodesOverlap() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Pipeline pipeline = Pipeline.of(
                Node.named("left").outputs("l").fn(() -> awaitBoth(bothStarted)),
                Node.named("right").outputs("r").fn(() -> awaitBoth(bothStarted)));

        RunResult result = Runner.parallel(2).run(pipeline, DataCatalog.of(Map.of()));

        assertThat(result.freeOutputs()).containsEntry("l", 1).containsEntry("r", 1);
    }

    @Test
    void parallel_chain_runsOnOneWorkerWithoutPassingNodesBetweenThreads() {
        CountingExecutor workers = new CountingExecutor(4);
        List<Node> nodes = new java.util.ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        nodes.add(Node.named("n0").outputs("d0").fn(() -> {
            threads.add(Thread.currentThread().getName());
            return 0;
        }));
        for (int i = 1; i < 200; i++) {
            nodes.add(Node.named("n" + i).inputs("d" + (i - 1)).outputs("d" + i).fn((Integer v) -> {
                threads.add(Thread.currentThread().getName());
                return v + 1;
            }));
        }

        RunResult result;
        try {
            result = Runner.builder()
                    .parallel(4)
                    .nodeExecutor(workers)
                    .build()
                    .run(Pipeline.of(nodes), DataCatalog.of(Map.of()));
        } finally {
            workers.pool.shutdownNow();
        }

        assertThat(result.freeOutputs()).containsEntry("d199", 199);
        // The worker that finishes a node takes its successor itself: one task for the whole chain.
        assertThat(workers.tasks).hasValue(1);
        assertThat(threads).hasSize(1);
    }

    @Test
    void parallel_fanOut_startsASecondWorkerOnlyForTheBranchesTheFirstCannotTake() {
        CountingExecutor workers = new CountingExecutor(2);
        List<Node> nodes = new java.util.ArrayList<>();
        nodes.add(Node.named("source").outputs("s").fn(() -> 1));
        Map<String, String> joined = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            nodes.add(Node.named("branch_" + i).inputs("s").outputs("b" + i).fn((Integer s) -> s));
            joined.put("b" + i, "b" + i);
        }
        nodes.add(Node.named("join").inputs(joined).outputs("n").fnByName(in -> in.asMap()
                .size()));

        RunResult result;
        try {
            result = Runner.builder()
                    .parallel(2)
                    .nodeExecutor(workers)
                    .build()
                    .run(Pipeline.of(nodes), DataCatalog.of(Map.of()));
        } finally {
            workers.pool.shutdownNow();
        }

        assertThat(result.freeOutputs()).containsEntry("n", 100);
        // 102 nodes, at most two workers: the one that ran the source, and one more for the free slot.
        assertThat(workers.tasks.get()).isBetween(1, 2);
    }

    /** A fixed pool that counts the tasks the runner hands it. */
    private static final class CountingExecutor implements java.util.concurrent.Executor {
        final ExecutorService pool;
        final AtomicInteger tasks = new AtomicInteger();

        CountingExecutor(int threads) {
            pool = Executors.newFixedThreadPool(threads);
        }

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            pool.execute(task);
        }
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void parallel_joinOfManyBranches_receivesEveryBranch(IoMode io) {
        int branches = 5_000;
        List<Node> nodes = new java.util.ArrayList<>();
        nodes.add(Node.named("source").outputs("s").fn(() -> 1));
        Map<String, String> joined = new java.util.LinkedHashMap<>();
        for (int i = 0; i < branches; i++) {
            int branch = i;
            nodes.add(Node.named("branch_" + i).inputs("s").outputs("b" + i).fn((Integer s) -> s + branch));
            joined.put("b" + i, "b" + i);
        }
        nodes.add(Node.named("join").inputs(joined).outputs("sum").fnByName(in -> in.asMap().values().stream()
                .mapToLong(v -> (Integer) v)
                .sum()));

        RunResult result =
                Runner.builder().parallel(2).io(io).build().run(Pipeline.of(nodes), DataCatalog.of(Map.of()));

        assertThat(result.freeOutputs()).containsEntry("sum", (long) branches + (long) branches * (branches - 1) / 2);
        assertThat(result.nodeStates()).hasSize(branches + 2).doesNotContainValue(NodeState.NOT_RUN);
    }

    @Test
    void async_loadsOfOneNodeOverlap() {
        CountDownLatch bothLoading = new CountDownLatch(2);
        Dataset<Object> first = new LatchedDataset("one", bothLoading);
        Dataset<Object> second = new LatchedDataset("two", bothLoading);
        Pipeline pipeline =
                Pipeline.of(Node.named("join").inputs("a", "b").outputs("ab").fn((Object a, Object b) -> a + "" + b));

        RunResult result = Runner.builder()
                .io(IoMode.ASYNC)
                .build()
                .run(pipeline, DataCatalog.of(Map.of("a", first, "b", second)));

        assertThat(result.freeOutputs()).containsEntry("ab", "onetwo");
    }

    @Test
    void sync_memoryDatasetReleasedAfterLastConsumer() {
        MemoryDataset<Object> mid = new MemoryDataset<>();
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("mid").fn(() -> "m"),
                Node.named("use").inputs("mid").outputs("out").fn((String m) -> m + "!"));

        RunResult result = Runner.builder().io(IoMode.SYNC).build().run(pipeline, DataCatalog.of(Map.of("mid", mid)));

        assertThat(result.freeOutputs()).containsEntry("out", "m!");
        assertThat(mid.exists()).isFalse();
    }

    @Test
    void run_nodeReturnsWrongNumberOfOutputs_failsNamingNode() {
        Pipeline pipeline = Pipeline.of(Node.named("split").outputs("a", "b").fn(() -> List.of(1)));

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, DataCatalog.of(Map.of())))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("Node 'split' returned 1 values but declares 2 outputs [a, b]");
    }

    /** Counts down, then returns 1 only if the other node counted down too while this one waited. */
    private static int awaitBoth(CountDownLatch latch) {
        latch.countDown();
        try {
            return latch.await(30, TimeUnit.SECONDS) ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A dataset whose load waits until {@code latch} reaches zero, so two loads finish only if they overlap. */
    private record LatchedDataset(String value, CountDownLatch latch) implements Dataset<Object> {
        @Override
        public Object load() {
            latch.countDown();
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("loads did not overlap");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return value;
        }

        @Override
        public void save(Object v) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "latched");
        }
    }
}
