package dev.sluice.report;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import dev.sluice.storage.ByteSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as a timeline in inline SVG: one lane per node, time since the run started across. A
 * lane's upper track holds the node's loads and its compute; below it, one thin track per
 * overlapping save of the node's outputs. A save that ran in the background while the run went on
 * is hatched; a save the node waited for is solid; the time a save spent queued before it started
 * writing is a thin line ahead of its bar. A free input prefetched before its node could
 * start is drawn where it loaded, outside the node's span.
 */
final class Timeline {
    private static final double PLOT_WIDTH = 640;
    private static final double RIGHT = 20;
    private static final double AXIS = 24;
    private static final double PAD = 5;
    private static final double MAIN = 16;
    private static final double SAVE = 11;
    private static final double SAVE_GAP = 2;
    private static final double CHAR = 7.25;
    private static final double TAIL_LABEL_ROW = 12;
    private static final String HATCH = "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\""
            + " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\""
            + " fill=\"#fde9d6\"/><rect width=\"2\" height=\"6\" fill=\"#eb9a55\"/></pattern></defs>";

    private Timeline() {}

    /**
     * One save drawn on its producer's lane: queued at {@code queued}, writing from {@code start} (the end of
     * the run while it is still queued) to {@code end}.
     */
    private record SaveBar(
            String dataset, DatasetRecord record, long queued, long start, long end, boolean background) {
        boolean writing() {
            return RecordedRun.hasStart(record.save());
        }
    }

    /** One node's lane: what it did and the saves of its outputs, each save on its own track. */
    private record Lane(String node, NodeRecord record, List<SaveBar> saves, List<Integer> track, int tracks) {}

    /** The lanes' node names, top to bottom: by start time, nodes that never started last. */
    static List<String> laneOrder(RecordedRun run) {
        RunManifest manifest = run.manifest();
        List<String> names = new ArrayList<>();
        manifest.pipeline().forEach(n -> names.add(n.name()));
        manifest.nodes().keySet().forEach(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        });
        Map<String, Integer> declared = new LinkedHashMap<>();
        names.forEach(n -> declared.put(n, declared.size()));
        Map<String, Long> starts = new LinkedHashMap<>();
        names.forEach(n -> {
            Long start = run.startMs(n);
            starts.put(n, start == null ? Long.MAX_VALUE : start);
        });
        names.sort(Comparator.<String>comparingLong(starts::get).thenComparing(declared::get));
        return names;
    }

    /** Whether any node loaded a free input before it could start. */
    static boolean hasPrefetch(RecordedRun run) {
        for (Map.Entry<String, NodeRecord> node : run.manifest().nodes().entrySet()) {
            for (Load load : run.loads(node.getValue())) {
                if (run.isPrefetch(node.getKey(), load)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String svg(RecordedRun run) {
        RunManifest manifest = run.manifest();
        long t0 = manifest.startedMs();
        long end = run.endMs();
        long span = Math.max(1, end - t0);
        List<Lane> lanes = lanes(run);
        int longest = 8;
        for (Lane lane : lanes) {
            longest = Math.max(longest, DagDrawing.middle(lane.node(), 34).length());
        }
        double labelWidth = Math.min(280, longest * CHAR + 30);
        double width = labelWidth + PLOT_WIDTH + RIGHT;
        Scale x = new Scale(t0, span, labelWidth);
        Long tailFrom = tailStart(run, span);
        // The tail's label gets a row of its own under the lanes, where no bar can run through it.
        boolean tailLabel = tailFrom != null && x.at(manifest.finishedMs()) - x.at(tailFrom) > 110;
        double height = AXIS;
        for (Lane lane : lanes) {
            height += laneHeight(lane);
        }
        height += 6 + (tailLabel ? TAIL_LABEL_ROW : 0);

        Svg svg = Svg.picture("timeline", "100%", null, width, height, "Timeline: " + lanes.size() + " lanes");
        svg.raw(HATCH).newline();

        // Lane backgrounds first, so that the grid, the tail band and the end line run over them.
        double y = AXIS;
        svg.group("class", "lanes-bg");
        for (int i = 0; i < lanes.size(); i++) {
            double h = laneHeight(lanes.get(i));
            if (i % 2 == 0) {
                svg.rect("class", "stripe-bg", "x", 0, "y", y, "width", width, "height", h, "fill", "#f7f9fb");
            }
            y += h;
        }
        svg.end().newline();
        if (tailFrom != null) {
            tail(svg, tailFrom, manifest.finishedMs(), x, height, tailLabel);
        }
        axis(svg, x, span, height);

        y = AXIS;
        for (Lane lane : lanes) {
            lane(svg, run, lane, x, y, width);
            y += laneHeight(lane);
        }
        if (manifest.finishedMs() != null) {
            double at = x.at(manifest.finishedMs());
            upright(svg, "end", at, AXIS - 4, height - 2);
            svg.newline();
        }
        svg.end().newline();
        return svg.toString();
    }

    private static List<Lane> lanes(RecordedRun run) {
        RunManifest manifest = run.manifest();
        List<Lane> lanes = new ArrayList<>();
        for (String name : laneOrder(run)) {
            List<SaveBar> own = new ArrayList<>();
            for (String dataset : run.saves(name)) {
                DatasetRecord d = manifest.datasets().get(dataset);
                own.add(new SaveBar(
                        dataset,
                        d,
                        RecordedRun.queuedAt(d),
                        run.queueEnd(d),
                        run.saveEnd(d),
                        run.savesRunInBackground()));
            }
            own.sort(Comparator.comparingLong(SaveBar::queued).thenComparing(SaveBar::dataset));
            // Greedy interval partitioning: each save takes the first track that is free by its start.
            List<Long> trackEnds = new ArrayList<>();
            List<Integer> track = new ArrayList<>();
            for (SaveBar save : own) {
                int t = 0;
                while (t < trackEnds.size() && trackEnds.get(t) > save.queued()) {
                    t++;
                }
                if (t == trackEnds.size()) {
                    trackEnds.add(save.end());
                } else {
                    trackEnds.set(t, save.end());
                }
                track.add(t);
            }
            lanes.add(new Lane(name, manifest.nodes().get(name), own, track, trackEnds.size()));
        }
        return lanes;
    }

    private static double laneHeight(Lane lane) {
        return PAD + MAIN + lane.tracks() * (SAVE + SAVE_GAP) + PAD;
    }

    /** Milliseconds to x. */
    private record Scale(long t0, long span, double left) {
        double at(long t) {
            return left + (t - t0) * PLOT_WIDTH / span;
        }
    }

    private static void axis(Svg svg, Scale x, long span, double height) {
        long step = niceStep(span / 8.0);
        int decimals = step >= 1000 ? 0 : (int) Math.ceil(-Math.log10(step / 1000.0) - 1e-9);
        svg.group("class", "axis");
        for (long t = 0; t <= span; t += step) {
            double at = x.at(x.t0() + t);
            upright(svg, "grid", at, AXIS - 4, height);
            svg.text(String.format(Locale.ROOT, "%." + decimals + "f s", t / 1000.0), "x", at, "y", 12);
        }
        svg.end().newline();
    }

    /** A vertical line at {@code x} from {@code y1} down to {@code y2}. */
    private static void upright(Svg svg, String css, double x, double y1, double y2) {
        svg.empty("line", "class", css, "x1", x, "x2", x, "y1", y1, "y2", y2);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw} (and at least 1 ms). */
    static long niceStep(double raw) {
        long magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * The start of the stretch after the last node finished, when the run only waited for its saves;
     * {@code null} when there is none, or it is too short to show.
     */
    private static Long tailStart(RecordedRun run, long span) {
        RunManifest manifest = run.manifest();
        if (manifest.finishedMs() == null) {
            return null;
        }
        long lastNode = manifest.startedMs();
        for (String node : manifest.nodes().keySet()) {
            Long finish = run.finishMs(node);
            if (finish != null) {
                lastNode = Math.max(lastNode, finish);
            }
        }
        long gap = manifest.finishedMs() - lastNode;
        return gap <= 0 || gap * 50 < span ? null : lastNode;
    }

    private static void tail(Svg svg, long start, long end, Scale x, double height, boolean label) {
        double from = x.at(start);
        double to = x.at(end);
        String tip = "Every node had finished; the run waited " + Html.seconds(end - start)
                + " for background saves to commit.";
        svg.group("data-tip", tip);
        svg.rect("class", "tail", "x", from, "y", AXIS - 4, "width", to - from, "height", height - AXIS + 4);
        if (label) {
            svg.text("waiting for saves", "class", "tail-label", "x", (from + to) / 2, "y", height - 6);
        }
        svg.end().newline();
    }

    private static void lane(Svg svg, RecordedRun run, Lane lane, Scale x, double top, double width) {
        NodeRecord record = lane.record();
        NodeState state = run.state(lane.node());
        String css = RunReport.stateClass(state.name());
        double h = laneHeight(lane);
        double mid = top + PAD + MAIN / 2;
        String nodeTip = lane.node() + " — " + state + nodeTiming(run, lane.node());
        svg.group("class", "lane", "data-node", lane.node());
        svg.rect("class", "lane-bg", "x", 0, "y", top, "width", width, "height", h);
        svg.open("circle", "class", "dot " + css, "cx", 10, "cy", mid, "r", 4)
                .element("title", state.name())
                .end();
        svg.text(DagDrawing.middle(lane.node(), 34), "x", 20, "y", mid, "data-tip", nodeTip);
        Long start = run.startMs(lane.node());
        if (start != null) {
            Long finish = run.finishMs(lane.node());
            bar(svg, "span", x.at(start), x.at(finish != null ? finish : run.endMs()), top + PAD, MAIN, null);
        }
        if (record != null) {
            for (Load load : run.loads(record)) {
                long loadEnd = run.end(load);
                boolean prefetch = run.isPrefetch(lane.node(), load);
                bar(
                        svg,
                        "seg load" + (prefetch ? " prefetch" : "") + (load.endMs() == null ? " open" : ""),
                        x.at(load.startMs()),
                        x.at(loadEnd),
                        top + PAD + 2,
                        MAIN - 4,
                        "load " + load.dataset() + ": " + Html.seconds(loadEnd - load.startMs())
                                + (prefetch ? ", prefetched before the node could start" : ""));
            }
            Span compute = record.compute();
            if (RecordedRun.hasStart(compute)) {
                long computeEnd = run.end(compute);
                bar(
                        svg,
                        "seg compute" + (state == NodeState.FAILED ? " failed" : "")
                                + (compute.endMs() == null ? " open" : ""),
                        x.at(compute.startMs()),
                        x.at(computeEnd),
                        top + PAD,
                        MAIN,
                        "compute " + lane.node() + ": " + Html.seconds(computeEnd - compute.startMs())
                                + (record.error() != null ? "\n" + record.error() : ""));
            }
        }
        for (int i = 0; i < lane.saves().size(); i++) {
            SaveBar save = lane.saves().get(i);
            double y = top + PAD + MAIN + SAVE_GAP + lane.track().get(i) * (SAVE + SAVE_GAP);
            DatasetRecord saved = save.record();
            long queue = save.start() - save.queued();
            if (queue > 0) {
                // The wait before writing: a thin line ending in a tick where the write began.
                String tip = "save " + save.dataset() + " queued " + Html.seconds(queue)
                        + (save.writing()
                                ? " (for a slot of its store or an I/O thread) before it started writing"
                                : ", still waiting for a slot of its store or an I/O thread");
                svg.group("class", "queue", "data-tip", tip);
                svg.rect(
                        "class",
                        "queue-hit",
                        "x",
                        x.at(save.queued()),
                        "y",
                        y,
                        "width",
                        Math.max(1.5, x.at(save.start()) - x.at(save.queued())),
                        "height",
                        SAVE);
                svg.empty(
                        "line",
                        "class",
                        "queue-line",
                        "x1",
                        x.at(save.queued()),
                        "x2",
                        x.at(save.start()),
                        "y1",
                        y + SAVE / 2,
                        "y2",
                        y + SAVE / 2);
                upright(svg, "queue-tick", x.at(save.queued()), y + 2, y + SAVE - 2);
                svg.end();
            }
            if (!save.writing()) {
                continue;
            }
            String tip = "save " + save.dataset() + ": " + Html.seconds(save.end() - save.start()) + " writing, "
                    + saved.state()
                    + (queue > 0 ? ", after " + Html.seconds(queue) + " queued" : "")
                    + (save.background() ? ", in the background after the node finished" : ", the node waited for it")
                    + (saved.bytes() != null ? ", " + ByteSize.format(saved.bytes()) : "")
                    + (saved.error() != null ? "\n" + saved.error() : "");
            bar(
                    svg,
                    "seg save" + (save.background() ? " background" : "")
                            + (saved.state() == SaveState.FAILED ? " failed" : "")
                            + (saved.save().endMs() == null ? " open" : ""),
                    x.at(save.start()),
                    x.at(save.end()),
                    y,
                    SAVE,
                    tip);
            double from = x.at(save.start());
            double room = x.at(save.end()) - from;
            String name = save.dataset();
            if (room > 30) {
                String shown = Html.shorten(name, Math.max(3, (int) ((room - 8) / 5.8)));
                svg.text(shown, "class", "seg-label", "x", from + 4, "y", y + SAVE / 2 + 0.5);
            }
        }
        svg.end().newline();
    }

    private static String nodeTiming(RecordedRun run, String node) {
        Long start = run.startMs(node);
        if (start == null) {
            return "";
        }
        Long finish = run.finishMs(node);
        String text = "\n" + Html.seconds((finish != null ? finish : run.endMs()) - start) + " from start to finish";
        NodeRecord record = run.manifest().nodes().get(node);
        if (record != null && record.error() != null) {
            text += "\n" + record.error();
        }
        return text;
    }

    /** A bar from {@code from} to {@code to}, at least 1.5 units wide so that instants stay visible. */
    private static void bar(Svg svg, String css, double from, double to, double y, double h, String tip) {
        double w = Math.max(1.5, to - from);
        svg.rect("class", css, "data-tip", tip, "x", from, "y", y, "width", w, "height", h, "rx", 1.5);
    }
}
