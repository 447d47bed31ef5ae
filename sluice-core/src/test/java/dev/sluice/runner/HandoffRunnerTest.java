package dev.sluice.runner;

import static dev.sluice.runner.RunnerTestSupport.blockedIn;
import static dev.sluice.runner.RunnerTestSupport.start;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.Handoff;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunnerTestSupport.BackgroundRun;
import dev.sluice.testing.FakeStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A dataset's {@link Handoff}: what the tee does with a value before handing it on, and when it lets go. */
class HandoffRunnerTest {
    private final FakeStore store = new FakeStore();
    private final List<String> events = new CopyOnWriteArrayList<>();

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
    void tee_preparedValue_goesToConsumersAndSaveThenIsReleasedOnce(Runner.Builder builder) {
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> {
                    events.add("consumed " + a);
                    return a.length();
                }));
        DataCatalog catalog = catalog(Map.of("a", recording("a", false)));

        RunResult result = tee(builder).run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("b", 10);
        assertThat(store.read("a")).contains("prepared:A");
        assertThat(events).containsExactly("prepare a", "consumed prepared:A", "release a prepared:A");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_noConsumerTakesTheValue_itIsNotPrepared(Runner.Builder builder) {
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a@written", "out").fn(() -> List.of("A", "O")),
                Node.named("consume").inputs("a@reread").outputs("b").fn((String a) -> a + "!"));
        DataCatalog catalog = catalog(Map.of(
                "a@written", recording("a", false), "a@reread", store.dataset("a"), "out", recording("out", false)));

        RunResult result = tee(builder).run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("b", "A!");
        assertThat(events)
                .as("a@reread loads the stored bytes; out has no consumer")
                .isEmpty();
    }

    @Test
    void sync_valuesAreNeverPrepared() {
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> a + "!"));

        RunResult result =
                Runner.builder().io(IoMode.SYNC).build().run(pipeline, catalog(Map.of("a", recording("a", false))));

        assertThat(result.freeOutputs()).containsEntry("b", "A!");
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_lazyValue_isKeptUntilWhatConsumersComputedFromItIsSaved(Runner.Builder builder) throws Exception {
        store.hold("c");
        CountDownLatch lastRan = new CountDownLatch(1);
        // b stays in memory and c (computed from b) is still being saved: a lazy a must outlive both nodes.
        Pipeline pipeline = Pipeline.of(
                Node.named("n1").outputs("a").fn(() -> "A"),
                Node.named("n2").inputs("a").outputs("b").fn((String a) -> a + "b"),
                Node.named("n3").inputs("b").outputs("c").fn((String b) -> {
                    lastRan.countDown();
                    return b + "c";
                }));
        DataCatalog catalog = catalog(Map.of("a", recording("a", true), "c", store.dataset("c")));

        BackgroundRun run = start(tee(builder), pipeline, catalog);

        assertThat(lastRan.await(30, SECONDS)).isTrue();
        assertThat(store.awaitSaveStarted("c")).isTrue();
        // a's own save runs in the background beside c's: nothing orders its commit before c's save starts.
        await().atMost(Duration.ofSeconds(30)).until(() -> store.read("a").isPresent());
        assertThat(events).as("c's save still reads a").containsExactly("prepare a");
        store.open("c");
        run.result().get(30, SECONDS);
        assertThat(events).containsExactly("prepare a", "release a prepared:A");
        assertThat(store.read("c")).contains("prepared:Abc");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_lazyValue_consumerWaitsForRoomInTheQueue_keepsItForThatSave(Runner.Builder builder) throws Exception {
        store.hold("x");
        // a commits, then x fills the queue's one place: n2 has let go of a but waits to queue c, which reads a.
        Pipeline pipeline = Pipeline.of(
                Node.named("n1").outputs("a", "x").fn(() -> List.of("A", "X")),
                Node.named("n2").inputs("a").outputs("c").fn((String a) -> a + "c"));
        DataCatalog catalog =
                catalog(Map.of("a", recording("a", true), "x", store.dataset("x"), "c", store.dataset("c")));
        Runner runner = builder.io(IoMode.TEE).maxPendingSaves(1).build();

        BackgroundRun run = start(runner, pipeline, catalog);
        assertThat(store.awaitSaveStarted("x")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> blockedIn(t, SaveQueue.class, "submit")));

        assertThat(store.read("a")).as("a's own save committed").isPresent();
        assertThat(events).as("c is not queued yet, and its save will read a").containsExactly("prepare a");
        store.open("x");
        run.result().get(30, SECONDS);
        assertThat(events).containsExactly("prepare a", "release a prepared:A");
        assertThat(store.read("c")).contains("prepared:Ac");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_nonLazyValue_isReleasedWithoutWaitingForConsumersSaves(Runner.Builder builder) throws Exception {
        store.hold("c");
        Pipeline pipeline = Pipeline.of(
                Node.named("n1").outputs("a").fn(() -> "A"),
                Node.named("n2").inputs("a").outputs("c").fn((String a) -> a + "c"));
        DataCatalog catalog = catalog(Map.of("a", recording("a", false), "c", store.dataset("c")));

        BackgroundRun run = start(tee(builder), pipeline, catalog);

        await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("release a prepared:A"));
        assertThat(run.result()).as("c's save is still held").isNotDone();
        store.open("c");
        run.result().get(30, SECONDS);
    }

    @ParameterizedTest
    @MethodSource("runners")
    void tee_sizeReportedByHandoff_growsWhileSavePendingAndBlocksTheNextProducer(Runner.Builder builder)
            throws Exception {
        store.hold("a");
        AtomicLong cachedBytes = new AtomicLong();
        CountDownLatch grown = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.of(
                Node.named("p1").outputs("a").fn(() -> "A"),
                Node.named("p2").inputs("a").outputs("b").fn((String a) -> {
                    awaitLatch(grown);
                    return a + "b";
                }),
                Node.named("p3").inputs("b").outputs("c").fn((String b) -> b + "c"));
        Dataset<Object> a = withHandoff(store.dataset("a"), new RecordingHandoff("a", false) {
            @Override
            public OptionalLong heldBytes(Object value) {
                return OptionalLong.of(cachedBytes.get());
            }
        });
        DataCatalog catalog = catalog(Map.of("a", a, "b", store.dataset("b")));
        Runner runner = builder.io(IoMode.TEE).maxPendingBytes(1_000).build();

        BackgroundRun run = start(runner, pipeline, catalog);
        assertThat(store.awaitSaveStarted("a")).isTrue();
        // a was queued at 0 bytes; its cache has since filled past the bound, so b's save must wait.
        cachedBytes.set(5_000);
        grown.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> blockedIn(t, SaveQueue.class, "submit")));
        assertThat(run.result()).isNotDone();
        store.open("a");

        assertThat(run.result().get(30, SECONDS).freeOutputs()).containsEntry("c", "prepared:Abc");
        assertThat(store.read("b")).contains("prepared:Ab");
    }

    @Test
    void tee_prepareFails_nodeFailsNamingTheDataset() {
        Pipeline pipeline = Pipeline.of(
                Node.named("produce").outputs("a").fn(() -> "A"),
                Node.named("consume").inputs("a").outputs("b").fn((String a) -> a + "!"));
        Dataset<Object> a = withHandoff(store.dataset("a"), new RecordingHandoff("a", false) {
            @Override
            public Object prepare(Object value) {
                throw new IllegalStateException("cache is full");
            }
        });

        assertThatThrownBy(() -> tee(Runner.builder()).run(pipeline, catalog(Map.of("a", a))))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("Preparing the value of 'a' for hand-off failed: cache is full");
    }

    private DataCatalog catalog(Map<String, Dataset<?>> datasets) {
        return DataCatalog.of(datasets);
    }

    private Dataset<Object> recording(String name, boolean lazy) {
        return withHandoff(store.dataset(name), new RecordingHandoff(name, lazy));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, SECONDS)) {
                throw new IllegalStateException("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prefixes prepared values with "prepared:" and records prepare and release. */
    private class RecordingHandoff implements Handoff<Object> {
        private final String name;
        private final boolean lazy;

        RecordingHandoff(String name, boolean lazy) {
            this.name = name;
            this.lazy = lazy;
        }

        @Override
        public Object prepare(Object value) {
            events.add("prepare " + name);
            return "prepared:" + value;
        }

        @Override
        public void release(Object value) {
            events.add("release " + name + " " + value);
        }

        @Override
        public boolean lazy() {
            return lazy;
        }
    }

    private static Dataset<Object> withHandoff(Dataset<Object> dataset, Handoff<Object> handoff) {
        return new Dataset<>() {
            @Override
            public Object load() {
                return dataset.load();
            }

            @Override
            public void save(Object value) {
                dataset.save(value);
            }

            @Override
            public boolean exists() {
                return dataset.exists();
            }

            @Override
            public String storeKey() {
                return dataset.storeKey();
            }

            @Override
            public Handoff<Object> handoff() {
                return handoff;
            }

            @Override
            public Map<String, Object> describe() {
                return dataset.describe();
            }
        };
    }
}
