package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.TextDataset;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import dev.sluice.runner.SaveState;
import dev.sluice.runner.TestClocks;
import dev.sluice.storage.Storage;
import dev.sluice.testing.FakeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunManifestRecorderTest {
    @TempDir
    Path dir;

    private Path manifestFile() {
        return dir.resolve(".sluice/runs/run-1/manifest.json");
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void recorder_completedRun_writesEveryNodeAndDatasetWithTimings(IoMode io) {
        Path data = dir.resolve("data");
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", TextDataset.at(Storage.local(data.resolve("raw.txt"))))
                .add("upper", TextDataset.at(Storage.local(data.resolve("upper.txt"))))
                .build();
        catalog.save("raw", "hello");
        Pipeline pipeline = Pipeline.of(
                Node.named("shout")
                        .inputs("raw")
                        .outputs("upper")
                        .tags("b", "a")
                        .fn((String s) -> s.toUpperCase()),
                Node.named("count")
                        .inputs("upper")
                        .outputs("length")
                        .namespace("stats")
                        .fn(String::length));
        RunManifestRecorder recorder = RunManifestRecorder.builder(manifestFile())
                .projectDir(dir)
                .command("sluice run")
                .options(Map.of("env", "local", "pipelines", List.of("__default__")))
                .build();

        Runner.builder().io(io).hook(recorder).build().run(pipeline, catalog, "run-1");

        RunManifest manifest = RunManifest.read(manifestFile());
        assertThat(manifest.runId()).isEqualTo("run-1");
        assertThat(manifest.status()).isEqualTo(Status.COMPLETED);
        assertThat(manifest.finishedMs()).isGreaterThanOrEqualTo(manifest.startedMs());
        assertThat(manifest.project())
                .isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(manifest.options())
                .containsEntry("runner", "sequential")
                .containsEntry("io", io.toString())
                .containsEntry("env", "local")
                .containsEntry("pipelines", List.of("__default__"));
        assertThat(manifest.pipeline())
                .extracting(RunManifest.PipelineNode::name)
                .containsExactly("shout", "stats.count");
        assertThat(manifest.pipeline().get(0).tags()).containsExactly("a", "b");
        assertThat(manifest.pipeline().get(1).namespace()).isEqualTo("stats");

        NodeRecord shout = manifest.nodes().get("shout");
        assertThat(shout.state()).isEqualTo(NodeState.COMPLETED);
        assertThat(shout.loads()).extracting(RunManifest.Load::dataset).containsExactly("raw");
        RunManifest.Load load = shout.loads().get(0);
        assertThat(shout.startMs()).isEqualTo(load.startMs());
        assertThat(load.endMs()).isBetween(load.startMs(), shout.compute().startMs());
        assertThat(shout.compute().endMs()).isBetween(shout.compute().startMs(), shout.endMs());
        assertThat(manifest.nodes().get("stats.count").state()).isEqualTo(NodeState.COMPLETED);

        DatasetRecord upper = manifest.datasets().get("upper");
        assertThat(upper.state()).isEqualTo(SaveState.COMMITTED);
        assertThat(upper.producer()).isEqualTo("shout");
        assertThat(upper.persistent()).isTrue();
        assertThat(upper.bytes()).isEqualTo(5L);
        assertThat(upper.save().startMs())
                .isGreaterThanOrEqualTo(shout.compute().endMs());
        assertThat(upper.save().endMs()).isGreaterThanOrEqualTo(upper.save().startMs());
        DatasetRecord length = manifest.datasets().get("length");
        assertThat(length.persistent()).isFalse();
        assertThat(length.state()).isEqualTo(SaveState.COMMITTED);
        assertThat(length.bytes()).isNull();
        assertThat(manifest.error()).isNull();
        assertThat(manifest.resumedFrom()).isNull();
    }

    @Test
    void manifestFile_usesTheDocumentedKeys() throws Exception {
        FakeStore store = new FakeStore();
        store.put("raw", "r");
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw"), "out", store.dataset("out")));
        Pipeline pipeline =
                Pipeline.of(Node.named("n").inputs("raw").outputs("out").fn((String r) -> r + "!"));
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).resumedFrom("run-0").build();

        Runner.builder().hook(recorder).build().run(pipeline, catalog, "run-1");

        Map<String, Object> root = object(Json.parse(Files.readString(manifestFile()), "manifest"));
        assertThat(root.keySet())
                .containsExactly(
                        "format",
                        "run_id",
                        "status",
                        "started_ms",
                        "finished_ms",
                        "resumed_from",
                        "project",
                        "command",
                        "options",
                        "pipeline",
                        "nodes",
                        "datasets",
                        "stores",
                        "error");
        assertThat(root.get("format")).isEqualTo(1);
        assertThat(root.get("resumed_from")).isEqualTo("run-0");
        assertThat(object(root.get("options")))
                .containsKeys("runner", "workers", "io", "max_pending_saves", "save_retries");
        List<?> pipelineNodes = (List<?>) object(root.get("pipeline")).get("nodes");
        assertThat(object(pipelineNodes.get(0)).keySet())
                .containsExactly("name", "namespace", "tags", "inputs", "outputs");
        Map<String, Object> node = object(object(root.get("nodes")).get("n"));
        assertThat(node.keySet())
                .containsExactly("state", "start_ms", "end_ms", "load", "compute", "error", "stack_trace");
        assertThat(object(node.get("compute")).keySet()).containsExactly("start_ms", "end_ms");
        assertThat(object(((List<?>) node.get("load")).get(0)).keySet())
                .containsExactly("dataset", "start_ms", "end_ms");
        Map<String, Object> dataset = object(object(root.get("datasets")).get("out"));
        assertThat(dataset.keySet())
                .containsExactly(
                        "state",
                        "producer",
                        "persistent",
                        "version",
                        "bytes",
                        "queued_ms",
                        "save",
                        "error",
                        "stack_trace");
        assertThat(dataset.get("state")).isEqualTo("COMMITTED");
        assertThat(object(dataset.get("save")).keySet()).containsExactly("start_ms", "end_ms");
        assertThat(object(object(root.get("stores")).get("fake")).keySet())
                .containsExactly("start", "limit", "min", "max");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    @ParameterizedTest
    @EnumSource(
            value = IoMode.class,
            names = {"SYNC", "TEE"})
    void recorder_nodeFails_recordsFailureNotRunNodesAndRunError(IoMode io) {
        Chain chain = new Chain();
        chain.failing.add("n2");
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        assertThatThrownBy(() ->
                        Runner.builder().io(io).hook(recorder).build().run(chain.pipeline(), chain.catalog(), "run-1"))
                .isInstanceOf(RunFailedException.class);

        RunManifest manifest = RunManifest.read(manifestFile());
        assertThat(manifest.status()).isEqualTo(Status.FAILED);
        assertThat(manifest.error()).contains("injected failure in n2");
        assertThat(manifest.nodes().get("n1").state()).isEqualTo(NodeState.COMPLETED);
        assertThat(manifest.nodes().get("n2").state()).isEqualTo(NodeState.FAILED);
        assertThat(manifest.nodes().get("n2").error()).contains("injected failure in n2");
        assertThat(manifest.nodes().get("n3").state()).isEqualTo(NodeState.NOT_RUN);
        assertThat(manifest.nodes().get("n3").startMs()).isNull();
        assertThat(manifest.datasets().get("a").state()).isEqualTo(SaveState.COMMITTED);
        assertThat(manifest.datasets().get("b").state()).isEqualTo(SaveState.NOT_PRODUCED);
        assertThat(manifest.datasets().get("b").save()).isNull();
        assertThat(manifest.datasets().values())
                .as("a finished run shows no live state")
                .allSatisfy(d -> assertThat(d.state().isTerminal()).isTrue());
        assertThat(manifest.nodes().values())
                .allSatisfy(n -> assertThat(n.state().isTerminal()).isTrue());
    }

    @Test
    void recorder_saveFails_recordsTheDatasetErrorAndState() {
        Chain chain = new Chain();
        chain.store.failSaves("b", 1);
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        assertThatThrownBy(() -> Runner.builder()
                        .saveRetries(0, Duration.ZERO)
                        .hook(recorder)
                        .build()
                        .run(chain.pipeline(), chain.catalog(), "run-1"))
                .isInstanceOf(RunFailedException.class);

        RunManifest manifest = RunManifest.read(manifestFile());
        DatasetRecord b = manifest.datasets().get("b");
        assertThat(b.state()).isEqualTo(SaveState.FAILED);
        assertThat(b.error()).contains("injected failure writing b");
        assertThat(b.save().endMs()).isNotNull();
        assertThat(manifest.error()).contains("'b'");
    }

    @Test
    void recorder_saveFailsOnceThenCommits_recordsTheStoreConcurrencyItMovedThrough() {
        Chain chain = new Chain();
        chain.store.failSaves("b", 1);
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        // Cache I/O: one save at a time, so the limit never has the use it would need to grow. A frozen
        // clock: a save slowed by a busy machine must not shrink the limit as rising latency would.
        TestClocks.frozen(Runner.builder())
                .io(IoMode.CACHE)
                .saveRetries(1, Duration.ZERO)
                .storeConcurrency(10)
                .hook(recorder)
                .build()
                .run(chain.pipeline(), chain.catalog(), "run-1");

        RunManifest manifest = RunManifest.read(manifestFile());
        assertThat(manifest.stores()).containsExactly(Map.entry("fake", new RunManifest.StoreRecord(10, 5, 5, 10)));
    }

    @Test
    void recorder_loadFails_nodeFailsWithTheDatasetError() {
        FakeStore store = new FakeStore();
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw")));
        Pipeline pipeline =
                Pipeline.of(Node.named("n").inputs("raw").outputs("out").fn((String r) -> r));
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        assertThatThrownBy(() ->
                        Runner.builder().io(IoMode.SYNC).hook(recorder).build().run(pipeline, catalog, "r"))
                .isInstanceOf(RunFailedException.class);

        NodeRecord n = RunManifest.read(manifestFile()).nodes().get("n");
        assertThat(n.state()).isEqualTo(NodeState.FAILED);
        assertThat(n.error()).contains("no object under key raw");
        assertThat(n.loads()).singleElement().satisfies(l -> assertThat(l.endMs())
                .isNull());
    }

    @Test
    void recorder_whileRunning_keepsTheFileCurrent() throws Exception {
        Chain chain = new Chain();
        chain.store.hold("b");
        RunManifestRecorder recorder = RunManifestRecorder.builder(manifestFile())
                .writeInterval(Duration.ZERO)
                .build();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> Runner.builder()
                .io(IoMode.SYNC)
                .hook(recorder)
                .build()
                .run(chain.pipeline(), chain.catalog(), "run-1"));
        try {
            assertThat(chain.store.awaitSaveStarted("b")).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                RunManifest live = RunManifest.read(manifestFile());
                assertThat(live.status()).isEqualTo(Status.RUNNING);
                assertThat(live.datasets().get("a").state()).isEqualTo(SaveState.COMMITTED);
                assertThat(live.datasets().get("b").state()).isEqualTo(SaveState.WRITING);
                assertThat(live.nodes().get("n3").state()).isEqualTo(NodeState.PENDING);
            });
        } finally {
            chain.store.open("b");
        }
        run.get(30, TimeUnit.SECONDS);
        assertThat(RunManifest.read(manifestFile()).status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void recorder_throttledWrites_neverLoseTheLastState() throws Exception {
        FakeStore store = new FakeStore();
        store.put("raw", "r");
        CountDownLatch release = new CountDownLatch(1);
        Node blocker = Node.named("block").inputs("x").outputs("y").fn((String x) -> {
            block(release);
            return x;
        });
        Pipeline pipeline =
                Pipeline.of(Node.named("first").inputs("raw").outputs("x").fn((String r) -> r), blocker);
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw"), "x", store.dataset("x")));
        // The node's start arrives while the writer pauses after an earlier write, and nothing follows it
        // until the test releases the node: it reaches the file only if the writer picks it up afterwards.
        RunManifestRecorder recorder = RunManifestRecorder.builder(manifestFile())
                .writeInterval(Duration.ofMillis(50))
                .build();
        CompletableFuture<Void> run = CompletableFuture.runAsync(
                () -> Runner.builder().io(IoMode.SYNC).hook(recorder).build().run(pipeline, catalog, "run-1"));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RunManifest.read(manifestFile())
                            .nodes()
                            .get("block")
                            .compute())
                    .isNotNull());
        } finally {
            release.countDown();
        }
        run.get(30, TimeUnit.SECONDS);
        assertThat(RunManifest.read(manifestFile()).nodes().get("block").state())
                .isEqualTo(NodeState.COMPLETED);
    }

    @Test
    void recorder_versionedOutput_recordsTheSavedVersion() {
        FakeStore store = new FakeStore();
        store.put("raw", "r");
        FakeVersionedDataset model = new FakeVersionedDataset("2025-01-01T00.00.00.000Z");
        DataCatalog catalog = DataCatalog.of(Map.of("raw", store.dataset("raw"), "model", model));
        Pipeline pipeline =
                Pipeline.of(Node.named("train").inputs("raw").outputs("model").fn((String r) -> r));
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        Runner.builder().hook(recorder).build().run(pipeline, catalog, "run-1");

        assertThat(RunManifest.read(manifestFile()).datasets().get("model").version())
                .isEqualTo("2025-01-01T00.00.00.000Z");
    }

    @Test
    void recorder_secretsInOptionsAndCommand_areMasked() throws Exception {
        Chain chain = new Chain();
        RunManifestRecorder recorder = RunManifestRecorder.builder(manifestFile())
                .command("sluice run --params db_url=postgres://admin:hunter2@db/x")
                .options(Map.of(
                        "runtime_params",
                        Map.of("api_token", "s3cr3t-token", "db", Map.of("password", "hunter2"), "rate", 3)))
                .build();

        Runner.builder().hook(recorder).build().run(chain.pipeline(), chain.catalog(), "run-1");

        String text = Files.readString(manifestFile(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("s3cr3t-token").doesNotContain("hunter2");
        Map<?, ?> params =
                (Map<?, ?>) RunManifest.read(manifestFile()).options().get("runtime_params");
        assertThat(params.get("rate")).isEqualTo(3L);
        assertThat(params.get("api_token")).isEqualTo("********");
    }

    @Test
    void recorder_fileCannotBeWritten_runStillCompletes() throws Exception {
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "a file where the runs directory should be");
        Chain chain = new Chain();
        RunManifestRecorder recorder = RunManifestRecorder.builder(blocked.resolve("run-1/manifest.json"))
                .build();

        Runner.builder().hook(recorder).build().run(chain.pipeline(), chain.catalog(), "run-1");

        assertThat(chain.store.read("d")).contains("r|n1|n2|n3|n4");
        assertThat(recorder.snapshot().status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void snapshot_beforeTheRun_isRefused() {
        RunManifestRecorder recorder =
                RunManifestRecorder.builder(manifestFile()).build();

        assertThatThrownBy(recorder::snapshot).isInstanceOf(IllegalStateException.class);
        recorder.close();
        assertThat(manifestFile()).doesNotExist();
    }

    private static void block(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
