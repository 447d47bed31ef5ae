package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.manifest.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        // Five namespaces of ten nodes start closed; the drawing with all of them open holds every node.
        String open = PipelineViewTest.template(html, "clean|features|ingest|model|report");
        for (String lane : lanes(html)) {
            assertThat(open).contains("<g class=\"vertex node\" data-node=\"" + lane + "\"");
        }
        assertThat(PipelineViewTest.live(html))
                .contains("<g class=\"vertex group closed\" data-group=\"model\"")
                .doesNotContain("<g class=\"vertex node\" data-node=\"model.");
    }

    @Test
    void render_namespaceWithAFailedNode_closedGroupShowsTheFailure() {
        String json = ManifestBuilder.run("ns")
                .declareIn("model", "model.train", List.of("table"), List.of("model.regressor"))
                .declareIn("model", "model.evaluate", List.of("model.regressor"), List.of("model.metrics"))
                .ran("model.train", "COMPLETED", 0, 10L)
                .compute("model.train", 0, 10L)
                .saved("model.regressor", "model.train", "COMMITTED", 10, 20L)
                .ran("model.evaluate", "FAILED", 20, 30L)
                .compute("model.evaluate", 20, 30L)
                .finished("FAILED", 30)
                .json();

        String html = RunReport.render(json);

        assertThat(PipelineViewTest.live(html)).contains("<g class=\"group open\" data-group=\"model\"");
        String closed = PipelineViewTest.template(html, "");
        assertThat(closed)
                .contains("<g class=\"vertex group closed\" data-group=\"model\"")
                .contains("<rect class=\"s-failed\"")
                .contains(">1 of 2 completed</text>")
                .contains("nodes: 1 completed, 1 failed");
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
        assertThat(split)
                .contains("save train_x: 1.00 s writing, COMMITTED, in the background after the node finished");
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

    /**
     * A parallel run's node hands four small outputs on at once to a store that takes one save at a time:
     * each writes for 10 ms, after waiting 0, 10, 20 and 30 ms for the slot.
     */
    static String fourQueuedSaves() {
        ManifestBuilder run = ManifestBuilder.run("queued")
                .option("runner", "parallel")
                .option("io", "tee")
                .declare("make", List.of(), List.of("a", "b", "c", "d"))
                .ran("make", "COMPLETED", 0, 100L)
                .compute("make", 0, 100L);
        String[] outputs = {"a", "b", "c", "d"};
        for (int i = 0; i < outputs.length; i++) {
            String reader = "read_" + outputs[i];
            run.declare(reader, List.of(outputs[i]), List.of())
                    .ran(reader, "COMPLETED", 100, 150L)
                    .compute(reader, 100, 150L)
                    .saved(outputs[i], "make", "COMMITTED", 100 + 10 * i, 110L + 10 * i)
                    .queued(outputs[i], 100);
        }
        return run.finished("COMPLETED", 150).json();
    }

    @Test
    void render_savesThatQueued_showQueueApartFromWriting() {
        String html = RunReport.render(fourQueuedSaves());

        String make = lane(html, "make");
        assertThat(count(make, "class=\"seg save background\"")).isEqualTo(4);
        assertThat(count(make, "<g class=\"queue\"")).isEqualTo(3);
        assertThat(make)
                .contains("save d: 0.010 s writing, COMMITTED, after 0.030 s queued")
                .contains("save d queued 0.030 s (for a slot of its store or an I/O thread) before it started writing")
                .contains("save a: 0.010 s writing, COMMITTED, in the background");
        assertThat(html)
                .contains("a sync run would have 0.080 s of I/O on its path; this run waited 0.000 s")
                .contains("<div class=\"label\">Saves queued</div><div class=\"value\">0.060 s</div>")
                .contains("3 saves waited for a slot of their store or an I/O thread before writing")
                .contains("<th class=\"num\" title=\"From the node handing it on to the save writing\">Queued</th>")
                .contains("<li><span class=\"sw queue\"></span>save queued, not yet writing</li>");
    }

    @Test
    void render_manifestWithoutQueueTimes_hasNoQueueCardOrColumn() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(html)
                .doesNotContain("<div class=\"label\">Saves queued</div>")
                .doesNotContain(">Queued</th>");
        assertThat(lane(html, "split_data")).doesNotContain("class=\"queue\"");
    }

    @Test
    void render_runThatSavedToTwoStores_showsEachStoresConcurrency() {
        String json = ManifestBuilder.run("r1")
                .option("store_concurrency", 64)
                .store("file", new RunManifest.StoreRecord(32, 40, 32, 40))
                .store("s3://bucket", new RunManifest.StoreRecord(32, 12, 8, 32))
                .json();

        String html = RunReport.render(json);

        assertThat(html)
                .contains("Concurrent saves per store")
                .contains("<div class=\"value\">file 40 · s3://bucket 12</div>")
                .contains("file: started at 32, ranged 32–40; s3://bucket: started at 32, ranged 8–32; ceiling 64");
    }

    @Test
    void render_runWithoutSaves_hasNoStoreCard() {
        assertThat(RunReport.render(ManifestBuilder.run("r1").json()))
                .doesNotContain("<div class=\"label\">Concurrent saves per store");
    }

    @Test
    void render_teeRun_tailLabelSitsBelowEveryLane() {
        String html = RunReport.render(Samples.irisTee());

        Matcher label = Pattern.compile("<text class=\"tail-label\" x=\"[^\"]+\" y=\"([^\"]+)\">waiting for saves")
                .matcher(html);
        assertThat(label.find()).isTrue();
        Matcher lane = Pattern.compile(
                        "<rect class=\"lane-bg\" x=\"0\" y=\"([^\"]+)\" width=\"[^\"]+\" height=\"([^\"]+)\"")
                .matcher(html);
        double bottom = 0;
        while (lane.find()) {
            bottom = Math.max(bottom, Double.parseDouble(lane.group(1)) + Double.parseDouble(lane.group(2)));
        }
        assertThat(Double.parseDouble(label.group(1))).isGreaterThan(bottom);
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
    void render_failedNodeWithStackTrace_showsItCollapsedWithSluiceFramesFolded() {
        String html = RunReport.render(Samples.irisFailed());

        assertThat(html)
                .contains("<details class=\"trace\"><summary>Stack trace: <code>java.lang.IllegalArgumentException: "
                        + "learning rate &lt; 0</code></summary>")
                .contains("<div>\tat com.acme.iris.Train.fit(Train.java:42)</div>"
                        + "<details class=\"fold\"><summary>\t... 3 Sluice frames</summary>"
                        + "<div>\tat dev.sluice.pipeline.Node.run(Node.java:180)</div>");
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
                .replace("\"nodes\": {}", "\"nodes\": {\"a\": {\"state\": \"RUNNING\", \"start_ms\": \"soon\"}}");

        assertThatThrownBy(() -> RunReport.render(json))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nodes.a.start_ms' is not a number");
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
                .hasMessageContaining("run manifest " + manifest + ": it is not valid JSON");
    }

    @Test
    void write_manifestInsideTheProject_namesItRelativeToTheProject(@TempDir Path project) throws IOException {
        Path manifest = project.resolve(".sluice/runs/iris-tee/manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(
                manifest,
                Samples.irisPipeline("iris-tee").project(project.toString()).json());
        Path output = project.resolve("report.html");

        RunReport.write(manifest, output);

        assertThat(Files.readString(output))
                .contains("<span>project <code>" + project.getFileName() + "</code></span>")
                .contains("Rendered by Sluice from <code>.sluice/runs/iris-tee/manifest.json</code>")
                .doesNotContain(project.getParent().toString());
    }

    @Test
    void render_projectDirectory_showsOnlyItsName() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(html).contains("<span>project <code>iris</code></span>").doesNotContain("/home/me");
    }

    @Test
    void render_options_showsListsAndMapsButNotEmptyOnes() {
        String json = Samples.irisPipeline("options")
                .option("runtime_params", Map.of("io_delay", 0.3))
                .option("filter", Map.of("tags", List.of("train", "evaluate"), "from_nodes", List.of()))
                .option("hooks", List.of())
                .option("max_pending_bytes", 1_580_204_032L)
                .option("verify", null)
                .json();

        String html = RunReport.render(json);

        assertThat(html)
                .contains("<li>pipelines <b>__default__</b></li>")
                .contains("<li>runtime_params <b>io_delay=0.3</b></li>")
                .contains("<li>filter <b>tags=train, evaluate</b></li>")
                .doesNotContain("from_nodes")
                .contains("<li>max_pending_bytes <b>1.5 GiB</b></li>")
                .doesNotContain("<li>hooks")
                .doesNotContain("<li>verify");
    }

    @Test
    void render_syncRun_nodeIsBusyUntilItsSavesEnd() {
        String html = RunReport.render(Samples.irisSync());

        // split_data's function returned at 60 ms; under sync it then saved its four outputs in turn.
        assertThat(lane(html, "split_data")).contains("split_data — COMPLETED&#10;4.06 s from start to finish");
        assertThat(html).doesNotContain("class=\"tail\"");
    }

    @Test
    void render_teeRun_parameterLoadsAreNotDrawn() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(count(lane(html, "split_data"), "class=\"seg load")).isEqualTo(1);
        assertThat(html).doesNotContain("load params:");
    }

    @Test
    void render_resumedRun_namesTheRunItResumed() {
        String html = RunReport.render(Samples.irisResumedWithPrefetch().json());

        assertThat(html).contains("<span>resumed from <code>iris-killed</code></span>");
    }

    @Test
    void render_prefetchedInput_drawnAheadOfItsNodeWhichKeepsItsPlace() {
        String html = RunReport.render(Samples.irisResumedWithPrefetch().json());

        String lane = lane(html, "report_accuracy");
        assertThat(lane)
                .contains("class=\"seg load prefetch\"")
                .contains("load test_y: 0.513 s, prefetched before the node could start")
                .contains("report_accuracy — COMPLETED&#10;0.010 s from start to finish");
        assertThat(count(lane(html, "predict"), "prefetch")).isZero();
        assertThat(lanes(html)).containsExactly("predict", "report_accuracy");
        assertThat(html).contains("<span class=\"sw seg prefetch\"></span>");
    }

    @Test
    void render_nodeThatOnlyPrefetched_isStillPending() {
        // The recorder marks a node running at its first load, prefetches included.
        String json = ManifestBuilder.run("prefetching")
                .declare("predict", List.of("model"), List.of("predictions"))
                .declare("report_accuracy", List.of("predictions", "test_y"), List.of("accuracy"))
                .ran("predict", "RUNNING", 0, null)
                .compute("predict", 0, null)
                .ran("report_accuracy", "RUNNING", 1, null)
                .load("report_accuracy", "test_y", 1, 300)
                .json();

        String html = RunReport.render(json);

        assertThat(vertex(html, "data-node=\"report_accuracy\"")).contains("<rect class=\"s-pending\"");
        assertThat(vertex(html, "data-node=\"predict\"")).contains("<rect class=\"s-running\"");
        assertThat(lanes(html)).containsExactly("predict", "report_accuracy");
    }

    @Test
    void render_failedRun_outputsOfNodesThatNeverRanAreNotRun() {
        String html = RunReport.render(Samples.irisFailed());

        assertThat(vertex(html, "data-dataset=\"predictions\"")).contains("<rect class=\"s-not-run\"");
        assertThat(vertex(html, "data-dataset=\"accuracy\"")).contains("<rect class=\"s-not-run\"");
        assertThat(html)
                .contains("<td><span class=\"state s-not-run\">NOT PRODUCED</span></td><td><code>predict</code>");
    }

    @Test
    void render_notProducedState_readsNotProduced() {
        String html = RunReport.render(Samples.irisFailed().replace("\"PENDING\"", "\"NOT_PRODUCED\""));

        assertThat(vertex(html, "data-dataset=\"predictions\"")).contains("<rect class=\"s-not-run\"");
        assertThat(html)
                .contains("<td><span class=\"state s-not-run\">NOT PRODUCED</span></td><td><code>predict</code>")
                .doesNotContain(">NOT_PRODUCED<");
    }

    @Test
    void render_interruptedRun_showsTheRunAndTheCutSavesAsInterrupted() {
        String html = RunReport.render(Samples.irisFailed()
                .replace("\"FAILED\"", "\"INTERRUPTED\"")
                .replace("\"PENDING\"", "\"NOT_PRODUCED\""));

        assertThat(html)
                .contains("class=\"badge s-interrupted\">INTERRUPTED</span>")
                .contains("<td><span class=\"state s-interrupted\">INTERRUPTED</span></td><td><code>split_data</code>");
        assertThat(vertex(html, "data-node=\"train_model\"")).contains("<rect class=\"s-interrupted\"");
    }

    @Test
    void render_memoryOutput_isListedAsMemory() {
        String html = RunReport.render(Samples.irisTee());

        assertThat(vertex(html, "data-dataset=\"accuracy\"")).contains("<rect class=\"s-memory\"");
        assertThat(html).contains("<span class=\"state s-memory\">MEMORY</span>");
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
