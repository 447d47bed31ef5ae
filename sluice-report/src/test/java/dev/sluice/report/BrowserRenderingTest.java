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
        assertThat(count(result.stdout(), "<g class=\"vertex node\"")).isEqualTo(2);
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

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
