package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.manifest.RunManifest.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    @TempDir
    Path project;

    private RunHistory history() {
        return RunHistory.of(project);
    }

    private void record(String runId, String resumedFrom) throws Exception {
        RunManifest manifest = new RunManifest(
                runId,
                Status.FAILED,
                1L,
                2L,
                project.toString(),
                "sluice run",
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                "boom",
                resumedFrom);
        Path file = history().manifestFile(runId);
        Files.createDirectories(file.getParent());
        Files.writeString(file, manifest.toJson());
    }

    @Test
    void newRunId_sortsByStartTime() {
        String earlier = RunHistory.newRunId(Instant.parse("2025-01-31T09:15:02.123Z"));
        String later = RunHistory.newRunId(Instant.parse("2025-01-31T10:00:00Z"));

        assertThat(earlier).startsWith("2025-01-31T09.15.02.123Z-");
        assertThat(earlier).isLessThan(later);
        assertThat(history().manifestFile(earlier))
                .isEqualTo(project.resolve(".sluice/runs/" + earlier + "/manifest.json"));
    }

    @Test
    void read_last_isTheMostRecentRun() throws Exception {
        record("2025-01-01T00.00.00.000Z-0001", null);
        record("2025-01-02T00.00.00.000Z-0001", null);

        assertThat(history().read(RunHistory.LAST).runId()).isEqualTo("2025-01-02T00.00.00.000Z-0001");
        assertThat(history().runIds()).hasSize(2);
    }

    @Test
    void read_noRuns_saysThereIsNothingToResume() {
        assertThatThrownBy(() -> history().read(RunHistory.LAST))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No run has been recorded")
                .hasMessageContaining("without --resume");
    }

    @Test
    void read_unknownId_suggestsTheClosestAndNamesTheLast() throws Exception {
        record("2025-01-01T00.00.00.000Z-abcd", null);

        assertThatThrownBy(() -> history().read("2025-01-01T00.00.00.000Z-abce"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Did you mean '2025-01-01T00.00.00.000Z-abcd'?")
                .hasMessageContaining("most recent run is 2025-01-01T00.00.00.000Z-abcd");
    }

    @Test
    void manifestFile_pathLikeId_isRefused() {
        assertThatThrownBy(() -> history().manifestFile("../../etc"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a run id");
        assertThatThrownBy(() -> history().manifestFile("..")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void chain_followsResumedRunsNewestFirst() throws Exception {
        record("r1", null);
        record("r2", "r1");
        record("r3", "r2");

        assertThat(history().chain("r3")).extracting(RunManifest::runId).containsExactly("r3", "r2", "r1");
    }

    @Test
    void chain_resumedManifestMissing_namesIt() throws Exception {
        record("r2", "r1");

        assertThatThrownBy(() -> history().chain("r2"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("resumed run r1")
                .hasMessageContaining("is gone");
    }

    @Test
    void read_notAManifest_namesTheFile() throws Exception {
        Path file = history().manifestFile("bad");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\": 7}");

        assertThatThrownBy(() -> history().read("bad"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("format 7");
    }

    @Test
    void read_wrongShape_namesTheKey() throws Exception {
        Path file = history().manifestFile("odd");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "{\"format\": 1, \"run_id\": \"odd\", \"status\": \"FAILED\", \"started_ms\": 1, \"nodes\": [1]}");

        assertThatThrownBy(() -> history().read("odd"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nodes' is not an object")
                .hasMessageContaining("without --resume");
    }

    @Test
    void manifest_toJsonAndBack_isEqual() {
        RunManifest manifest = new RunManifest(
                "r1",
                Status.FAILED,
                10L,
                null,
                "/p",
                "sluice run",
                Map.of("workers", 4, "filter", Map.of("tags", List.of("a")), "ratio", 0.5f),
                List.of(new RunManifest.PipelineNode("n", null, List.of("t"), List.of("x"), List.of("y"))),
                Map.of(
                        "n",
                        new RunManifest.NodeRecord(
                                dev.sluice.runner.NodeState.FAILED,
                                11L,
                                null,
                                List.of(new RunManifest.Load("x", 11L, 12L)),
                                new RunManifest.Span(12L, null),
                                "boom")),
                Map.of(
                        "y",
                        new RunManifest.DatasetRecord(
                                dev.sluice.runner.SaveState.PENDING, "n", true, "v1", 3L, null, null)),
                "boom",
                null);

        assertThat(RunManifest.parse(manifest.toJson(), "test")).isEqualTo(manifest);
    }
}
