package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunManifestTest {
    private static final String HEAD = "{\"format\": 1, \"run_id\": \"r\", \"status\": \"FAILED\", \"started_ms\": 1, ";

    @Test
    void parse_truncatedText_namesTheSourceAndTheLine() {
        assertThatThrownBy(() -> RunManifest.parse("{\n\"format\": 1,\n\"run_id\": \"r", "runs/r/manifest.json"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot read run manifest runs/r/manifest.json: it is not valid JSON (line 3)")
                .hasMessageContaining("run the pipeline again, without --resume")
                .hasMessageNotContaining("\n");
    }

    @Test
    void parse_wrongTypeDeepInside_namesThePathOfTheKey() {
        String json = HEAD + "\"nodes\": {\"split\": {\"state\": \"RUNNING\", \"load\": [{\"dataset\": \"raw\", "
                + "\"start_ms\": \"soon\"}]}}}";

        assertThatThrownBy(() -> RunManifest.parse(json, "test"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nodes.split.load[0].start_ms' is not a number");
    }

    @Test
    void parse_datasetNotAnObject_namesIt() {
        assertThatThrownBy(() -> RunManifest.parse(HEAD + "\"datasets\": {\"model\": 3}}", "test"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'datasets.model' is not an object");
    }

    @Test
    void parse_unknownState_namesTheKeyAndTheStates() {
        assertThatThrownBy(() -> RunManifest.parse(HEAD + "\"nodes\": {\"split\": {\"state\": \"DONE\"}}}", "test"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nodes.split.state' is 'DONE', not one of [PENDING, RUNNING, COMPLETED");
    }

    private static String twoNodes(String io) {
        return HEAD + "\"options\": {\"io\": \"" + io + "\"}, \"nodes\": {"
                + "\"split\": {\"state\": \"COMPLETED\", \"start_ms\": 100, \"end_ms\": 150},"
                + "\"train\": {\"state\": \"COMPLETED\", \"start_ms\": 150, \"end_ms\": 400},"
                + "\"report\": {\"state\": \"NOT_RUN\"}},"
                + "\"datasets\": {\"x\": {\"state\": \"COMMITTED\", \"producer\": \"split\", \"persistent\": true,"
                + " \"save\": {\"start_ms\": 150, \"end_ms\": 350}}}}";
    }

    @Test
    void nodeTimes_syncRun_countTheSavesEachNodeWaitedFor() {
        assertThat(RunManifest.parse(twoNodes("sync"), "test").nodeTimes())
                .containsExactly(
                        Map.entry("split", Duration.ofMillis(250)), Map.entry("train", Duration.ofMillis(250)));
    }

    @Test
    void nodeTimes_teeRun_leaveBackgroundSavesOut() {
        assertThat(RunManifest.parse(twoNodes("tee"), "test").nodeTimes())
                .containsExactly(Map.entry("split", Duration.ofMillis(50)), Map.entry("train", Duration.ofMillis(250)));
    }
}
