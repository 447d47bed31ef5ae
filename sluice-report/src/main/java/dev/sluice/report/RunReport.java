package dev.sluice.report;

import static dev.sluice.report.Html.escape;

import dev.sluice.ConfigurationException;
import dev.sluice.StackTraces;
import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.report.DagDrawing.Look;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import dev.sluice.storage.ByteSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A self-contained HTML report of one run, rendered from its run manifest
 * ({@code .sluice/runs/<run-id>/manifest.json}): the pipeline as a layered DAG coloured by node and
 * dataset state, its namespaces drawn as groups that open and close, a timeline with one lane per node showing its loads, its compute and the saves of
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
 * inline (the drawings of every open and closed state of the namespaces are laid out when the report is
 * rendered), so it can be mailed, archived or opened offline. All methods are thread-safe.
 */
public final class RunReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** How a manifest given as text is named, in errors and in the footer. */
    private static final String MANIFEST = "manifest.json";

    private RunReport() {}

    /**
     * The report of the run described by {@code manifestJson}, as one HTML document.
     *
     * @throws ConfigurationException when the text is not a run manifest Sluice can read
     */
    public static String render(String manifestJson) {
        return render(RunManifest.parse(manifestJson, MANIFEST), MANIFEST);
    }

    /**
     * Renders the manifest at {@code manifest} (usually found with {@link
     * dev.sluice.manifest.RunHistory}) and writes the report to {@code output}, creating its directory if
     * needed; meant for {@code sluice report} and for {@code sluice run --report FILE} after the manifest is
     * final.
     *
     * @throws ConfigurationException when the manifest is missing or unreadable, or the output can't be
     *     written; the message names the file
     */
    public static void write(Path manifest, Path output) {
        RunManifest m = RunManifest.read(manifest);
        writeFile(output, render(m, shownSource(manifest, m)));
    }

    /**
     * How the footer names the manifest: relative to the project's directory when it lies inside it, as
     * {@code .sluice/runs/<run-id>/manifest.json}, else by its file name, so that no machine's directory
     * layout shows in a report.
     */
    private static String shownSource(Path manifest, RunManifest m) {
        Path file = manifest.toAbsolutePath().normalize();
        Path project = projectDir(m);
        if (project != null && file.startsWith(project) && !file.equals(project)) {
            return project.relativize(file).toString().replace('\\', '/');
        }
        return String.valueOf(file.getFileName());
    }

    /** The project's directory as the manifest records it, or {@code null} if it records none. */
    private static Path projectDir(RunManifest m) {
        if (m.project() == null || m.project().isBlank()) {
            return null;
        }
        try {
            return Path.of(m.project()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
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

    static String render(RunManifest m, String source) {
        RecordedRun run = RecordedRun.of(m);
        RunTotals totals = RunTotals.of(run);
        String status = m.status().name();
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
        if (m.resumedFrom() != null) {
            body.append("<span>resumed from <code>")
                    .append(escape(m.resumedFrom()))
                    .append("</code></span>");
        }
        Path project = projectDir(m);
        if (project != null) {
            // The directory's name, not its path: the page reads the same on every machine.
            String name = project.getFileName() != null ? project.getFileName().toString() : project.toString();
            body.append("<span>project <code>").append(escape(name)).append("</code></span>");
        }
        if (m.command() != null && !m.command().isEmpty()) {
            body.append("<span><code>").append(escape(m.command())).append("</code></span>");
        }
        body.append("</p>\n");
        List<String> options = new ArrayList<>();
        m.options().forEach((k, v) -> {
            String shown = k.endsWith("_bytes") && v instanceof Number n ? ByteSize.format(n.longValue()) : option(v);
            if (!shown.isEmpty()) {
                options.add("<li>" + escape(k) + " <b>" + escape(shown) + "</b></li>");
            }
        });
        if (!options.isEmpty()) {
            body.append("<ul class=\"options\">")
                    .append(String.join("", options))
                    .append("</ul>\n");
        }
        body.append("</header>\n");
        cards(body, run, totals);
        errors(body, m);

        String dag = DagDrawing.figure(m.pipeline(), new StateDecorator(run));
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
        body.append(dag).append("</section>\n");
        body.append("<div class=\"side\">\n<section class=\"panel\" id=\"timeline\">\n<h2>Timeline</h2>\n");
        body.append("<ul class=\"legend\">\n<li><span class=\"sw seg load\"></span>load</li>\n");
        if (Timeline.hasPrefetch(run)) {
            body.append("<li><span class=\"sw seg prefetch\"></span>load ahead of its node (prefetch)</li>\n");
        }
        body.append("""
                <li><span class="sw seg compute"></span>compute</li>
                <li><span class="sw seg save"></span>save, node waited</li>
                <li><span class="sw seg background"></span>save in the background</li>
                <li><span class="sw queue"></span>save queued, not yet writing</li>
                <li><span class="sw tail"></span>only waiting for saves</li>
                </ul>
                """);
        body.append(Timeline.svg(run)).append("</section>\n");
        datasets(body, m);
        definitions(body);
        body.append("</div>\n</div>\n");
        body.append("<footer>Rendered by Sluice from <code>")
                .append(escape(source))
                .append("</code> (manifest format ")
                .append(RunManifest.FORMAT)
                .append("). The page is self-contained and loads nothing from the network.</footer>\n");
        return Html.page("Sluice run " + m.runId() + " (" + status + ")", body.toString());
    }

    private static void cards(StringBuilder body, RecordedRun run, RunTotals t) {
        RunManifest m = run.manifest();
        String soFar = run.isFinished() ? "" : "so far: ";
        body.append("<section class=\"cards\">\n");
        card(
                body,
                "Wall time",
                Html.seconds(t.wallMs()),
                run.isFinished() ? "from start to finish" : "still running, or killed: up to the latest recorded time");
        card(
                body,
                "I/O off the critical path",
                Html.seconds(t.offPathMs()),
                soFar + "a sync run would have " + Html.seconds(t.syncIoMs()) + " of I/O on its path; this run waited "
                        + Html.seconds(t.waitedMs()));
        if (t.queuedSaves() > 0) {
            card(
                    body,
                    "Saves queued",
                    Html.seconds(t.queuedMs()),
                    soFar + t.queuedSaves() + (t.queuedSaves() == 1 ? " save" : " saves")
                            + " waited for a slot of their store or an I/O thread before writing, added up;"
                            + " not counted as I/O");
        }
        double ratio = t.ratio();
        card(
                body,
                "Ratio to the physical limit",
                Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio),
                soFar + "limit " + Html.seconds(t.limitMs()) + ": the longest compute chain plus its last save");
        long completed = m.nodes().values().stream()
                .filter(n -> n.state() == NodeState.COMPLETED)
                .count();
        long persisted =
                m.datasets().values().stream().filter(DatasetRecord::persistent).count();
        long committed = m.datasets().values().stream()
                .filter(DatasetRecord::isCommitted)
                .count();
        card(
                body,
                "Nodes completed",
                completed + " / " + m.pipeline().size(),
                committed + " of " + persisted + " persisted datasets committed");
        storeCard(body, m);
        body.append("</section>\n");
    }

    /** How many saves each store took at once: where the runner's limit ended, and where it went. */
    private static void storeCard(StringBuilder body, RunManifest m) {
        if (m.stores().isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        m.stores().forEach((store, record) -> {
            values.add((m.stores().size() > 1 ? store + " " : "") + record.limit());
            notes.add(store + ": started at " + record.start()
                    + (record.min() == record.max() ? "" : ", ranged " + record.min() + "–" + record.max()));
        });
        Object ceiling = m.options().get("store_concurrency");
        card(
                body,
                "Concurrent saves per store",
                String.join(" · ", values),
                String.join("; ", notes) + (ceiling == null ? "" : "; ceiling " + ceiling));
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

    private static void errors(StringBuilder body, RunManifest m) {
        List<String> items = new ArrayList<>();
        // The run's error usually repeats the first node's: say it once, with that node's stack trace.
        String runTrace = null;
        for (NodeRecord n : m.nodes().values()) {
            if (runTrace == null && n.error() != null && n.error().equals(m.error())) {
                runTrace = n.stackTrace();
            }
        }
        for (DatasetRecord d : m.datasets().values()) {
            if (runTrace == null && d.error() != null && d.error().equals(m.error())) {
                runTrace = d.stackTrace();
            }
        }
        if (m.error() != null) {
            items.add("<li>Run<pre>" + escape(m.error()) + "</pre>" + trace(runTrace) + "</li>");
        }
        m.nodes().forEach((name, n) -> {
            if (n.error() != null && !n.error().equals(m.error())) {
                items.add("<li>Node <code>" + escape(name) + "</code><pre>" + escape(n.error()) + "</pre>"
                        + trace(n.stackTrace()) + "</li>");
            }
        });
        m.datasets().forEach((name, d) -> {
            if (d.error() != null && !d.error().equals(m.error())) {
                items.add("<li>Dataset <code>" + escape(name) + "</code><pre>" + escape(d.error()) + "</pre>"
                        + trace(d.stackTrace()) + "</li>");
            }
        });
        if (!items.isEmpty()) {
            body.append("<section class=\"errors\"><h2>Errors</h2><ul>")
                    .append(String.join("\n", items))
                    .append("</ul></section>\n");
        }
    }

    /**
     * A recorded stack trace, collapsed under its first line; inside it, each run of Sluice's own frames
     * is one line that expands to the frames.
     */
    private static String trace(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "";
        }
        List<StackTraces.Part> parts = StackTraces.fold(stackTrace);
        StringBuilder html = new StringBuilder("<details class=\"trace\"><summary>Stack trace: <code>")
                .append(escape(parts.get(0).text()))
                .append("</code></summary><div class=\"frames\">");
        for (StackTraces.Part part : parts.subList(1, parts.size())) {
            if (part instanceof StackTraces.Fold fold) {
                html.append("<details class=\"fold\"><summary>")
                        .append(escape(fold.text()))
                        .append("</summary>");
                fold.lines()
                        .forEach(line ->
                                html.append("<div>").append(escape(line)).append("</div>"));
                html.append("</details>");
            } else {
                html.append("<div>").append(escape(part.text())).append("</div>");
            }
        }
        return html.append("</div></details>").toString();
    }

    private static void datasets(StringBuilder body, RunManifest m) {
        if (m.datasets().isEmpty()) {
            return;
        }
        // Columns no dataset fills (sizes, versions) are left out rather than shown empty.
        boolean sizes = m.datasets().values().stream().anyMatch(d -> d.bytes() != null);
        boolean versions = m.datasets().values().stream().anyMatch(d -> d.version() != null);
        boolean queues = m.datasets().values().stream().anyMatch(d -> d.queuedMs() != null);
        body.append("<section class=\"panel\" id=\"datasets\">\n<h2>Datasets written</h2>\n<table>\n")
                .append("<tr><th>Dataset</th><th>State</th><th>Produced by</th>")
                .append(
                        queues
                                ? "<th class=\"num\" title=\"From the node handing it on to the save writing\">Queued</th>"
                                : "")
                .append("<th class=\"num\" title=\"From the save starting to write to its commit\">Save</th>")
                .append(sizes ? "<th class=\"num\">Size</th>" : "")
                .append(versions ? "<th>Version</th>" : "")
                .append("</tr>\n");
        m.datasets().forEach((name, d) -> {
            String save = !d.persistent()
                            || !RecordedRun.hasStart(d.save())
                            || d.save().endMs() == null
                    ? ""
                    : Html.seconds(d.save().endMs() - d.save().startMs());
            // A value kept in memory has no save; once its node handed it on, it is simply "memory".
            // One still pending when the run ended (in manifests before NOT_PRODUCED) was never produced.
            boolean neverProduced = d.state() == SaveState.NOT_PRODUCED
                    || d.state() == SaveState.PENDING && m.status().isTerminal();
            String state = !d.persistent() && d.state() == SaveState.COMMITTED
                    ? "MEMORY"
                    : neverProduced ? "NOT PRODUCED" : d.state().name();
            body.append("<tr><td><code>")
                    .append(escape(name))
                    .append("</code></td><td><span class=\"state ")
                    .append(neverProduced ? "s-not-run" : stateClass(state))
                    .append("\">")
                    .append(escape(state))
                    .append("</span></td><td><code>")
                    .append(escape(d.producer() == null ? "" : d.producer()))
                    .append("</code></td>");
            if (queues) {
                Long wait = d.persistent() ? d.queueWaitMs() : null;
                body.append("<td class=\"num\">")
                        .append(wait == null ? "" : Html.seconds(wait))
                        .append("</td>");
            }
            body.append("<td class=\"num\">").append(save).append("</td>");
            if (sizes) {
                body.append("<td class=\"num\">")
                        .append(d.bytes() == null ? "" : ByteSize.format(d.bytes()))
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
                the measured save time of each dataset (from when it started writing to its commit) stands in for
                one load. What this run waited for is the wall time during which a save or a load of an intermediate
                dataset was in progress, or a save was queued, while no node was computing and no free input was
                loading.</dd>
                <dt>Saves queued</dt>
                <dd>A save is queued when its node hands the value on, and starts writing once its store has a free
                slot (see below) and an I/O thread takes it. The time in between is shown apart: as a thin line ahead of
                the save in the timeline, in the <i>Queued</i> column, and added up over saves in this card. A save's own
                time never includes it.</dd>
                <dt>Ratio to the physical limit</dt>
                <dd>Wall time divided by the shortest run the DAG allows if saves were unlimited in parallel and loads of
                intermediates cost nothing: the longest chain of node compute times (a node starts after its parents and
                after its free inputs have loaded) plus the longest save of an output of that chain's last node.
                1.00× means the run could not have been faster without faster compute or storage.</dd>
                <dt>Concurrent saves per store</dt>
                <dd>How many background saves the runner let write to each store (a local file system, an S3 bucket) at
                once when the run ended. Each store starts at 32 (or the ceiling, <code>--store-concurrency</code>, if
                lower), grows while saves commit with latency steady and the limit in use, halves when a save fails,
                and shrinks when latency rises.</dd>
                <dt>Timeline</dt>
                <dd>One lane per node; time since the run started. The upper track shows loads and compute; each thin track
                below is a save of one of the node's outputs. A solid save held up its node (sync, async and cache I/O);
                a hatched save ran in the background while later nodes went on (the tee). A free input loaded before
                its node could start (a prefetch) is drawn outlined, ahead of the node's dashed span.</dd>
                </dl>
                </details>
                """);
    }

    static String stateClass(String state) {
        return "s-" + state.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * An option's value as the header shows it: lists joined by commas, maps as {@code key=value} pairs;
     * empty for {@code null} and for empty lists and maps, which the header leaves out.
     */
    static String option(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .filter(e -> !option(e.getValue()).isEmpty())
                    .map(e -> e.getKey() + "=" + option(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(RunReport::option).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    /** Colours and captions from the manifest's node and dataset states. */
    private record StateDecorator(RecordedRun run) implements DagDrawing.Decorator {
        @Override
        public Look node(PipelineNode node) {
            RunManifest m = run.manifest();
            NodeRecord record = m.nodes().get(node.name());
            String state = run.state(node.name()).name();
            String caption;
            if (record != null
                    && RecordedRun.hasStart(record.compute())
                    && record.compute().endMs() != null) {
                caption =
                        Html.seconds(record.compute().endMs() - record.compute().startMs());
            } else {
                caption = state.toLowerCase(Locale.ROOT).replace('_', ' ');
            }
            if (!node.tags().isEmpty()) {
                caption += " · " + String.join(", ", node.tags());
            }
            StringBuilder tip = DagDrawing.nodeTip(node.name() + " — " + state, node);
            if (record != null) {
                long loads = 0;
                for (Load load : run.loads(record)) {
                    loads += run.end(load) - load.startMs();
                }
                if (!run.loads(record).isEmpty()) {
                    tip.append("\nloads: ").append(Html.seconds(loads));
                }
                if (RecordedRun.hasStart(record.compute())) {
                    tip.append("\ncompute: ")
                            .append(Html.seconds(
                                    run.end(record.compute()) - record.compute().startMs()));
                }
                if (record.error() != null) {
                    tip.append("\nerror: ").append(record.error());
                }
            }
            return new Look(stateClass(state), caption, tip.toString());
        }

        @Override
        public Look group(String namespace, List<PipelineNode> nodes, int datasets) {
            Map<NodeState, Integer> states = new EnumMap<>(NodeState.class);
            for (PipelineNode node : nodes) {
                states.merge(run.state(node.name()), 1, Integer::sum);
            }
            // The group takes the state that most needs a look: a failure, then work going on, then the rest.
            NodeState shown = NodeState.COMPLETED;
            for (NodeState state : List.of(
                    NodeState.FAILED, NodeState.RUNNING, NodeState.INTERRUPTED, NodeState.PENDING, NodeState.NOT_RUN)) {
                if (states.containsKey(state)) {
                    shown = state;
                    break;
                }
            }
            int completed = states.getOrDefault(NodeState.COMPLETED, 0);
            String caption = completed == nodes.size()
                    ? DagDrawing.counts(nodes.size(), datasets)
                    : completed + " of " + nodes.size() + " completed";
            StringBuilder tip = DagDrawing.groupTip(namespace, nodes, datasets);
            tip.append("\nnodes: ");
            List<String> counts = new ArrayList<>();
            states.forEach((state, count) -> counts.add(
                    count + " " + state.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            tip.append(String.join(", ", counts));
            return new Look(stateClass(shown.name()), caption, tip.toString());
        }

        @Override
        public Look dataset(String name, Set<String> asWritten, PipelineNode producer) {
            RunManifest m = run.manifest();
            DatasetRecord record = m.datasets().get(name);
            for (String written : asWritten) {
                if (record == null) {
                    record = m.datasets().get(written);
                }
            }
            StringBuilder tip = DagDrawing.datasetTip(name, asWritten);
            if (producer == null) {
                tip.append("\nfree input, loaded from the catalog");
                return new Look("s-input", "", tip.toString());
            }
            tip.append("\nproduced by ").append(producer.name());
            // A dataset still pending when the run ended was never produced: its node did not get there.
            boolean neverProduced = record != null
                    ? record.state() == SaveState.NOT_PRODUCED
                            || record.state() == SaveState.PENDING && m.status().isTerminal()
                    : run.state(producer.name()) != NodeState.COMPLETED;
            if (record == null || !record.persistent()) {
                boolean produced = record != null
                        ? record.state() == SaveState.COMMITTED
                        : run.state(producer.name()) == NodeState.COMPLETED;
                if (produced) {
                    tip.append("\nin memory only");
                    return new Look("s-memory", "", tip.toString());
                }
                tip.append(neverProduced ? "\nin memory only; not produced" : "\nin memory only; not produced yet");
                return new Look(neverProduced ? "s-not-run" : "s-memory", "", tip.toString());
            }
            if (neverProduced) {
                tip.append("\nnot produced");
                return new Look("s-not-run", "", tip.toString());
            }
            tip.append("\n").append(record.state());
            if (RecordedRun.hasStart(record.save()) && record.save().endMs() != null) {
                tip.append(", written in ")
                        .append(Html.seconds(
                                record.save().endMs() - record.save().startMs()));
            }
            Long queued = record.queueWaitMs();
            if (queued != null && queued > 0) {
                tip.append(" after ").append(Html.seconds(queued)).append(" queued");
            }
            if (record.bytes() != null) {
                tip.append(", ").append(ByteSize.format(record.bytes()));
            }
            if (record.version() != null) {
                tip.append("\nversion ").append(record.version());
            }
            if (record.error() != null) {
                tip.append("\nerror: ").append(record.error());
            }
            return new Look(stateClass(record.state().name()), "", tip.toString());
        }
    }
}
