package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.io.Dataset;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.Runner;
import dev.sluice.testing.FakeStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save timings in the manifest: a save's span is its writing, from the moment it got a slot of its store
 * and a thread, and the time it waited before that is recorded as its queue. The test runs every I/O task
 * itself, one at a time, and moves the recorder's clock by hand, so every figure is exact.
 */
class SaveTimingTest {
    @TempDir
    Path dir;

    /** An I/O executor whose tasks run only when the test runs them. */
    private static final class ManualExecutor implements Executor {
        final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runNext() throws InterruptedException {
            Runnable task = tasks.poll(30, TimeUnit.SECONDS);
            assertThat(task).as("an I/O task the run should have submitted").isNotNull();
            task.run();
        }
    }

    /** Counts down once for each save the run queues. */
    private static Hook queued(CountDownLatch latch) {
        return new Hook() {
            @Override
            public void onSaveQueued(RunInfo run, String dataset, long estimatedBytes) {
                latch.countDown();
            }
        };
    }

    /** Each save takes {@code cost} milliseconds of the test's clock. */
    private static Dataset<Object> timed(FakeStore store, String key, AtomicLong clock, long cost) {
        Dataset<Object> inner = store.dataset(key);
        return new Dataset<>() {
            @Override
            public Object load() {
                return inner.load();
            }

            @Override
            public void save(Object value) {
                clock.addAndGet(cost);
                inner.save(value);
            }

            @Override
            public boolean exists() {
                return inner.exists();
            }

            @Override
            public String storeKey() {
                return inner.storeKey();
            }

            @Override
            public Map<String, Object> describe() {
                return inner.describe();
            }
        };
    }

    @Test
    void recorder_savesQueueForOneStoreSlot_recordsQueueApartFromWriting() throws Exception {
        AtomicLong clock = new AtomicLong(10_000);
        FakeStore store = new FakeStore();
        DataCatalog catalog = DataCatalog.of(Map.of(
                "a", timed(store, "a", clock, 50),
                "b", timed(store, "b", clock, 30),
                "c", timed(store, "c", clock, 20)));
        Pipeline pipeline =
                Pipeline.of(Node.named("produce").outputs("a", "b", "c").fn(() -> List.of("1", "2", "3")));
        RunManifestRecorder recorder = RunManifestRecorder.builder(dir.resolve("manifest.json"))
                .clock(clock::get)
                .build();
        ManualExecutor io = new ManualExecutor();
        CountDownLatch allQueued = new CountDownLatch(3);
        // One slot for the store: the node queues three saves at once, and they write one after another.
        Runner runner = Runner.builder()
                .io(IoMode.TEE)
                .storeConcurrency(1)
                .ioExecutor(io)
                .hook(recorder)
                .hook(queued(allQueued))
                .build();

        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runner.run(pipeline, catalog, "run-1"));
        assertThat(allQueued.await(30, TimeUnit.SECONDS)).isTrue();
        io.runNext(); // a starts at 10,000 (queued then) and commits at 10,050, which starts b's task
        clock.addAndGet(100); // the I/O thread is late: b waits in the executor's queue too
        io.runNext(); // b writes 10,150 to 10,180
        io.runNext(); // c writes 10,180 to 10,200
        run.get(30, TimeUnit.SECONDS);

        RunManifest manifest = recorder.snapshot();
        DatasetRecord a = manifest.datasets().get("a");
        DatasetRecord b = manifest.datasets().get("b");
        DatasetRecord c = manifest.datasets().get("c");
        assertThat(List.of(a.queuedMs(), b.queuedMs(), c.queuedMs())).containsOnly(10_000L);
        assertThat(a.save()).isEqualTo(new Span(10_000L, 10_050L));
        assertThat(b.save()).isEqualTo(new Span(10_150L, 10_180L));
        assertThat(c.save()).isEqualTo(new Span(10_180L, 10_200L));
        assertThat(List.of(a.queueWaitMs(), b.queueWaitMs(), c.queueWaitMs())).containsExactly(0L, 150L, 180L);
    }

    @Test
    void manifest_queueTime_survivesTheFileAndOldManifestsReadWithout() throws Exception {
        AtomicLong clock = new AtomicLong(5_000);
        FakeStore store = new FakeStore();
        DataCatalog catalog = DataCatalog.of(Map.of("a", timed(store, "a", clock, 40)));
        Pipeline pipeline = Pipeline.of(Node.named("produce").outputs("a").fn(() -> "1"));
        Path file = dir.resolve("manifest.json");
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(file).clock(clock::get).build();
        ManualExecutor io = new ManualExecutor();
        CountDownLatch isQueued = new CountDownLatch(1);
        Runner runner = Runner.builder()
                .ioExecutor(io)
                .hook(recorder)
                .hook(queued(isQueued))
                .build();

        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runner.run(pipeline, catalog, "run-1"));
        assertThat(isQueued.await(30, TimeUnit.SECONDS)).isTrue();
        clock.addAndGet(7);
        io.runNext();
        run.get(30, TimeUnit.SECONDS);

        DatasetRecord a = RunManifest.read(file).datasets().get("a");
        assertThat(a.queuedMs()).isEqualTo(5_000L);
        assertThat(a.save()).isEqualTo(new Span(5_007L, 5_047L));
        assertThat(a.queueWaitMs()).isEqualTo(7L);
        // A manifest written before queue times were recorded has no "queued_ms": its saves read as unqueued.
        String withoutQueue = recorder.snapshot().toJson().replaceAll("\"queued_ms\": [0-9]+,\\s*", "");
        assertThat(withoutQueue).doesNotContain("queued_ms");
        DatasetRecord old =
                RunManifest.parse(withoutQueue, "manifest.json").datasets().get("a");
        assertThat(old.queuedMs()).isNull();
        assertThat(old.queueWaitMs()).isZero();
    }
}
