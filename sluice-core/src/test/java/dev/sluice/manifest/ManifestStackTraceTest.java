package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.nodes.FailingNodes;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed run's manifest keeps the stack trace of what failed, and reads it back. */
class ManifestStackTraceTest {
    @TempDir
    Path dir;

    private RunManifest runAndRead(Pipeline pipeline, DataCatalog catalog) {
        Path file = dir.resolve("manifest.json");
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(file).build()) {
            Runner runner = Runner.builder()
                    .saveRetries(0, Duration.ZERO)
                    .hook(recorder)
                    .build();
            assertThatThrownBy(() -> runner.run(pipeline, catalog, "run-1")).isInstanceOf(RunFailedException.class);
        }
        return RunManifest.read(file);
    }

    @Test
    void nodeThrows_manifestKeepsItsWholeStackTrace() {
        Pipeline pipeline = Pipeline.of(
                Node.named("head").inputs("rows", "params:size").outputs("top").fn(FailingNodes::head));
        DataCatalog catalog = DataCatalog.of(
                Map.of("rows", new MemoryDataset<>(List.of("a")), "params:size", new MemoryDataset<>(3)));

        NodeRecord head = runAndRead(pipeline, catalog).node("head").orElseThrow();

        assertThat(head.error()).isEqualTo("Node 'head' failed: java.lang.IndexOutOfBoundsException: toIndex = 3");
        assertThat(head.stackTrace())
                .startsWith("java.lang.IndexOutOfBoundsException: toIndex = 3\n")
                .contains("\tat com.example.nodes.FailingNodes.take(FailingNodes.java:15)\n")
                .contains("\tat dev.sluice.pipeline.Node.run(");
    }

    @Test
    void saveFails_manifestKeepsTheStackTraceOfTheIoError() {
        Dataset<Object> broken = new Dataset<>() {
            @Override
            public Object load() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void save(Object value) {
                throw new UncheckedIOException(new IOException("disk full"));
            }

            @Override
            public boolean exists() {
                return false;
            }

            @Override
            public Map<String, Object> describe() {
                return Map.of("type", "broken");
            }
        };
        Pipeline pipeline = Pipeline.of(Node.named("make").outputs("out").fn(() -> "x"));

        DatasetRecord out = runAndRead(pipeline, DataCatalog.of(Map.of("out", broken)))
                .dataset("out")
                .orElseThrow();

        assertThat(out.stackTrace())
                .startsWith("java.io.UncheckedIOException: java.io.IOException: disk full\n")
                .contains("Caused by: java.io.IOException: disk full");
    }

    @Test
    void manifestWithoutStackTraces_readsThemAsNull() {
        String json = """
                {"format": 1, "run_id": "r", "status": "FAILED", "started_ms": 1,
                 "nodes": {"a": {"state": "FAILED", "load": [], "error": "boom"}},
                 "datasets": {"x": {"state": "FAILED", "producer": "a", "persistent": true, "error": "gone"}}}
                """;

        RunManifest manifest = RunManifest.parse(json, "old.json");

        assertThat(manifest.node("a").orElseThrow().stackTrace()).isNull();
        assertThat(manifest.dataset("x").orElseThrow().stackTrace()).isNull();
        assertThat(RunManifest.parse(manifest.toJson(), "again").node("a")).isEqualTo(manifest.node("a"));
    }
}
