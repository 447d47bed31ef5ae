package dev.sluice.runner;

import static dev.sluice.runner.RunnerTestSupport.blockedIn;
import static dev.sluice.runner.RunnerTestSupport.start;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.DatasetException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunnerTestSupport.BackgroundRun;
import dev.sluice.testing.FakeStore;
import dev.sluice.testing.RecordingHook;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TeeRunnerTest {
    private final FakeStore store = new FakeStore();

    static Stream<Runner.Builder> runners() {
        return Stream.of(
                Runner.builder().sequential(),
                Runner.builder().parallel(1),
                Runner.builder().parallel(3));
    }

    private static Runner tee(Runner.Builder builder) {
        return builder.io(IoMode.TEE).saveRetries(0, Duration.ZERO).build();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_consumerStartsBeforeProducerSaveCommits(Runner.Builder builder) throws Exception {
        store.hold("a");
        CountDownLatch consumerRan = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> {
                    consumerRan.countDown();
                    return a + "!";
                }));
        DataCatalog catalog = DataCatalog.of(Map.of("a", store.dataset("a")));

        BackgroundRun run = start(tee(builder), pipeline, catalog);

        assertThat(consumerRan.await(30, SECONDS))
                .as("consumer ran while the save was held")
                .isTrue();
        assertThat(store.read("a")).as("save not committed yet").isEmpty();
        assertThat(run.result()).as("run waits for the held save").isNotDone();
        store.open("a");
        RunResult result = run.result().get(30, SECONDS);
        assertThat(result.freeOutputs()).containsEntry("b", "A!");
        assertThat(store.read("a")).contains("A");
        assertThat(store.loadCount("a"))
                .as("the intermediate was never loaded back")
                .isZero();
        assertThat(result.saveStates()).containsEntry("a", SaveState.COMMITTED);
    }

    @ParameterizedTest
    @MethodSource("runners")
    void sync_consumerWaitsForProducerSaveAndLoadsItBack(Runner.Builder builder) throws Exception {
        store.hold("a");
        AtomicBoolean committedWhenConsumerRan = new AtomicBoolean();
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> {
                    committedWhenConsumerRan.set(store.read("a").isPresent());
                    return a + "!";
                }));
        DataCatalog catalog = DataCatalog.of(Map.of("a", store.dataset("a")));

        BackgroundRun run = start(builder.io(IoMode.SYNC).build(), pipeline, catalog);
        assertThat(store.awaitSaveStarted("a")).isTrue();
        store.open("a");

        assertThat(run.result().get(30, SECONDS).freeOutputs()).containsEntry("b", "A!");
        assertThat(committedWhenConsumerRan).isTrue();
        assertThat(store.loadCount("a")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_backpressure_producerWaitsAtBoundAndNothingIsDropped(Runner.Builder builder) throws Exception {
        store.hold("a");
        CountDownLatch secondProduced = new CountDownLatch(1);
        AtomicBoolean consumerRanEarly = new AtomicBoolean();
        Pipeline pipeline = Pipeline.of(
                Node.named("p1").outputs("a").fn(() -> "1"),
                Node.named("p2").inputs("a").outputs("b").fn((String a) -> {
                    secondProduced.countDown();
                    return a + "2";
                }),
                Node.named("p3").inputs("b").outputs("c").fn((String b) -> {
                    consumerRanEarly.set(store.read("a").isEmpty());
                    return b + "3";
                }));
        DataCatalog catalog =
                DataCatalog.of(Map.of("a", store.dataset("a"), "b", store.dataset("b"), "c", store.dataset("c")));
        Runner runner = builder.io(IoMode.TEE).maxPendingSaves(1).build();

        BackgroundRun run = start(runner, pipeline, catalog);
        assertThat(secondProduced.await(30, SECONDS)).isTrue();
        // p2 returned while a's save is held: with one save pending, queuing b's save must block p2's completion.
        await().atMost(Duration.ofSeconds(30)).until(() -> anyThreadBlockedIn(SaveQueue.class, "submit"));
        assertThat(run.result()).isNotDone();
        store.open("a");

        RunResult result = run.result().get(30, SECONDS);
        assertThat(consumerRanEarly).as("p3 started only after a committed").isFalse();
        assertThat(store.contents())
                .containsEntry("a", "1")
                .containsEntry("b", "12")
                .containsEntry("c", "123");
        assertThat(store.maxConcurrentWrites()).isEqualTo(1);
        assertThat(result.saveStates()).containsValues(SaveState.COMMITTED).doesNotContainValue(SaveState.FAILED);
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_saveFails_runFailsNamingDatasetAndOtherSavesCommit(Runner.Builder builder) throws Exception {
        // x's save is held until y's has committed, so that y is produced before the run starts failing.
        store.hold("x");
        store.failSaves("x", 3);
        Pipeline pipeline = Pipeline.of(
                Node.named("make_x").outputs("x").fn(() -> "X"),
                Node.named("make_y").outputs("y").fn(() -> "Y"));
        DataCatalog catalog = DataCatalog.of(Map.of("x", store.dataset("x"), "y", store.dataset("y")));
        Runner runner = builder.io(IoMode.TEE).saveRetries(2, Duration.ZERO).build();

        BackgroundRun run = start(runner, pipeline, catalog);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.read("y").isPresent());
        store.open("x");

        assertThatThrownBy(() -> run.result().get(30, SECONDS))
                .cause()
                .isInstanceOfSatisfying(RunFailedException.class, e -> {
                    assertThat(e.primary()).isInstanceOf(DatasetException.class);
                    assertThat(((DatasetException) e.primary()).datasetName()).isEqualTo("x");
                    assertThat(e.getMessage()).contains("'x'").contains("3 attempts");
                    assertThat(e.result().saveStates())
                            .containsEntry("x", SaveState.FAILED)
                            .containsEntry("y", SaveState.COMMITTED);
                });
        assertThat(store.read("y")).contains("Y");
        assertThat(store.read("x")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void tee_saveFails_noNewNodeStarts() {
        store.failSaves("a", 1);
        RecordingHook hook = new RecordingHook();
        Pipeline pipeline = Pipeline.of(
                Node.named("n1").outputs("a").fn(() -> "A"),
                Node.named("n2").inputs("a").outputs("b").fn((String a) -> a + "B"));
        DataCatalog catalog = DataCatalog.builder()
                .add(new CatalogEntry("a", store.dataset("a"), false, "test"))
                .build();

        assertThatThrownBy(() -> Runner.builder()
                        .saveRetries(0, Duration.ZERO)
                        .hook(hook)
                        .build()
                        .run(pipeline, catalog))
                .isInstanceOfSatisfying(
                        RunFailedException.class, e -> assertThat(e.result().nodeStates())
                                .containsEntry("n1", NodeState.COMPLETED)
                                .containsEntry("n2", NodeState.NOT_RUN));
        assertThat(hook.events()).doesNotContain("beforeNodeRun:n2");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_saveFailsThenSucceedsWithinRetries_runSucceeds(Runner.Builder builder) {
        store.failSaves("x", 2);
        Pipeline pipeline = Pipeline.of(Node.named("make_x").outputs("x").fn(() -> "X"));
        Runner runner = builder.io(IoMode.TEE).saveRetries(2, Duration.ZERO).build();

        RunResult result = runner.run(pipeline, DataCatalog.of(Map.of("x", store.dataset("x"))));

        assertThat(result.saveStates()).containsEntry("x", SaveState.COMMITTED);
        assertThat(store.read("x")).contains("X");
    }

    @org.junit.jupiter.api.Test
    void tee_nodeFails_inFlightSavesFinishAndNoNewNodeStarts() throws Exception {
        store.hold("a");
        RecordingHook hook = new RecordingHook();
        Pipeline pipeline = Pipeline.of(
                Node.named("n1_produce").outputs("a").fn(() -> "A"),
                Node.named("n2_boom").outputs("b").fn(() -> {
                    throw new IllegalStateException("kaput");
                }),
                Node.named("n3_later").outputs("c").fn(() -> "C"));
        DataCatalog catalog = DataCatalog.of(Map.of("a", store.dataset("a"), "c", store.dataset("c")));

        BackgroundRun run = start(tee(Runner.builder().sequential().hook(hook)), pipeline, catalog);
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.events().contains("onNodeError:n2_boom"));
        assertThat(run.result()).as("run waits for the in-flight save").isNotDone();
        store.open("a");

        assertThatThrownBy(() -> run.result().get(30, SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(RunFailedException.class, e -> {
                    assertThat(e.getMessage())
                            .contains("n2_boom")
                            .contains("kaput")
                            .contains("Committed datasets: [a]");
                    assertThat(e.result().nodeStates())
                            .containsEntry("n1_produce", NodeState.COMPLETED)
                            .containsEntry("n2_boom", NodeState.FAILED)
                            .containsEntry("n3_later", NodeState.NOT_RUN);
                });
        assertThat(store.read("a")).contains("A");
        assertThat(hook.events()).doesNotContain("beforeNodeRun:n3_later").contains("onPipelineError");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_transcodedConsumer_waitsForCommitAndLoadsThroughItsOwnEntry(Runner.Builder builder) throws Exception {
        store.hold("x");
        CountDownLatch otherConsumerRan = new CountDownLatch(1);
        AtomicReference<Boolean> committedWhenTranscodedRan = new AtomicReference<>();
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("x@text", "y").fn(() -> List.of("hello", "Y")),
                Node.named("other").inputs("y").outputs("y2").fn((String y) -> {
                    otherConsumerRan.countDown();
                    return y + "2";
                }),
                Node.named("length").inputs("x@length").outputs("n").fn((Integer length) -> {
                    committedWhenTranscodedRan.set(store.read("x").isPresent());
                    return length * 10;
                }));
        DataCatalog catalog = DataCatalog.of(Map.of(
                "x@text", store.dataset("x"),
                "x@length", store.dataset("x", Object::toString, String::length)));

        BackgroundRun run = start(tee(builder), pipeline, catalog);
        assertThat(otherConsumerRan.await(30, SECONDS))
                .as("a hand-off edge does not wait for the held save")
                .isTrue();
        store.open("x");

        RunResult result = run.result().get(30, SECONDS);
        assertThat(result.freeOutputs()).containsEntry("n", 50).containsEntry("y2", "Y2");
        assertThat(committedWhenTranscodedRan.get()).isTrue();
        assertThat(store.loadCount("x")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_entryWithTeeFalse_consumerGetsStoredValue(Runner.Builder builder) {
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("x").fn(() -> 42),
                Node.named("consume").inputs("x").outputs("kind").fn((Object x) -> x.getClass()
                        .getSimpleName()));
        DataCatalog catalog = DataCatalog.builder()
                .add(new CatalogEntry("x", store.dataset("x"), false, "test"))
                .build();

        RunResult result = tee(builder).run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("kind", "String");
        assertThat(store.loadCount("x")).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void tee_handedOffValue_becomesUnreachableOnceConsumedAndCommitted() throws Exception {
        AtomicReference<WeakReference<Object>> produced = new AtomicReference<>();
        AtomicBoolean releasedBeforeLastNode = new AtomicBoolean();
        Pipeline pipeline = Pipeline.of(
                Node.named("n1").outputs("a").fn(() -> {
                    Object value = new StringBuilder("payload-").append(new byte[0].length);
                    produced.set(new WeakReference<>(value));
                    return value;
                }),
                Node.named("n2").inputs("a").outputs("b").fn((Object a) -> a.toString()
                        .length()),
                Node.named("n3").inputs("b").outputs("c").fn((Integer b) -> {
                    releasedBeforeLastNode.set(collected(produced.get()));
                    return b + 1;
                }));
        DataCatalog catalog = DataCatalog.of(Map.of("a", store.dataset("a")));

        RunResult result = tee(Runner.builder().sequential()).run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("c", 10);
        assertThat(releasedBeforeLastNode)
                .as("released once n2 finished and the save committed")
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_producerWaitsForRoomInTheQueue_holdsItsOutputButNotItsCommittedInput(Runner.Builder builder)
            throws Exception {
        store.hold("x");
        AtomicReference<WeakReference<Object>> input = new AtomicReference<>();
        Pipeline pipeline = Pipeline.of(
                Node.named("p1").outputs("a", "x").fn(() -> {
                    Object a = new StringBuilder("payload");
                    input.set(new WeakReference<>(a));
                    return List.of(a, "x");
                }),
                Node.named("p2").inputs("a").outputs("b").fn((Object a) -> a + "-b"));
        DataCatalog catalog =
                DataCatalog.of(Map.of("a", store.dataset("a"), "x", store.dataset("x"), "b", store.dataset("b")));
        Runner runner = builder.io(IoMode.TEE).maxPendingSaves(1).build();

        BackgroundRun run = start(runner, pipeline, catalog);
        // a commits, then x takes the queue's one place and is held: p2's b must wait for room.
        assertThat(store.awaitSaveStarted("x")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> anyThreadBlockedIn(SaveQueue.class, "submit"));
        assertThat(store.read("a")).contains("payload");

        assertThat(collected(input.get()))
                .as("p2's input, committed and with no consumer left, is released while p2 waits with its output")
                .isTrue();
        store.open("x");
        run.result().get(30, SECONDS);
        assertThat(store.contents()).containsEntry("b", "payload-b");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void cache_nodeWaitsForItsOwnSaves(Runner.Builder builder) throws Exception {
        store.hold("a");
        CountDownLatch consumerRan = new CountDownLatch(1);
        AtomicBoolean committedWhenConsumerRan = new AtomicBoolean();
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> {
                    committedWhenConsumerRan.set(store.read("a").isPresent());
                    consumerRan.countDown();
                    return a + "!";
                }));
        DataCatalog catalog = DataCatalog.of(Map.of("a", store.dataset("a")));

        BackgroundRun run = start(builder.io(IoMode.CACHE).build(), pipeline, catalog);
        assertThat(store.awaitSaveStarted("a")).isTrue();
        store.open("a");

        assertThat(run.result().get(30, SECONDS).freeOutputs()).containsEntry("b", "A!");
        assertThat(committedWhenConsumerRan).isTrue();
        assertThat(store.loadCount("a")).as("consumers read the cached value").isZero();
    }

    @org.junit.jupiter.api.Test
    void tee_storeConcurrency_capsWritesToOneStoreButNotAcrossStores() throws Exception {
        FakeStore other = new FakeStore("other-store");
        store.hold("a");
        other.hold("c");
        Pipeline pipeline = Pipeline.of(Node.named("p").outputs("a", "b", "c").fn(() -> List.of("A", "B", "C")));
        DataCatalog catalog =
                DataCatalog.of(Map.of("a", store.dataset("a"), "b", store.dataset("b"), "c", other.dataset("c")));

        BackgroundRun run = start(Runner.builder().storeConcurrency(1).build(), pipeline, catalog);
        assertThat(store.awaitSaveStarted("a")).isTrue();
        assertThat(other.awaitSaveStarted("c"))
                .as("another store writes while the first is busy")
                .isTrue();
        store.open("a");
        other.open("c");

        run.result().get(30, SECONDS);
        assertThat(store.maxConcurrentWrites())
                .as("one write at a time to one store")
                .isEqualTo(1);
        assertThat(store.contents()).containsEntry("a", "A").containsEntry("b", "B");
        assertThat(other.contents()).containsEntry("c", "C");
    }

    @org.junit.jupiter.api.Test
    void tee_saveFailsOnce_storeConcurrencyHalvesAndHooksHearIt() {
        store.failSaves("x", 1);
        List<String> limits = new java.util.concurrent.CopyOnWriteArrayList<>();
        Pipeline pipeline = Pipeline.of(Node.named("make_x").outputs("x").fn(() -> "X"));
        Runner runner = Runner.builder()
                .saveRetries(1, Duration.ZERO)
                .hook(new dev.sluice.hook.Hook() {
                    @Override
                    public void onStoreConcurrencyChanged(RunInfo run, String storeKey, int limit) {
                        limits.add(storeKey + "=" + limit);
                    }
                })
                .build();

        RunResult result = runner.run(pipeline, DataCatalog.of(Map.of("x", store.dataset("x"))));

        assertThat(result.saveStates()).containsEntry("x", SaveState.COMMITTED);
        assertThat(limits).containsExactly("fake=" + StoreLimiter.START, "fake=" + StoreLimiter.START / 2);
    }

    @org.junit.jupiter.api.Test
    void tee_burstOfSavesToASlowStore_allWriteAtOnceByDefault() throws Exception {
        int outputs = 20;
        List<String> names = new java.util.ArrayList<>();
        Map<String, dev.sluice.io.Dataset<?>> datasets = new java.util.HashMap<>();
        for (int i = 0; i < outputs; i++) {
            names.add("o" + i);
            store.hold("o" + i);
            datasets.put("o" + i, store.dataset("o" + i));
        }
        Pipeline pipeline = Pipeline.of(Node.named("burst").outputs(names).fn(() -> List.copyOf(names)));

        BackgroundRun run = start(Runner.builder().build(), pipeline, DataCatalog.of(datasets));
        for (String name : names) {
            assertThat(store.awaitSaveStarted(name))
                    .as("save of " + name + " started")
                    .isTrue();
        }
        names.forEach(store::open);

        run.result().get(30, SECONDS);
        assertThat(store.maxConcurrentWrites()).isEqualTo(outputs);
    }

    @org.junit.jupiter.api.Test
    void tee_freeInputSharedByConsumers_isLoadedOnce() {
        store.put("raw", "r");
        Pipeline pipeline = Pipeline.of(
                Node.named("c1").inputs("raw").outputs("o1").fn((String r) -> r + 1),
                Node.named("c2").inputs("raw").outputs("o2").fn((String r) -> r + 2),
                Node.named("c3").inputs("raw", "o1").outputs("o3").fn((String r, String o1) -> r + o1));
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw")));

        RunResult result = Runner.builder().parallel(2).io(IoMode.TEE).build().run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("o2", "r2").containsEntry("o3", "rr1");
        assertThat(store.loadCount("raw")).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void tee_verify_reportsDatasetWhoseStoredValueDiffers() {
        Pipeline pipeline = Pipeline.of(
                Node.named("number").outputs("n").fn(() -> 7),
                Node.named("text").outputs("s").fn(() -> "seven"));
        DataCatalog catalog = DataCatalog.of(Map.of("n", store.dataset("n"), "s", store.dataset("s")));

        RunResult result = Runner.builder().io(IoMode.TEE).verify(true).build().run(pipeline, catalog);

        assertThat(result.verifyMismatches()).containsExactly("n");
    }

    @org.junit.jupiter.api.Test
    void checkMutation_nodeMutatesInput_failsNamingNodeAndInput() {
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("list").fn(() -> new java.util.ArrayList<>(List.of(1, 2))),
                Node.named("mutate").inputs("list").outputs("size").fn((java.util.List<Integer> list) -> {
                    list.add(3);
                    return list.size();
                }));

        assertThatThrownBy(() -> Runner.builder().checkMutation(true).build().run(pipeline, DataCatalog.of(Map.of())))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("Node 'mutate' modified its input 'list'");
    }

    private static boolean anyThreadBlockedIn(Class<?> type, String method) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> blockedIn(t, type, method));
    }

    private static boolean collected(WeakReference<Object> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ref.get() == null;
    }
}
