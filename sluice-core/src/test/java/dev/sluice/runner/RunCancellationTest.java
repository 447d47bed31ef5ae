package dev.sluice.runner;

import static dev.sluice.runner.RunnerTestSupport.start;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.SluiceException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifestRecorder;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunCancellation.InFlight;
import dev.sluice.runner.RunnerTestSupport.BackgroundRun;
import dev.sluice.testing.FakeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stopping a run through its {@link RunCancellation}, as Ctrl-C does: the grace period is timed by a
 * timer the test fires, and nodes and saves are held at latches, so every step is deterministic.
 */
class RunCancellationTest {
    private final FakeStore store = new FakeStore();
    private final AtomicInteger p3Runs = new AtomicInteger();
    private final CountDownLatch p2Started = new CountDownLatch(1);
    private final CountDownLatch releaseP2 = new CountDownLatch(1);
    /** The grace period's expiry, scheduled by the cancellation; the test runs it when it chooses. */
    private final AtomicReference<Runnable> graceExpiry = new AtomicReference<>();

    private final List<String> told = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    static Stream<Runner.Builder> runners() {
        return Stream.of(
                Runner.builder().sequential(),
                Runner.builder().parallel(1),
                Runner.builder().parallel(3));
    }

    /** {@code p1 -> a -> p2 -> b -> p3 -> c}, every dataset in the fake store; p2 waits for the test. */
    private Pipeline chain() {
        return Pipeline.of(
                Node.named("p1").outputs("a").fn(() -> "A"),
                Node.named("p2").inputs("a").outputs("b").fn((String a) -> {
                    p2Started.countDown();
                    await(releaseP2);
                    return a + "B";
                }),
                Node.named("p3").inputs("b").outputs("c").fn((String b) -> {
                    p3Runs.incrementAndGet();
                    return b + "C";
                }));
    }

    private DataCatalog catalog() {
        return DataCatalog.of(Map.of("a", store.dataset("a"), "b", store.dataset("b"), "c", store.dataset("c")));
    }

    private RunCancellation cancellation() {
        RunCancellation cancellation =
                RunCancellation.withTimer(Duration.ofSeconds(30), (delay, task) -> graceExpiry.set(task));
        cancellation.addListener(new RunCancellation.Listener() {
            @Override
            public void stopping(String reason, InFlight inFlight, Duration gracePeriod) {
                told.add("stopping(" + reason + "): " + inFlight.describe() + " within " + gracePeriod);
            }

            @Override
            public void abandoning(String why, InFlight inFlight) {
                told.add("abandoning(" + why + "): " + inFlight.describe());
            }
        });
        return cancellation;
    }

    private static Runner tee(Runner.Builder builder) {
        return builder.io(IoMode.TEE).saveRetries(0, Duration.ZERO).build();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void request_whileNodeRunsAndSaveHeld_noNewNodeStartsHeldSaveCommitsRunInterrupted(Runner.Builder builder)
            throws Exception {
        store.hold("a");
        RunCancellation cancellation = cancellation();
        BackgroundRun run = start(tee(builder), chain(), catalog(), cancellation);
        assertThat(p2Started.await(30, SECONDS)).isTrue();

        cancellation.request("SIGINT");

        assertThat(told).containsExactly("stopping(SIGINT): node p2 and the save of a within PT30S");
        releaseP2.countDown();
        // p2 hands b on; with a's save held the run cannot end, whatever the scheduler does meanwhile.
        assertThat(run.result()).isNotDone();
        store.open("a");
        RunInterruptedException stopped = interruption(run);

        assertThat(p3Runs).as("no node starts once a stop is requested").hasValue(0);
        assertThat(stopped.kind()).isEqualTo(SluiceException.Kind.INTERRUPTED);
        assertThat(stopped.kind().exitCode()).isEqualTo(130);
        assertThat(stopped.reason()).isEqualTo("SIGINT");
        assertThat(stopped.waitedForAll()).isTrue();
        assertThat(stopped.result().nodeStates())
                .containsOnly(
                        Map.entry("p1", NodeState.COMPLETED),
                        Map.entry("p2", NodeState.COMPLETED),
                        Map.entry("p3", NodeState.NOT_RUN));
        assertThat(stopped.result().saveStates())
                .containsOnly(Map.entry("a", SaveState.COMMITTED), Map.entry("b", SaveState.COMMITTED));
        assertThat(store.contents()).containsOnly(Map.entry("a", "A"), Map.entry("b", "AB"));
        assertThat(stopped.getMessage())
                .contains("was interrupted (SIGINT)")
                .contains("Committed datasets: [a, b]")
                .contains("Nodes not completed: [p3]");
        assertThat(graceExpiry.get()).as("the grace period was started").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void gracePeriodRunsOut_runStopsWithoutWaiting_cutNodeAndSaveInterrupted(Runner.Builder builder) throws Exception {
        store.hold("a");
        RunCancellation cancellation = cancellation();
        BackgroundRun run = start(tee(builder), chain(), catalog(), cancellation);
        assertThat(p2Started.await(30, SECONDS)).isTrue();
        assertThat(store.awaitSaveStarted("a")).isTrue();
        cancellation.request("SIGTERM");

        graceExpiry.get().run();
        RunInterruptedException stopped = interruption(run);

        assertThat(told)
                .containsExactly(
                        "stopping(SIGTERM): node p2 and the save of a within PT30S",
                        "abandoning(the grace period of 30 s ran out): node p2 and the save of a");
        assertThat(stopped.waitedForAll()).isFalse();
        assertThat(stopped.result().nodeStates())
                .containsOnly(
                        Map.entry("p1", NodeState.COMPLETED),
                        Map.entry("p2", NodeState.INTERRUPTED),
                        Map.entry("p3", NodeState.NOT_RUN));
        assertThat(stopped.result().saveStates()).containsOnly(Map.entry("a", SaveState.INTERRUPTED));
        assertThat(stopped.getMessage())
                .contains("was interrupted (SIGTERM) and stopped without waiting for node p2 and the save of a"
                        + " (the grace period of 30 s ran out)")
                .contains("Committed datasets: none");
        assertThat(p3Runs).hasValue(0);
        store.open("a");
    }

    @Test
    void abort_nodeIgnoresInterrupts_parallelRunReturnsWithoutIt() throws Exception {
        CountDownLatch stubbornStarted = new CountDownLatch(1);
        CountDownLatch releaseStubborn = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.of(Node.named("stubborn").outputs("x").fn(() -> {
            stubbornStarted.countDown();
            awaitUninterruptibly(releaseStubborn);
            return "X";
        }));
        RunCancellation cancellation = cancellation();
        BackgroundRun run = start(
                tee(Runner.builder().parallel(2)),
                pipeline,
                DataCatalog.of(Map.of("x", store.dataset("x"))),
                cancellation);
        assertThat(stubbornStarted.await(30, SECONDS)).isTrue();

        cancellation.abort("a second SIGINT");
        RunInterruptedException stopped = interruption(run);

        assertThat(releaseStubborn.getCount()).as("the node is still running").isEqualTo(1);
        assertThat(stopped.reason()).isEqualTo("a second SIGINT");
        assertThat(stopped.result().nodeStates()).containsExactlyEntriesOf(Map.of("stubborn", NodeState.INTERRUPTED));
        releaseStubborn.countDown();
    }

    @ParameterizedTest
    @MethodSource("runners")
    void request_beforeTheRunStarts_noNodeRuns(Runner.Builder builder) throws Exception {
        RunCancellation cancellation = cancellation();
        cancellation.request("SIGINT");

        assertThatThrownBy(() -> tee(builder).run(chain(), catalog(), "early", cancellation))
                .isInstanceOfSatisfying(RunInterruptedException.class, e -> assertThat(
                                e.result().nodeStates())
                        .containsOnly(
                                Map.entry("p1", NodeState.NOT_RUN),
                                Map.entry("p2", NodeState.NOT_RUN),
                                Map.entry("p3", NodeState.NOT_RUN)));
        assertThat(p2Started.getCount()).isEqualTo(1);
        assertThat(store.contents()).isEmpty();
        assertThat(told).containsExactly("stopping(SIGINT): nothing within PT30S");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void request_duringTheLastNode_everythingFinishes_runCompletes(Runner.Builder builder) throws Exception {
        CountDownLatch lastStarted = new CountDownLatch(1);
        CountDownLatch releaseLast = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.of(
                Node.named("first").outputs("a").fn(() -> "A"),
                Node.named("last").inputs("a").outputs("b").fn((String a) -> {
                    lastStarted.countDown();
                    await(releaseLast);
                    return a + "B";
                }));
        RunCancellation cancellation = cancellation();
        BackgroundRun run = start(tee(builder), pipeline, catalog(), cancellation);
        assertThat(lastStarted.await(30, SECONDS)).isTrue();

        cancellation.request("SIGINT");
        releaseLast.countDown();

        RunResult result = run.result().get(30, SECONDS);
        assertThat(result.nodeStates())
                .containsOnly(Map.entry("first", NodeState.COMPLETED), Map.entry("last", NodeState.COMPLETED));
        assertThat(store.contents()).containsOnly(Map.entry("a", "A"), Map.entry("b", "AB"));
    }

    @Test
    void gracePeriodZero_requestStopsAtOnce() throws Exception {
        store.hold("a");
        RunCancellation cancellation = RunCancellation.withGracePeriod(Duration.ZERO);
        BackgroundRun run = start(tee(Runner.builder().parallel(2)), chain(), catalog(), cancellation);
        assertThat(p2Started.await(30, SECONDS)).isTrue();

        cancellation.request("SIGINT");

        RunInterruptedException stopped = interruption(run);
        assertThat(stopped.waitedForAll()).isFalse();
        assertThat(cancellation.abortReason()).isEqualTo("the grace period is zero");
        assertThat(stopped.result().saveStates()).containsEntry("a", SaveState.INTERRUPTED);
        store.open("a");
    }

    @ParameterizedTest
    @MethodSource("runners")
    void recorder_interruptedRun_manifestInterruptedWithTrueStates(Runner.Builder builder) throws Exception {
        Path file = tmp.resolve("manifest.json");
        RunCancellation cancellation = cancellation();
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(file).build()) {
            BackgroundRun run = start(builder.hook(recorder).build(), chain(), catalog(), cancellation);
            assertThat(p2Started.await(30, SECONDS)).isTrue();
            cancellation.request("SIGINT");
            releaseP2.countDown();
            interruption(run);
        }

        RunManifest manifest = RunManifest.read(file);
        assertThat(manifest.status()).isEqualTo(RunManifest.Status.INTERRUPTED);
        assertThat(manifest.error()).contains("was interrupted (SIGINT)");
        assertThat(manifest.nodes().get("p2").state()).isEqualTo(NodeState.COMPLETED);
        assertThat(manifest.nodes().get("p3").state()).isEqualTo(NodeState.NOT_RUN);
        assertThat(manifest.datasets().get("a").state()).isEqualTo(SaveState.COMMITTED);
        assertThat(manifest.datasets().get("b").state()).isEqualTo(SaveState.COMMITTED);
        assertThat(manifest.datasets().get("c").state()).isEqualTo(SaveState.NOT_PRODUCED);
    }

    @Test
    void recorder_abandonWhileNodeRunsAndSaveWrites_manifestParsesAsInterrupted() throws Exception {
        Path file = tmp.resolve("manifest.json");
        store.hold("a");
        RunManifestRecorder recorder = RunManifestRecorder.builder(file).build();
        BackgroundRun run = start(tee(Runner.builder().parallel(2).hook(recorder)), chain(), catalog());
        assertThat(p2Started.await(30, SECONDS)).isTrue();
        assertThat(store.awaitSaveStarted("a")).isTrue();

        assertThat(recorder.abandon("a second SIGINT")).isTrue();

        RunManifest manifest = RunManifest.read(file);
        assertThat(manifest.status()).isEqualTo(RunManifest.Status.INTERRUPTED);
        assertThat(manifest.error()).isEqualTo("a second SIGINT");
        assertThat(manifest.nodes().get("p1").state()).isEqualTo(NodeState.COMPLETED);
        assertThat(manifest.nodes().get("p2").state()).isEqualTo(NodeState.INTERRUPTED);
        assertThat(manifest.nodes().get("p3").state()).isEqualTo(NodeState.NOT_RUN);
        assertThat(manifest.datasets().get("a").state()).isEqualTo(SaveState.INTERRUPTED);
        assertThat(manifest.datasets().get("b").state()).isEqualTo(SaveState.NOT_PRODUCED);
        assertThat(recorder.abandon("again")).as("only once").isFalse();
        releaseP2.countDown();
        store.open("a");
        run.result().get(30, SECONDS);
        assertThat(RunManifest.read(file).status())
                .as("the run's own end does not overwrite the abandoned manifest")
                .isEqualTo(RunManifest.Status.INTERRUPTED);
    }

    private static RunInterruptedException interruption(BackgroundRun run) throws Exception {
        try {
            RunResult result = run.result().get(30, SECONDS);
            throw new AssertionError("the run completed: " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RunInterruptedException.class);
            return (RunInterruptedException) e.getCause();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(60, TimeUnit.SECONDS)) {
                    break;
                }
                throw new IllegalStateException("the test never released the latch");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
