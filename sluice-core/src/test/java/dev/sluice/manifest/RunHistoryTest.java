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
    void resolve_uniquePrefix_isThatRun() throws Exception {
        record("2025-01-01T00.00.00.000Z-3f2a", null);
        record("2025-01-01T00.00.00.000Z-3f7b", null);

        assertThat(history().resolve("2025-01-01T00.00.00.000Z-3f2a")).isEqualTo("2025-01-01T00.00.00.000Z-3f2a");
        assertThat(history().resolve("2025-01-01T00.00.00.000Z-3f7")).isEqualTo("2025-01-01T00.00.00.000Z-3f7b");
        assertThat(history().read("2025-01-01T00.00.00.000Z-3f7").runId()).isEqualTo("2025-01-01T00.00.00.000Z-3f7b");
    }

    @Test
    void resolve_prefixOfSeveralRuns_asksForMoreCharacters() throws Exception {
        record("2025-01-01T00.00.00.000Z-3f2a", null);
        record("2025-01-01T00.00.00.000Z-3f7b", null);

        assertThatThrownBy(() -> history().resolve("2025-01-01T00.00.00.000Z-3f"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no run '2025-01-01T00.00.00.000Z-3f'")
                .hasMessageContaining("It starts 2 run ids; give more characters");
    }

    @Test
    void resolve_unknownId_listsTheRunsAndNamesLast() throws Exception {
        record("3f2a9c", null);

        assertThatThrownBy(() -> history().resolve("3f2a9d"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no run '3f2a9d'")
                .hasMessageContaining(project.resolve(".sluice/runs").toString())
                .hasMessageContaining("Did you mean '3f2a9c'?")
                .hasMessageContaining("The most recent run is 3f2a9c, which 'last' names; the runs are [3f2a9c].")
                .hasMessageContaining("'last'");
    }

    @Test
    void resolve_manyRuns_listsTheMostRecentTen() throws Exception {
        for (int i = 10; i < 22; i++) {
            record("run-" + i, null);
        }

        assertThatThrownBy(() -> history().resolve("x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the 10 most recent of 12 runs are [run-12, run-13,")
                .hasMessageContaining("run-21]")
                .hasMessageNotContaining("run-11");
    }

    @Test
    void resolve_noRuns_saysHowToRecordOne() {
        assertThatThrownBy(() -> history().resolve(RunHistory.LAST))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(".sluice")
                .hasMessageContaining("run the pipeline first ('sluice run'");
        assertThatThrownBy(() -> history().resolve("3f"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No run has been recorded there yet");
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
