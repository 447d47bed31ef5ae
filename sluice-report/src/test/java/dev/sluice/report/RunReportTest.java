package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunReportTest {
    private static final Pattern LANE = Pattern.compile("<g class=\"lane\" data-node=\"([^\"]+)\">(.*?)</g>\n");

    static List<String> manifests() {
        return List.of(
                Samples.irisTee(),
                Samples.irisSync(),
                Samples.irisFailed(),
                Samples.irisRunning(),
                Samples.large(50, 1));
    }

    @Test
    void render_teeRun_drawsEveryNodeAndDatasetButNoParameter() {
        String html = RunReport.render(Samples.irisTee());

        for (String node : Samples.IRIS_NODES) {
            assertThat(html).contains("<g class=\"vertex node\" data-node=\"" + node + "\"");
        }
        for (String dataset : Samples.IRIS_INTERMEDIATES) {
            assertThat(html).contains("<g class=\"vertex dataset\" data-dataset=\"" + dataset + "\"");
        }
        assertThat(html)
                .contains("data-dataset=\"example_iris_data\"")
                .contains("data-dataset=\"accuracy\"")
                .doesNotContain("data-dataset=\"params:");
    }

    @Test
    void render_teeRun_timelineHasOneLanePerNodeInStartOrder() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(lanes(html)).containsExactlyElementsOf(Samples.IRIS_NODES);
    }

    @Test
    void render_largePipeline_everyNodeInTheDagAndOnALane() {
        String html = RunReport.render(Samples.large(50, 1));

        assertThat(lanes(html)).hasSize(50);
        for (String lane : lanes(html)) {
            assertThat(html).contains("<g class=\"vertex node\" data-node=\"" + lane + "\"");
        }
    }

    @Test
    void render_anyRun_hasLegendsForStatesAndSegments() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(html)
                .contains("<ul class=\"legend\">")
                .contains("<span class=\"sw s-completed\"></span>completed")
                .contains("<span class=\"sw s-failed\"></span>failed")
                .contains("<span class=\"sw s-not-run\"></span>not run")
                .contains("<span class=\"sw pill s-committed\"></span>committed")
                .contains("<span class=\"sw pill s-writing\"></span>writing")
                .contains("<span class=\"sw seg load\"></span>load")
                .contains("<span class=\"sw seg compute\"></span>compute")
                .contains("<span class=\"sw seg save\"></span>save, node waited")
                .contains("<span class=\"sw seg background\"></span>save in the background");
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void render_anyRun_loadsNothingFromOutsideThePage(String manifest) {
        String html = RunReport.render(manifest);

        assertThat(html)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("<script src")
                .doesNotContain(" src=")
                .doesNotContain("@import")
                .doesNotContain("<link rel=\"stylesheet\"");
        assertThat(html).contains("<style>").contains("<script>").contains("<svg class=\"dag\"");
    }

    @Test
    void render_teeRun_backgroundSavesHatchedOnTheProducersLane() {
        String html = RunReport.render(Samples.irisTee());

        String split = lane(html, "split_data");
        assertThat(count(split, "class=\"seg save background\"")).isEqualTo(4);
        assertThat(split).contains("save train_x: 1.00 s, COMMITTED, in the background after the node finished");
        assertThat(lane(html, "train_model")).contains("save model:");
        assertThat(lane(html, "report_accuracy")).doesNotContain("seg save");
    }

    @Test
    void render_syncRun_savesTheNodeWaitedForAreSolid() {
        String html = RunReport.render(Samples.irisSync());

        String split = lane(html, "split_data");
        assertThat(count(split, "class=\"seg save\"")).isEqualTo(4);
        assertThat(split).doesNotContain("background");
        assertThat(count(lane(html, "predict"), "class=\"seg load\"")).isEqualTo(2);
    }

    @Test
    void render_teeRun_showsTheTotals() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(html)
                .contains("<div class=\"value\">1.17 s</div>")
                .contains("<div class=\"value\">11.0 s</div>")
                .contains("a sync run would have 12.0 s of I/O on its path; this run waited 1.00 s")
                .contains("<div class=\"value\">1.00×</div>")
                .contains("limit 1.17 s")
                .contains("How the totals are computed");
    }

    @Test
    void render_failedRun_coloursFailuresAndQuotesTheErrorsEscaped() {
        String html = RunReport.render(Samples.irisFailed());

        assertThat(html).contains("<span class=\"badge s-failed\">FAILED</span>");
        assertThat(vertex(html, "data-node=\"train_model\"")).contains("<rect class=\"s-failed\"");
        assertThat(vertex(html, "data-node=\"predict\"")).contains("<rect class=\"s-not-run\"");
        assertThat(vertex(html, "data-dataset=\"test_y\"")).contains("<rect class=\"s-failed\"");
        assertThat(vertex(html, "data-dataset=\"model\"")).contains("<rect class=\"s-not-run\"");
        assertThat(html)
                .contains("<section class=\"errors\">")
                .contains("learning rate &lt; 0")
                .contains("disk full &lt;no space&gt;")
                .doesNotContain("<no space>");
        assertThat(lane(html, "train_model")).contains("class=\"seg compute failed\"");
    }

    @Test
    void render_runInProgress_drawsOpenStepsUpToTheLatestTime() {
        String html = RunReport.render(Samples.irisRunning());

        assertThat(html)
                .contains("<span class=\"badge s-running\">RUNNING</span>")
                .contains("still running");
        assertThat(vertex(html, "data-node=\"train_model\"")).contains("<rect class=\"s-running\"");
        assertThat(vertex(html, "data-node=\"predict\"")).contains("<rect class=\"s-pending\"");
        assertThat(vertex(html, "data-dataset=\"train_y\"")).contains("<rect class=\"s-writing\"");
        assertThat(lane(html, "split_data")).contains("class=\"seg save background open\"");
    }

    @Test
    void render_textFromTheManifest_isEscaped() {
        String json = Samples.irisPipeline("<script>alert(1)</script>")
                .ran("split_data", "FAILED", 0, 10L)
                .compute("split_data", 0, 10L)
                .nodeError("split_data", "bad \"quote\" & <tag>")
                .finished("FAILED", 10)
                .json();

        String html = RunReport.render(json);

        assertThat(html)
                .doesNotContain("<script>alert(1)")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("bad &quot;quote&quot; &amp; &lt;tag&gt;");
    }

    @Test
    void render_runThatFailedBeforeAnyNode_rendersTheHeaderAndTheError() {
        String html = RunReport.render(
                "{\"format\": 1, \"run_id\": \"r0\", \"status\": \"FAILED\", \"started_ms\": 5, \"finished_ms\": 5,"
                        + " \"error\": \"catalog broken\"}");

        assertThat(html)
                .contains("<span class=\"badge s-failed\">FAILED</span>")
                .contains("catalog broken");
        assertThat(lanes(html)).isEmpty();
    }

    @Test
    void render_notJson_failsNamingTheLine() {
        assertThatThrownBy(() -> RunReport.render("{\n\"format\": 1,\n\"run_id\": "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid JSON (line 3)")
                .hasMessageContaining("run the pipeline again");
    }

    @Test
    void render_otherFormat_failsNamingBothFormats() {
        assertThatThrownBy(() -> RunReport.render("{\"format\": 2, \"run_id\": \"r\", \"started_ms\": 0}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("format 2")
                .hasMessageContaining("reads format 1");
    }

    @Test
    void render_badField_failsNamingThePathOfTheField() {
        String json = ManifestBuilder.run("r")
                .json()
                .replace("\"nodes\" : { }", "\"nodes\" : {\"a\": {\"start_ms\": \"soon\"}}");

        assertThatThrownBy(() -> RunReport.render(json))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Field 'nodes.a.start_ms' must be a whole number");
    }

    @Test
    void write_manifestFile_writesTheReportCreatingDirectories(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Samples.irisTee());
        Path output = dir.resolve("out/nested/report.html");

        RunReport.write(manifest, output);

        assertThat(Files.readString(output)).startsWith("<!DOCTYPE html>").contains("iris-tee");
    }

    @Test
    void write_missingManifest_failsNamingTheFile(@TempDir Path dir) {
        Path manifest = dir.resolve("nope/manifest.json");

        assertThatThrownBy(() -> RunReport.write(manifest, dir.resolve("report.html")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(manifest.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void write_damagedManifest_failsNamingTheFile(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, "{\"format\": 1, \"run_");

        assertThatThrownBy(() -> RunReport.write(manifest, dir.resolve("report.html")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Run manifest '" + manifest + "' is not valid JSON");
    }

    @Test
    void findManifest_last_isTheRunThatStartedLast(@TempDir Path project) throws IOException {
        // Names and write order disagree with start times, so only started_ms can pick the right one.
        run(project, "b-older", Samples.irisTee().replace("\"started_ms\" : ", "\"started_ms\" : 1"));
        run(project, "c-newest", Samples.irisTee().replace("\"started_ms\" : ", "\"started_ms\" : 9"));
        run(project, "a-old", Samples.irisTee().replace("\"started_ms\" : ", "\"started_ms\" : 5"));

        assertThat(RunReport.findManifest(project, "last"))
                .isEqualTo(project.resolve(".sluice/runs/c-newest/manifest.json"));
    }

    @Test
    void findManifest_idOrUniquePrefix_isThatRun(@TempDir Path project) throws IOException {
        run(project, "3f2a9c", Samples.irisTee());
        run(project, "3f7b01", Samples.irisSync());

        assertThat(RunReport.findManifest(project, "3f2a9c")).endsWith(Path.of("3f2a9c", "manifest.json"));
        assertThat(RunReport.findManifest(project, "3f7")).endsWith(Path.of("3f7b01", "manifest.json"));
        assertThatThrownBy(() -> RunReport.findManifest(project, "3f"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("It starts 2 run ids");
    }

    @Test
    void findManifest_unknownId_failsListingTheRuns(@TempDir Path project) throws IOException {
        run(project, "3f2a9c", Samples.irisTee());

        assertThatThrownBy(() -> RunReport.findManifest(project, "3f2a9d"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no run '3f2a9d'")
                .hasMessageContaining("Did you mean '3f2a9c'?")
                .hasMessageContaining("'last'");
    }

    @Test
    void findManifest_noRuns_failsSayingHowToMakeOne(@TempDir Path project) {
        assertThatThrownBy(() -> RunReport.findManifest(project, "last"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(".sluice/runs")
                .hasMessageContaining("sluice run");
    }

    private static void run(Path project, String id, String manifest) throws IOException {
        Path dir = project.resolve(".sluice/runs").resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), manifest);
    }

    private static List<String> lanes(String html) {
        Matcher m = LANE.matcher(html);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String lane(String html, String node) {
        Matcher m = LANE.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(node)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no lane for " + node);
    }

    /** The SVG group of one DAG vertex, found by its attribute. */
    private static String vertex(String html, String attribute) {
        int start = html.indexOf("<g class=\"vertex");
        while (start >= 0) {
            int end = html.indexOf("</g>", start);
            String group = html.substring(start, end);
            if (group.contains(attribute)) {
                return group;
            }
            start = html.indexOf("<g class=\"vertex", end);
        }
        throw new AssertionError("no vertex with " + attribute);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
