package dev.sluice.report;

import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.report.LayeredLayout.Box;
import dev.sluice.report.LayeredLayout.Edge;
import dev.sluice.report.LayeredLayout.Point;
import dev.sluice.report.LayeredLayout.Route;
import dev.sluice.report.LayeredLayout.Vertex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline drawn as inline SVG: nodes as rounded boxes, datasets as pills, edges from each
 * dataset's producer through the dataset to its consumers, laid out by {@link LayeredLayout}.
 * Transcodings of one dataset ({@code x@csv}, {@code x@dflib}) are one pill; parameters are left
 * out of the drawing (a node's tooltip lists them) because they would crowd every row.
 */
final class DagDrawing {
    static final String NODE_PREFIX = "node:";
    static final String DATASET_PREFIX = "data:";
    private static final double MONO_12 = 7.25;
    private static final double MONO_11 = 6.65;
    private static final double MONO_10 = 6.05;
    private static final int MAX_LABEL = 30;
    private static final String ARROW =
            "<defs><marker id=\"dag-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
                    + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0.5 L8,4 L0,7.5 z\"/></marker></defs>";
    private static final String[] NAMESPACE_COLOURS = {
        "#3b78dc", "#e07b24", "#2b8a4f", "#8a63d2", "#cf3a3a", "#0f9aa8", "#b7800b", "#c2459b"
    };

    private DagDrawing() {}

    /** How a vertex looks: its CSS state class, a second line under the name, and a tooltip. */
    record Look(String cssClass, String caption, String tip) {}

    /** Supplies the look of each node and dataset; the drawing does the geometry. */
    interface Decorator {
        Look node(PipelineNode node);

        /**
         * @param name the dataset without transcoding suffix
         * @param asWritten the names nodes use for it, e.g. {@code x@csv} and {@code x@dflib}
         * @param producer the node that writes it, or {@code null} for a free input
         */
        Look dataset(String name, Set<String> asWritten, PipelineNode producer);
    }

    /** One drawn dataset: its name without suffix, how nodes write it, and its producer. */
    private record DatasetVertex(String name, Set<String> asWritten, PipelineNode producer) {}

    /** The SVG element drawing {@code nodes}, each vertex looking as {@code decorator} says. */
    static String svg(List<PipelineNode> nodes, Decorator decorator) {
        Map<String, DatasetVertex> datasets = new LinkedHashMap<>();
        Map<String, PipelineNode> producers = new LinkedHashMap<>();
        for (PipelineNode node : nodes) {
            for (String output : node.outputs()) {
                producers.put(DatasetNames.strip(output), node);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (PipelineNode node : nodes) {
            for (String input : node.inputs()) {
                if (!DatasetNames.isParameter(input)) {
                    String base = DatasetNames.strip(input);
                    dataset(datasets, base, producers).asWritten().add(input);
                    edges.add(new Edge(DATASET_PREFIX + base, NODE_PREFIX + node.name()));
                }
            }
            for (String output : node.outputs()) {
                String base = DatasetNames.strip(output);
                dataset(datasets, base, producers).asWritten().add(output);
                edges.add(new Edge(NODE_PREFIX + node.name(), DATASET_PREFIX + base));
            }
        }

        Map<String, String> namespaceColours = namespaceColours(nodes);
        Map<String, Look> looks = new LinkedHashMap<>();
        boolean captions = false;
        for (PipelineNode node : nodes) {
            Look look = decorator.node(node);
            looks.put(NODE_PREFIX + node.name(), look);
            captions |= !look.caption().isEmpty();
        }
        double nodeHeight = captions ? 40 : 28;
        List<Vertex> vertices = new ArrayList<>();
        for (PipelineNode node : nodes) {
            Look look = looks.get(NODE_PREFIX + node.name());
            double text = Math.max(
                    label(node).length() * MONO_12,
                    Html.shorten(look.caption(), MAX_LABEL + 8).length() * MONO_10);
            vertices.add(new Vertex(NODE_PREFIX + node.name(), Math.max(72, text + 26), nodeHeight));
        }
        for (DatasetVertex d : datasets.values()) {
            Look look = decorator.dataset(d.name(), d.asWritten(), d.producer());
            looks.put(DATASET_PREFIX + d.name(), look);
            double text = Html.shorten(d.name(), MAX_LABEL).length() * MONO_11;
            vertices.add(new Vertex(DATASET_PREFIX + d.name(), Math.max(48, text + 22), 22));
        }
        LayeredLayout.Result layout = LayeredLayout.layout(vertices, edges);

        String label = "Pipeline graph: " + nodes.size() + " nodes, " + datasets.size() + " datasets";
        Svg svg = Svg.picture("dag", layout.width(), layout.height(), layout.width(), layout.height(), label);
        svg.raw(ARROW).newline();
        svg.group("class", "edges").newline();
        for (Route route : layout.routes()) {
            svg.empty("path", "class", "edge", "d", path(route.points()), "marker-end", "url(#dag-arrow)")
                    .newline();
        }
        svg.end().newline().group("class", "vertices").newline();
        for (PipelineNode node : nodes) {
            String id = NODE_PREFIX + node.name();
            nodeBox(
                    svg,
                    node,
                    layout.boxes().get(id),
                    looks.get(id),
                    namespaceColours.get(node.namespace() == null ? "" : node.namespace()));
        }
        for (DatasetVertex d : datasets.values()) {
            String id = DATASET_PREFIX + d.name();
            datasetPill(svg, d, layout.boxes().get(id), looks.get(id));
        }
        svg.end().newline().end().newline();
        return svg.toString();
    }

    /**
     * The part of a node's tooltip that every view shows: {@code heading}, then the node's namespace, tags,
     * inputs and outputs, a line each; views append what they know about the node.
     */
    static StringBuilder nodeTip(String heading, PipelineNode node) {
        StringBuilder tip = new StringBuilder(heading);
        if (node.namespace() != null) {
            tip.append("\nnamespace: ").append(node.namespace());
        }
        if (!node.tags().isEmpty()) {
            tip.append("\ntags: ").append(String.join(", ", node.tags()));
        }
        tip.append("\ninputs: ").append(String.join(", ", node.inputs()));
        tip.append("\noutputs: ").append(String.join(", ", node.outputs()));
        return tip;
    }

    /** The first line of a dataset's tooltip: its name, and the names nodes use for it where they differ. */
    static StringBuilder datasetTip(String name, Set<String> asWritten) {
        StringBuilder tip = new StringBuilder(name);
        if (asWritten.size() > 1 || !asWritten.contains(name)) {
            tip.append(" (as ").append(String.join(", ", asWritten)).append(')');
        }
        return tip;
    }

    /** Namespace to colour, in sorted order, so that a namespace keeps its colour between views. */
    static Map<String, String> namespaceColours(List<PipelineNode> nodes) {
        Set<String> namespaces = new TreeSet<>();
        nodes.forEach(n -> {
            if (n.namespace() != null) {
                namespaces.add(n.namespace());
            }
        });
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String ns : namespaces) {
            colours.put(ns, NAMESPACE_COLOURS[i++ % NAMESPACE_COLOURS.length]);
        }
        return colours;
    }

    /** The node's name without its namespace, which the stripe and caption already show. */
    static String label(PipelineNode node) {
        String name = node.name();
        if (node.namespace() != null && name.startsWith(node.namespace() + ".")) {
            name = name.substring(node.namespace().length() + 1);
        }
        return Html.shorten(name, MAX_LABEL);
    }

    private static DatasetVertex dataset(
            Map<String, DatasetVertex> datasets, String base, Map<String, PipelineNode> producers) {
        return datasets.computeIfAbsent(base, b -> new DatasetVertex(b, new LinkedHashSet<>(), producers.get(b)));
    }

    private static void nodeBox(Svg svg, PipelineNode node, Box box, Look look, String stripe) {
        svg.group(
                "class", "vertex node",
                "data-node", node.name(),
                "data-tags", String.join(" ", node.tags()),
                "data-tip", look.tip(),
                "transform", translate(box));
        svg.rect("class", look.cssClass(), "width", box.width(), "height", box.height(), "rx", 6);
        if (stripe != null) {
            svg.rect(
                    "class", "stripe", "x", 1, "y", 1, "width", 5, "height", box.height() - 2, "rx", 2, "fill", stripe);
        }
        double mid = box.width() / 2;
        boolean caption = !look.caption().isEmpty();
        svg.text(label(node), "x", mid, "y", caption ? 14 : box.height() / 2);
        if (caption) {
            svg.text(Html.shorten(look.caption(), MAX_LABEL + 8), "class", "caption", "x", mid, "y", 29);
        }
        svg.end().newline();
    }

    private static void datasetPill(Svg svg, DatasetVertex d, Box box, Look look) {
        svg.group(
                "class", "vertex dataset",
                "data-dataset", d.name(),
                "data-tip", look.tip(),
                "transform", translate(box));
        svg.rect("class", look.cssClass(), "width", box.width(), "height", box.height(), "rx", box.height() / 2);
        svg.text(Html.shorten(d.name(), MAX_LABEL), "x", box.width() / 2, "y", box.height() / 2);
        svg.end().newline();
    }

    private static String translate(Box box) {
        return "translate(" + Svg.point(box.x(), box.y()) + ")";
    }

    /** Straight where the route runs vertically, an S-curve with vertical ends where it shifts. */
    private static String path(List<Point> points) {
        Point p = points.get(0);
        StringBuilder d = new StringBuilder("M").append(Svg.point(p.x(), p.y()));
        for (int i = 1; i < points.size(); i++) {
            Point q = points.get(i);
            if (Math.abs(q.x() - p.x()) < 0.5) {
                d.append(" L").append(Svg.point(q.x(), q.y()));
            } else {
                double mid = (q.y() - p.y()) / 2;
                d.append(" C").append(Svg.point(p.x(), p.y() + mid));
                d.append(' ').append(Svg.point(q.x(), q.y() - mid));
                d.append(' ').append(Svg.point(q.x(), q.y()));
            }
            p = q;
        }
        return d.toString();
    }
}
