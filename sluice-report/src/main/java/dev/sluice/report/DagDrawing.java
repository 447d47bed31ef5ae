package dev.sluice.report;

import static dev.sluice.report.Html.escape;
import static dev.sluice.report.Html.num;

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

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"dag\" width=\"")
                .append(num(layout.width()))
                .append("\" height=\"")
                .append(num(layout.height()))
                .append("\" viewBox=\"0 0 ")
                .append(num(layout.width()))
                .append(' ')
                .append(num(layout.height()))
                .append("\" role=\"img\" aria-label=\"Pipeline graph: ")
                .append(nodes.size())
                .append(" nodes, ")
                .append(datasets.size())
                .append(" datasets\">\n");
        svg.append("<defs><marker id=\"dag-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0.5 L8,4 L0,7.5 z\"/></marker></defs>\n");
        svg.append("<g class=\"edges\">\n");
        for (Route route : layout.routes()) {
            svg.append("<path class=\"edge\" d=\"")
                    .append(path(route.points()))
                    .append("\" marker-end=\"url(#dag-arrow)\"/>\n");
        }
        svg.append("</g>\n<g class=\"vertices\">\n");
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
        svg.append("</g>\n</svg>\n");
        return svg.toString();
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

    private static void nodeBox(StringBuilder svg, PipelineNode node, Box box, Look look, String stripe) {
        svg.append("<g class=\"vertex node\" data-node=\"")
                .append(escape(node.name()))
                .append("\" data-tags=\"")
                .append(escape(String.join(" ", node.tags())))
                .append("\" data-tip=\"")
                .append(escape(look.tip()))
                .append("\" transform=\"translate(")
                .append(num(box.x()))
                .append(',')
                .append(num(box.y()))
                .append(")\">");
        svg.append("<rect class=\"")
                .append(look.cssClass())
                .append("\" width=\"")
                .append(num(box.width()))
                .append("\" height=\"")
                .append(num(box.height()))
                .append("\" rx=\"6\"/>");
        if (stripe != null) {
            svg.append("<rect class=\"stripe\" x=\"1\" y=\"1\" width=\"5\" height=\"")
                    .append(num(box.height() - 2))
                    .append("\" rx=\"2\" fill=\"")
                    .append(stripe)
                    .append("\"/>");
        }
        double mid = box.width() / 2;
        boolean caption = !look.caption().isEmpty();
        svg.append("<text x=\"")
                .append(num(mid))
                .append("\" y=\"")
                .append(num(caption ? 14 : box.height() / 2))
                .append("\">")
                .append(escape(label(node)))
                .append("</text>");
        if (caption) {
            svg.append("<text class=\"caption\" x=\"")
                    .append(num(mid))
                    .append("\" y=\"29\">")
                    .append(escape(Html.shorten(look.caption(), MAX_LABEL + 8)))
                    .append("</text>");
        }
        svg.append("</g>\n");
    }

    private static void datasetPill(StringBuilder svg, DatasetVertex d, Box box, Look look) {
        svg.append("<g class=\"vertex dataset\" data-dataset=\"")
                .append(escape(d.name()))
                .append("\" data-tip=\"")
                .append(escape(look.tip()))
                .append("\" transform=\"translate(")
                .append(num(box.x()))
                .append(',')
                .append(num(box.y()))
                .append(")\">");
        svg.append("<rect class=\"")
                .append(look.cssClass())
                .append("\" width=\"")
                .append(num(box.width()))
                .append("\" height=\"")
                .append(num(box.height()))
                .append("\" rx=\"")
                .append(num(box.height() / 2))
                .append("\"/>");
        svg.append("<text x=\"")
                .append(num(box.width() / 2))
                .append("\" y=\"")
                .append(num(box.height() / 2))
                .append("\">")
                .append(escape(Html.shorten(d.name(), MAX_LABEL)))
                .append("</text></g>\n");
    }

    /** Straight where the route runs vertically, an S-curve with vertical ends where it shifts. */
    private static String path(List<Point> points) {
        StringBuilder d = new StringBuilder();
        Point p = points.get(0);
        d.append('M').append(num(p.x())).append(',').append(num(p.y()));
        for (int i = 1; i < points.size(); i++) {
            Point q = points.get(i);
            if (Math.abs(q.x() - p.x()) < 0.5) {
                d.append(" L").append(num(q.x())).append(',').append(num(q.y()));
            } else {
                double mid = (q.y() - p.y()) / 2;
                d.append(" C")
                        .append(num(p.x()))
                        .append(',')
                        .append(num(p.y() + mid))
                        .append(' ')
                        .append(num(q.x()))
                        .append(',')
                        .append(num(q.y() - mid))
                        .append(' ')
                        .append(num(q.x()))
                        .append(',')
                        .append(num(q.y()));
            }
            p = q;
        }
        return d.toString();
    }
}
