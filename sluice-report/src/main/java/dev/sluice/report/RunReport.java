package dev.sluice.report;

import static dev.sluice.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ConfigurationException;
import dev.sluice.pipeline.Suggestions;
import dev.sluice.report.DagDrawing.Look;
import dev.sluice.report.Manifest.DatasetRun;
import dev.sluice.report.Manifest.Load;
import dev.sluice.report.Manifest.NodeRun;
import dev.sluice.report.Manifest.PipelineNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A self-contained HTML report of one run, rendered from its run manifest
 * ({@code .sluice/runs/<run-id>/manifest.json}): the pipeline as a layered DAG coloured by node and
 * dataset state, a timeline with one lane per node showing its loads, its compute and the saves of
 * its outputs (background saves included), and three totals:
 *
 * <ul>
 *   <li><b>wall time</b>, from the run's start to its finish;
 *   <li><b>I/O off the critical path</b>: the I/O a sync run would have had on its path, minus the
 *       I/O this run waited for. A sync run saves each persisted output and loads it back once for
 *       each node that reads it; the measured save time of each dataset stands in for one load. What
 *       the run waited for is the wall time during which a save or a load of an intermediate
 *       dataset was in progress while no node was computing and no free input was loading;
 *   <li><b>ratio to the physical limit</b>: wall time over the shortest run the DAG allows when
 *       saves are unlimited and intermediate loads free, i.e. the longest chain of node compute
 *       times (a node starts after its parents and after its free inputs load) plus the longest
 *       save of an output of that chain's last node.
 * </ul>
 *
 * <p>The page loads nothing: styles, the SVG drawings and a few lines of script for tooltips are
 * inline, so it can be mailed, archived or opened offline. All methods are thread-safe.
 */
public final class RunReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Where a project keeps its runs, relative to the project directory. */
    static final String RUNS = ".sluice/runs";

    static final String MANIFEST = "manifest.json";
    private static final String LAST = "last";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {}

    /**
     * The report of the run described by {@code manifestJson}, as one HTML document.
     *
     * @throws ConfigurationException when the text is not a format-1 run manifest
     */
    public static String render(String manifestJson) {
        return render(Manifest.parse(manifestJson, "The run manifest"), "manifest.json");
    }

    /**
     * Renders the manifest at {@code manifest} and writes the report to {@code output}, creating its
     * directory if needed; meant for {@code sluice run --report FILE} after the manifest is final.
     *
     * @throws ConfigurationException when the manifest is missing or invalid, or the output can't
     *     be written; the message names the file
     */
    public static void write(Path manifest, Path output) {
        String json;
        try {
            json = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(
                    "Run manifest '" + manifest + "' does not exist; run the pipeline first, or check the run id.", e);
        } catch (IOException e) {
            throw new ConfigurationException("Can't read run manifest '" + manifest + "': " + e.getMessage(), e);
        }
        String html = render(Manifest.parse(json, "Run manifest '" + manifest + "'"), manifest.toString());
        writeFile(output, html);
    }

    /**
     * The manifest of run {@code runId} in the project at {@code projectDir}
     * ({@code <project>/.sluice/runs/<run-id>/manifest.json}), or of the run that started last when
     * {@code runId} is {@code last}. A prefix of a run id that only one run starts with names that run.
     *
     * @throws ConfigurationException when the project has no such run, naming the runs it has
     */
    public static Path findManifest(Path projectDir, String runId) {
        Path runs = projectDir.resolve(RUNS);
        List<Path> manifests = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            try (Stream<Path> dirs = Files.list(runs)) {
                dirs.map(d -> d.resolve(MANIFEST)).filter(Files::isRegularFile).forEach(manifests::add);
            } catch (IOException e) {
                throw new ConfigurationException("Can't list the runs in '" + runs + "': " + e.getMessage(), e);
            }
        }
        if (manifests.isEmpty()) {
            throw new ConfigurationException("No run of the project in '"
                    + projectDir.toAbsolutePath().normalize()
                    + "' has a manifest under " + RUNS + "/; run the pipeline first ('sluice run'), or pass the "
                    + "project's directory with --project DIR.");
        }
        if (LAST.equals(runId)) {
            return manifests.stream()
                    .max(Comparator.comparingLong(RunReport::startedMs))
                    .orElseThrow();
        }
        List<String> ids = manifests.stream()
                .map(m -> m.getParent().getFileName().toString())
                .sorted()
                .toList();
        if (ids.contains(runId)) {
            return runs.resolve(runId).resolve(MANIFEST);
        }
        // Like git's abbreviated hashes: a prefix that names exactly one run is enough.
        List<String> prefixed = ids.stream()
                .filter(id -> !runId.isEmpty() && id.startsWith(runId))
                .toList();
        if (prefixed.size() == 1) {
            return runs.resolve(prefixed.get(0)).resolve(MANIFEST);
        }
        String hint = prefixed.size() > 1
                ? " It starts " + prefixed.size() + " run ids; give more characters."
                : Suggestions.closest(runId, ids)
                        .map(s -> " Did you mean '" + s + "'?")
                        .orElse("");
        throw new ConfigurationException("The project has no run '" + runId + "' under " + runs + "." + hint
                + " Pass 'last' for the newest run; the runs are "
                + (ids.size() <= 10 ? ids : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more") + ".");
    }

    /** When the run started; the file's modification time if the manifest can't be read, so it still sorts. */
    private static long startedMs(Path manifest) {
        try {
            JsonNode started = JSON.readTree(manifest.toFile()).get("started_ms");
            if (started != null && started.canConvertToLong()) {
                return started.asLong();
            }
            return Files.getLastModifiedTime(manifest).toMillis();
        } catch (IOException e) {
            try {
                return Files.getLastModifiedTime(manifest).toMillis();
            } catch (IOException again) {
                return Long.MIN_VALUE;
            }
        }
    }

    static void writeFile(Path output, String html) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Can't write the report to '" + output + "' (" + e + "); choose another file with --output FILE.",
                    e);
        }
    }

    static String render(Manifest m, String source) {
        RunTotals totals = RunTotals.of(m);
        String status = m.status();
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>Sluice run <code>")
                .append(escape(m.runId()))
                .append("</code> <span class=\"badge ")
                .append(stateClass(status))
                .append("\">")
                .append(escape(status))
                .append("</span></h1>\n<p class=\"meta\"><span>started ")
                .append(TIME.format(Instant.ofEpochMilli(m.startedMs())))
                .append("</span>");
        if (!m.project().isEmpty()) {
            body.append("<span>project <code>").append(escape(m.project())).append("</code></span>");
        }
        if (!m.command().isEmpty()) {
            body.append("<span><code>").append(escape(m.command())).append("</code></span>");
        }
        body.append("</p>\n");
        if (!m.options().isEmpty()) {
            body.append("<ul class=\"options\">");
            m.options().forEach((k, v) -> body.append("<li>")
                    .append(escape(k))
                    .append(" <b>")
                    .append(escape(v))
                    .append("</b></li>"));
            body.append("</ul>\n");
        }
        body.append("</header>\n");
        cards(body, m, totals);
        errors(body, m);

        String dag = DagDrawing.svg(m.pipeline(), new StateDecorator(m));
        body.append("<div class=\"views\">\n<section class=\"panel dag-panel\" id=\"dag\">\n<h2>Pipeline</h2>\n");
        body.append("""
                <ul class="legend">
                <li class="group">Nodes</li>
                <li><span class="sw s-completed"></span>completed</li>
                <li><span class="sw s-running"></span>running</li>
                <li><span class="sw s-failed"></span>failed</li>
                <li><span class="sw s-pending"></span>pending</li>
                <li><span class="sw s-not-run"></span>not run</li>
                </ul>
                <ul class="legend">
                <li class="group">Datasets</li>
                <li><span class="sw pill s-committed"></span>committed</li>
                <li><span class="sw pill s-writing"></span>writing</li>
                <li><span class="sw pill s-pending"></span>pending</li>
                <li><span class="sw pill s-failed"></span>failed</li>
                <li><span class="sw pill s-memory"></span>memory</li>
                <li><span class="sw pill s-input"></span>free input</li>
                </ul>
                """);
        body.append("<div class=\"scroll\">").append(dag).append("</div>\n</section>\n");
        body.append("<div class=\"side\">\n<section class=\"panel\" id=\"timeline\">\n<h2>Timeline</h2>\n");
        body.append("""
                <ul class="legend">
                <li><span class="sw seg load"></span>load</li>
                <li><span class="sw seg compute"></span>compute</li>
                <li><span class="sw seg save"></span>save, node waited</li>
                <li><span class="sw seg background"></span>save in the background</li>
                <li><span class="sw tail"></span>only waiting for saves</li>
                </ul>
                """);
        body.append(Timeline.svg(m)).append("</section>\n");
        datasets(body, m);
        definitions(body);
        body.append("</div>\n</div>\n");
        body.append("<footer>Rendered by Sluice from ")
                .append(escape(source))
                .append(" (manifest format ")
                .append(Manifest.FORMAT)
                .append("). The page is self-contained and loads nothing from the network.</footer>\n");
        return Html.page("Sluice run " + m.runId() + " (" + status + ")", body.toString());
    }

    private static void cards(StringBuilder body, Manifest m, RunTotals t) {
        String soFar = m.finishedMs() == null ? "so far: " : "";
        body.append("<section class=\"cards\">\n");
        card(
                body,
                "Wall time",
                Html.seconds(t.wallMs()),
                m.finishedMs() == null ? "still running: up to the latest recorded time" : "from start to finish");
        card(
                body,
                "I/O off the critical path",
                Html.seconds(t.offPathMs()),
                soFar + "a sync run would have " + Html.seconds(t.syncIoMs()) + " of I/O on its path; this run waited "
                        + Html.seconds(t.waitedMs()));
        double ratio = t.ratio();
        card(
                body,
                "Ratio to the physical limit",
                Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio),
                soFar + "limit " + Html.seconds(t.limitMs()) + ": the longest compute chain plus its last save");
        long completed = m.nodes().values().stream()
                .filter(n -> "COMPLETED".equals(n.state()))
                .count();
        long persisted =
                m.datasets().values().stream().filter(DatasetRun::persistent).count();
        long committed = m.datasets().values().stream()
                .filter(d -> d.persistent() && "COMMITTED".equals(d.state()))
                .count();
        card(
                body,
                "Nodes completed",
                completed + " / " + m.pipeline().size(),
                committed + " of " + persisted + " persisted datasets committed");
        body.append("</section>\n");
    }

    private static void card(StringBuilder body, String label, String value, String note) {
        body.append("<div class=\"card\"><div class=\"label\">")
                .append(escape(label))
                .append("</div><div class=\"value\">")
                .append(escape(value))
                .append("</div><div class=\"note\">")
                .append(escape(note))
                .append("</div></div>\n");
    }

    private static void errors(StringBuilder body, Manifest m) {
        List<String> items = new ArrayList<>();
        if (m.error() != null) {
            items.add("<li>Run<pre>" + escape(m.error()) + "</pre></li>");
        }
        m.nodes().forEach((name, n) -> {
            // The run's error usually repeats the first node's; say it once.
            if (n.error() != null && !n.error().equals(m.error())) {
                items.add("<li>Node <code>" + escape(name) + "</code><pre>" + escape(n.error()) + "</pre></li>");
            }
        });
        m.datasets().forEach((name, d) -> {
            if (d.error() != null && !d.error().equals(m.error())) {
                items.add("<li>Dataset <code>" + escape(name) + "</code><pre>" + escape(d.error()) + "</pre></li>");
            }
        });
        if (!items.isEmpty()) {
            body.append("<section class=\"errors\"><h2>Errors</h2><ul>")
                    .append(String.join("\n", items))
                    .append("</ul></section>\n");
        }
    }

    private static void datasets(StringBuilder body, Manifest m) {
        if (m.datasets().isEmpty()) {
            return;
        }
        // Columns no dataset fills (sizes, versions) are left out rather than shown empty.
        boolean sizes = m.datasets().values().stream().anyMatch(d -> d.bytes() != null);
        boolean versions = m.datasets().values().stream().anyMatch(d -> d.version() != null);
        body.append("<section class=\"panel\" id=\"datasets\">\n<h2>Datasets written</h2>\n<table>\n")
                .append("<tr><th>Dataset</th><th>State</th><th>Produced by</th><th class=\"num\">Save</th>")
                .append(sizes ? "<th class=\"num\">Size</th>" : "")
                .append(versions ? "<th>Version</th>" : "")
                .append("</tr>\n");
        m.datasets().forEach((name, d) -> {
            String save = !d.persistent() || d.save() == null || d.save().endMs() == null
                    ? ""
                    : Html.seconds(d.save().endMs() - d.save().startMs());
            String state = d.persistent() ? d.state() : "MEMORY";
            body.append("<tr><td><code>")
                    .append(escape(name))
                    .append("</code></td><td><span class=\"state ")
                    .append(stateClass(state))
                    .append("\">")
                    .append(escape(state))
                    .append("</span></td><td><code>")
                    .append(escape(d.producer() == null ? "" : d.producer()))
                    .append("</code></td><td class=\"num\">")
                    .append(save)
                    .append("</td>");
            if (sizes) {
                body.append("<td class=\"num\">")
                        .append(d.bytes() == null ? "" : Html.bytes(d.bytes()))
                        .append("</td>");
            }
            if (versions) {
                body.append("<td><code>")
                        .append(escape(d.version() == null ? "" : d.version()))
                        .append("</code></td>");
            }
            body.append("</tr>\n");
        });
        body.append("</table>\n</section>\n");
    }

    private static void definitions(StringBuilder body) {
        body.append("""
                <details class="panel" id="definitions">
                <summary>How the totals are computed</summary>
                <dl>
                <dt>Wall time</dt>
                <dd>From the run's start to its finish, when every node has finished and every save has committed or failed.</dd>
                <dt>I/O off the critical path</dt>
                <dd>The I/O a sync run would have had on its path, minus the I/O this run waited for.
                A sync run saves each persisted output and then loads it back once for each node that reads it;
                the measured save time of each dataset stands in for one load.
                What this run waited for is the wall time during which a save or a load of an intermediate dataset
                was in progress while no node was computing and no free input was loading.</dd>
                <dt>Ratio to the physical limit</dt>
                <dd>Wall time divided by the shortest run the DAG allows if saves were unlimited in parallel and loads of
                intermediates cost nothing: the longest chain of node compute times (a node starts after its parents and
                after its free inputs have loaded) plus the longest save of an output of that chain's last node.
                1.00× means the run could not have been faster without faster compute or storage.</dd>
                <dt>Timeline</dt>
                <dd>One lane per node; time since the run started. The upper track shows loads and compute; each thin track
                below is a save of one of the node's outputs. A hatched save was still running when the node finished:
                it ran in the background while later nodes went on.</dd>
                </dl>
                </details>
                """);
    }

    static String stateClass(String state) {
        return "s-" + state.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Colours and captions from the manifest's node and dataset states. */
    private record StateDecorator(Manifest m) implements DagDrawing.Decorator {
        @Override
        public Look node(PipelineNode node) {
            NodeRun run = m.nodes().get(node.name());
            String state = run != null ? run.state() : "RUNNING".equals(m.status()) ? "PENDING" : "NOT_RUN";
            String caption;
            if (run != null && run.compute() != null && run.compute().endMs() != null) {
                caption = Html.seconds(run.compute().endMs() - run.compute().startMs());
            } else {
                caption = state.toLowerCase(Locale.ROOT).replace('_', ' ');
            }
            if (!node.tags().isEmpty()) {
                caption += " · " + String.join(", ", node.tags());
            }
            StringBuilder tip = new StringBuilder(node.name()).append(" — ").append(state);
            if (node.namespace() != null) {
                tip.append("\nnamespace: ").append(node.namespace());
            }
            if (!node.tags().isEmpty()) {
                tip.append("\ntags: ").append(String.join(", ", node.tags()));
            }
            tip.append("\ninputs: ").append(String.join(", ", node.inputs()));
            tip.append("\noutputs: ").append(String.join(", ", node.outputs()));
            if (run != null) {
                long loads = 0;
                for (Load load : run.loads()) {
                    loads += load.span().endOr(m.endMs()) - load.span().startMs();
                }
                if (!run.loads().isEmpty()) {
                    tip.append("\nloads: ").append(Html.seconds(loads));
                }
                if (run.compute() != null) {
                    tip.append("\ncompute: ")
                            .append(Html.seconds(run.compute().endOr(m.endMs())
                                    - run.compute().startMs()));
                }
                if (run.error() != null) {
                    tip.append("\nerror: ").append(run.error());
                }
            }
            return new Look(stateClass(state), caption, tip.toString());
        }

        @Override
        public Look dataset(String name, Set<String> asWritten, PipelineNode producer) {
            DatasetRun run = m.datasets().get(name);
            for (String written : asWritten) {
                if (run == null) {
                    run = m.datasets().get(written);
                }
            }
            StringBuilder tip = new StringBuilder(name);
            if (asWritten.size() > 1 || !asWritten.contains(name)) {
                tip.append(" (as ").append(String.join(", ", asWritten)).append(')');
            }
            if (producer == null) {
                tip.append("\nfree input, loaded from the catalog");
                return new Look("s-input", "", tip.toString());
            }
            tip.append("\nproduced by ").append(producer.name());
            if (run == null || !run.persistent()) {
                NodeRun producerRun = m.nodes().get(producer.name());
                boolean produced = producerRun != null && "COMPLETED".equals(producerRun.state());
                tip.append(produced || run != null ? "\nin memory only" : "\nnot produced");
                return new Look(produced || run != null ? "s-memory" : "s-not-run", "", tip.toString());
            }
            tip.append("\n").append(run.state());
            if (run.save() != null && run.save().endMs() != null) {
                tip.append(", saved in ")
                        .append(Html.seconds(run.save().endMs() - run.save().startMs()));
            }
            if (run.bytes() != null) {
                tip.append(", ").append(Html.bytes(run.bytes()));
            }
            if (run.version() != null) {
                tip.append("\nversion ").append(run.version());
            }
            if (run.error() != null) {
                tip.append("\nerror: ").append(run.error());
            }
            return new Look(stateClass(run.state()), "", tip.toString());
        }
    }
}
