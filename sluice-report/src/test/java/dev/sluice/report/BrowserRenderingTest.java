package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the pages in a real headless browser, Debian's {@code chromium}: they must render without
 * a script error or any console message, and a screenshot must show the DAG and the timeline. The
 * browser resolves no host names, so a page that tried to fetch anything would fail here. Skipped
 * where {@code /usr/bin/chromium} is not installed; the pages and screenshots are left in
 * {@code target/browser-test/} for a look.
 */
class BrowserRenderingTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("target", "browser-test");
    private static final int COMPLETED_FILL = 0xdef2e5;
    private static final int COMPUTE = 0x3b78dc;
    private static final int BACKGROUND_SAVE_STRIPE = 0xeb9a55;

    @TempDir
    Path profile;

    // Checked per test rather than once per class, so that each test is reported as skipped, with the reason.
    @BeforeEach
    void chromiumIsInstalled() throws IOException {
        // CI installs Chromium and sets SLUICE_BROWSER_TESTS=required, so there a missing browser fails.
        if ("required".equals(System.getenv("SLUICE_BROWSER_TESTS"))) {
            assertThat(CHROMIUM)
                    .as("SLUICE_BROWSER_TESTS=required but Chromium is missing")
                    .isExecutable();
        }
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium); "
                        + "the pages are not checked in a browser.");
        Files.createDirectories(OUT);
    }

    @Test
    void runReport_inChromium_rendersWithoutErrors() throws Exception {
        Path page = write("report-iris-tee.html", RunReport.render(Samples.irisTee()));

        Browser result = chromium("--dump-dom", page);

        assertThat(result.stdout()).contains("data-rendered=\"true\"");
        assertThat(count(result.stdout(), "<g class=\"vertex node\"")).isEqualTo(4);
        assertThat(count(result.stdout(), "<g class=\"vertex dataset\"")).isEqualTo(8);
        assertThat(count(result.stdout(), "<g class=\"lane\"")).isEqualTo(4);
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void runReport_screenshot_showsTheDagAndTheTimeline() throws Exception {
        Path page = write("report-iris-tee.html", RunReport.render(Samples.irisTee()));
        Path png = OUT.resolve("report-iris-tee.png").toAbsolutePath();
        Files.deleteIfExists(png);

        Browser result = chromium("--screenshot=" + png, page);

        assertThat(consoleLines(result)).isEmpty();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        // Completed node boxes fill the DAG; compute bars and hatched saves fill the timeline.
        assertThat(pixels(image, COMPLETED_FILL)).as("DAG node fill").isGreaterThan(5000);
        assertThat(pixels(image, COMPUTE)).as("timeline compute bars").isGreaterThan(400);
        assertThat(pixels(image, BACKGROUND_SAVE_STRIPE))
                .as("hatched background saves")
                .isGreaterThan(400);
    }

    @Test
    void runReport_largeFailedAndRunningRuns_renderWithoutErrors() throws Exception {
        for (String manifest : List.of(Samples.large(50, 1), Samples.irisFailed(), Samples.irisRunning())) {
            Path page = write("report.html", RunReport.render(manifest));

            Browser result = chromium("--dump-dom", page);

            assertThat(result.stdout()).contains("data-rendered=\"true\"");
            assertThat(consoleLines(result)).isEmpty();
        }
    }

    @Test
    void pipelineView_inChromium_rendersWithoutErrors() throws Exception {
        Path page = write("viz.html", PipelineView.render(twoNodes(), "__default__"));

        Browser result = chromium("--dump-dom", page);

        assertThat(result.stdout()).contains("data-rendered=\"true\"");
        assertThat(count(live(result.stdout()), "<g class=\"vertex node\"")).isEqualTo(2);
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void runReport_pointerOverANode_showsItsTooltipAndHighlightsItsLane() throws Exception {
        // A probe after the page's own script hovers a DAG node and records what the page did.
        String probe = """
                <script>
                var node = document.querySelector('.dag .vertex.node[data-node="train_model"]');
                var box = node.getBoundingClientRect();
                var at = {bubbles: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2};
                node.dispatchEvent(new MouseEvent('mouseover', at));
                node.dispatchEvent(new MouseEvent('mousemove', at));
                var lane = document.querySelector('.timeline .lane[data-node="train_model"]');
                var tip = document.querySelector('.tip');
                document.body.setAttribute('data-probe',
                    [lane.classList.contains('hl'), tip.style.display, tip.textContent.split('\\n')[0]].join('|'));
                </script>
                </body>""";
        Path page = write("probe.html", RunReport.render(Samples.irisTee()).replace("</body>", probe));

        Browser result = chromium("--dump-dom", page);

        assertThat(result.stdout()).contains("data-probe=\"true|block|train_model — COMPLETED\"");
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void pipelineView_clickOnATag_dimsTheNodesWithoutIt() throws Exception {
        String probe = """
                <script>
                document.querySelector('[data-tag-filter="daily"]').click();
                document.body.setAttribute('data-probe',
                    document.querySelectorAll('.dag .vertex.node.dim').length + '|'
                    + document.querySelector('.dag .vertex.node.dim').getAttribute('data-node'));
                </script>
                </body>""";
        Path page = write(
                "probe.html", PipelineView.render(twoNodes(), "__default__").replace("</body>", probe));

        Browser result = chromium("--dump-dom", page);

        assertThat(result.stdout()).contains("data-probe=\"1|join\"");
        assertThat(consoleLines(result)).isEmpty();
    }

    /** A probe that reports on every text in the live drawing: overlapping pairs, texts outside their vertex, and labels. */
    private static final String LABEL_PROBE = """
            <script>
            function measure() {
              var texts = Array.from(document.querySelectorAll('.dag-stage svg .vertex text, .dag-stage svg .group-head text'));
              var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
              var overlaps = [];
              for (var i = 0; i < boxes.length; i++) {
                for (var j = i + 1; j < boxes.length; j++) {
                  var a = boxes[i], b = boxes[j];
                  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                    overlaps.push(texts[i].textContent + '/' + texts[j].textContent);
                  }
                }
              }
              var outside = [];
              document.querySelectorAll('.dag-stage svg .vertex').forEach(function (v) {
                var frame = v.querySelector('rect:not(.stripe):not(.stack)').getBoundingClientRect();
                v.querySelectorAll('text').forEach(function (t) {
                  var r = t.getBoundingClientRect();
                  if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) {
                    outside.push(t.textContent);
                  }
                });
              });
              var svg = document.querySelector('.dag-stage svg').getBoundingClientRect();
              return overlaps.length + ' overlaps ' + overlaps.slice(0, 3).join(',') + '; ' + outside.length + ' outside '
                  + outside.slice(0, 3).join(',') + '; ' + document.querySelectorAll('.dag-stage .vertex').length + ' vertices; width '
                  + Math.round(svg.width);
            }
            var results = [measure()];
            document.querySelector('[data-dag-action="collapse"]').click();
            results.push(measure());
            document.querySelector('[data-dag-action="expand"]').click();
            results.push(measure());
            document.body.setAttribute('data-probe', results.join(' | '));
            </script>
            </body>""";

    @Test
    void pipelineView_spaceflights_labelsNeitherOverlapNorLeaveTheirBoxes() throws Exception {
        Path page = write(
                "probe.html",
                PipelineView.render(Spaceflights.pipeline(), "__default__").replace("</body>", LABEL_PROBE));

        Browser result = chromium("--dump-dom", page);

        String probe = attribute(result.stdout(), "data-probe");
        String[] states = probe.split(" \\| ");
        assertThat(states).hasSize(3);
        for (String state : states) {
            assertThat(state).as(probe).startsWith("0 overlaps ").contains("; 0 outside ");
        }
        // Both namespaces open by default (3 nodes each): 27 vertices; closed: 9 outside them and 2 groups.
        assertThat(states[0]).contains("; 27 vertices; ");
        assertThat(states[1]).contains("; 11 vertices; ");
        int width = Integer.parseInt(states[0].substring(states[0].lastIndexOf(' ') + 1));
        assertThat(width)
                .as("the two namespaces side by side, not a 2,047 px row")
                .isBetween(400, 900);
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void pipelineView_clickOnANamespace_closesItAndASecondClickReopensIt() throws Exception {
        String probe = """
                <script>
                function state() {
                  return [
                    document.querySelectorAll('.dag-stage .vertex.group.closed').length,
                    document.querySelectorAll('.dag-stage .vertex.node[data-node^="active_modelling_pipeline."]').length,
                    document.querySelector('.dag-view').getAttribute('data-state')].join(',');
                }
                var steps = [state()];
                var head = document.querySelector('.dag-stage .group[data-group="active_modelling_pipeline"] .group-head');
                head.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                steps.push(state());
                var box = document.querySelector('.dag-stage .vertex.group.closed[data-group="active_modelling_pipeline"]');
                box.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                steps.push(state());
                document.body.setAttribute('data-probe', steps.join(' '));
                </script>
                </body>""";
        Path page = write(
                "probe.html",
                PipelineView.render(Spaceflights.pipeline(), "__default__").replace("</body>", probe));

        Browser result = chromium("--dump-dom", page);

        assertThat(attribute(result.stdout(), "data-probe"))
                .isEqualTo("0,3,active_modelling_pipeline|candidate_modelling_pipeline"
                        + " 1,0,candidate_modelling_pipeline"
                        + " 0,3,active_modelling_pipeline|candidate_modelling_pipeline");
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void pipelineView_longNameCutInItsLabel_showsInFullOnHoverAndInTheDetailsPanel() throws Exception {
        String longName = "load_every_shuttle_review_ever_written_and_score_its_sentiment";
        Pipeline pipeline = Pipeline.of(
                Node.named(longName).inputs("reviews").outputs("scores").fn((Object r) -> r));
        String probe = """
                <script>
                var node = document.querySelector('.dag-stage .vertex.node');
                var box = node.getBoundingClientRect();
                var at = {bubbles: true, clientX: box.left + 5, clientY: box.top + 5};
                node.dispatchEvent(new MouseEvent('mousemove', at));
                node.dispatchEvent(new MouseEvent('click', at));
                document.body.setAttribute('data-probe', [
                  node.querySelector('text').textContent,
                  document.querySelector('.tip').textContent.split('\\n')[0],
                  document.querySelector('.details .full-name').textContent].join('|'));
                </script>
                </body>""";
        Path page = write("probe.html", PipelineView.render(pipeline, "long").replace("</body>", probe));

        Browser result = chromium("--dump-dom", page);

        String[] shown = attribute(result.stdout(), "data-probe").split("\\|");
        assertThat(shown[0])
                .hasSize(DagDrawing.MAX_LABEL)
                .startsWith("load_every")
                .endsWith("its_sentiment")
                .contains("…");
        assertThat(shown[1]).isEqualTo(longName);
        assertThat(shown[2]).isEqualTo(longName);
        assertThat(consoleLines(result)).isEmpty();
    }

    @Test
    void runReport_spaceflightsRun_rendersItsNamespacesAndTimelineWithoutErrors(@TempDir Path project)
            throws Exception {
        Path page = write("report-spaceflights.html", RunReport.render(Spaceflights.run(project, 20)));
        Path png = OUT.resolve("report-spaceflights.png").toAbsolutePath();
        Files.deleteIfExists(png);

        Browser dom = chromium("--dump-dom", page);
        Browser shot = chromium("--screenshot=" + png, page);

        assertThat(dom.stdout()).contains("data-rendered=\"true\"");
        assertThat(count(live(dom.stdout()), "<g class=\"group open\"")).isEqualTo(2);
        assertThat(count(dom.stdout(), "<g class=\"lane\"")).isEqualTo(9);
        assertThat(consoleLines(dom)).isEmpty();
        assertThat(consoleLines(shot)).isEmpty();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(pixels(image, COMPLETED_FILL))
                .as("completed nodes and datasets")
                .isGreaterThan(5000);
    }

    @Test
    void chromium_pageWithAScriptError_isCaught() throws Exception {
        // Proves the check above can fail: the same browser run reports an error it meets.
        Path page = write("broken.html", "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");

        Browser result = chromium("--dump-dom", page);

        assertThat(consoleLines(result)).anyMatch(line -> line.contains("Uncaught ReferenceError"));
    }

    private static Pipeline twoNodes() {
        return Pipeline.of(
                Node.named("split")
                        .namespace("prep")
                        .inputs("raw")
                        .outputs("a", "b")
                        .tags("daily")
                        .fn((Object raw) -> List.of(raw, raw)),
                Node.named("join").inputs("a", "b").outputs("c").fn((Object a, Object b) -> a));
    }

    private record Browser(String stdout, String stderr) {}

    private Browser chromium(String action, Path page) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--force-color-profile=srgb",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1000",
                action,
                page.toAbsolutePath().toUri().toString()));
        Path stdout = OUT.resolve("chromium.out");
        Path stderr = OUT.resolve("chromium.err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // A guard against a hung browser, not a performance assertion.
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + command);
        }
        return new Browser(
                Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** What pages logged: console messages, uncaught errors and failed loads all appear as CONSOLE lines. */
    private static List<String> consoleLines(Browser result) {
        return result.stderr().lines().filter(line -> line.contains(":CONSOLE")).toList();
    }

    private static Path write(String name, String html) throws IOException {
        return Files.writeString(OUT.resolve(name), html, StandardCharsets.UTF_8);
    }

    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (close(p >> 16, rgb >> 16) && close(p >> 8, rgb >> 8) && close(p, rgb)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 2;
    }

    /** The value of the first {@code name="..."} attribute in {@code dom}, unescaped as the probes need. */
    private static String attribute(String dom, String name) {
        int start = dom.indexOf(name + "=\"");
        assertThat(start).as("the page set %s", name).isGreaterThanOrEqualTo(0);
        start += name.length() + 2;
        return dom.substring(start, dom.indexOf('"', start)).replace("&amp;", "&");
    }

    /** The page up to its first template: what it shows, without the drawings it keeps for later. */
    private static String live(String dom) {
        int template = dom.indexOf("<template");
        return template < 0 ? dom : dom.substring(0, template);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
