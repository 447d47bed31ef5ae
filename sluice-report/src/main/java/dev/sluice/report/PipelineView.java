package dev.sluice.report;

import static dev.sluice.report.Html.escape;

import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.report.DagDrawing.Look;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A self-contained HTML view of a pipeline, the role Kedro-Viz plays: the nodes and datasets as a
 * layered DAG, namespaces as groups that open and close on a click (nested ones inside their parent),
 * tags under each node's name and as chips that highlight their nodes when clicked, and a panel that
 * shows whatever was clicked in full. Like {@link RunReport}, the page loads nothing from the
 * network. Thread-safe.
 */
public final class PipelineView {
    private PipelineView() {}

    /** The view of {@code pipeline}, every dataset drawn alike; {@code title} names it, e.g. the pipeline's name. */
    public static String render(Pipeline pipeline, String title) {
        return render(pipeline, title, Map.of());
    }

    /**
     * The view of {@code pipeline}, with persisted datasets told apart from memory ones.
     *
     * @param persisted the persisted datasets by name (as nodes write or read them), each with a short
     *     description such as its catalog type; datasets not in the map are drawn as memory datasets
     */
    public static String render(Pipeline pipeline, String title, Map<String, String> persisted) {
        List<PipelineNode> nodes = new ArrayList<>();
        for (Node node : pipeline.nodes()) {
            nodes.add(new PipelineNode(
                    node.name(),
                    node.namespace().orElse(null),
                    List.copyOf(new TreeSet<>(node.tags())),
                    node.inputs(),
                    node.outputs()));
        }
        boolean marksPersisted = !persisted.isEmpty();
        String dag = DagDrawing.figure(nodes, new Decorator(persisted, marksPersisted));

        List<String> parameters = new ArrayList<>();
        List<String> freeInputs = new ArrayList<>();
        for (String input : pipeline.inputs()) {
            (DatasetNames.isParameter(input) ? parameters : freeInputs).add(input);
        }
        long datasets = pipeline.datasets().stream()
                .filter(d -> !DatasetNames.isParameter(d))
                .map(DatasetNames::strip)
                .distinct()
                .count();
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>Pipeline <code>")
                .append(escape(title))
                .append("</code></h1>\n<p class=\"meta\"><span>")
                .append(nodes.size())
                .append(nodes.size() == 1 ? " node" : " nodes")
                .append("</span><span>")
                .append(datasets)
                .append(datasets == 1 ? " dataset" : " datasets")
                .append("</span><span>free inputs: ")
                .append(escape(String.join(", ", freeInputs)))
                .append("</span><span>free outputs: ")
                .append(escape(String.join(", ", pipeline.outputs())))
                .append("</span>");
        if (!parameters.isEmpty()) {
            body.append("<span>parameters: ")
                    .append(escape(String.join(", ", parameters)))
                    .append("</span>");
        }
        body.append("</p>\n</header>\n");

        body.append("<section class=\"panel viz\" id=\"dag\">\n<ul class=\"legend\">\n")
                .append("<li><span class=\"sw s-plain\"></span>node</li>\n");
        if (marksPersisted) {
            body.append("<li><span class=\"sw pill s-persisted\"></span>persisted dataset</li>\n")
                    .append("<li><span class=\"sw pill s-memory\"></span>memory dataset</li>\n");
        } else {
            body.append("<li><span class=\"sw pill s-memory\"></span>dataset</li>\n");
        }
        body.append("<li><span class=\"sw pill s-input\"></span>free input</li>\n</ul>\n");
        Map<String, String> colours = DagDrawing.namespaceColours(nodes);
        if (!colours.isEmpty()) {
            body.append("<ul class=\"chips\" aria-label=\"Namespaces\"><li class=\"legend-title\">Namespaces</li>");
            colours.forEach((ns, colour) -> body.append("<li><span class=\"ns\" style=\"background:")
                    .append(colour)
                    .append("\"></span>")
                    .append(escape(ns))
                    .append("</li>"));
            body.append("</ul>\n");
        }
        Set<String> tags = pipeline.tags();
        if (!tags.isEmpty()) {
            body.append("<ul class=\"chips\" aria-label=\"Tags\"><li class=\"legend-title\">Tags</li>");
            for (String tag : tags) {
                body.append("<li data-tag-filter=\"")
                        .append(escape(tag))
                        .append("\" title=\"Highlight the nodes tagged ")
                        .append(escape(tag))
                        .append("\">")
                        .append(escape(tag))
                        .append("</li>");
            }
            body.append("</ul>\n");
        }
        body.append(dag).append("</section>\n");

        body.append("<section class=\"panel\" id=\"nodes\">\n<h2>Nodes, in run order</h2>\n<table>\n")
                .append("<tr><th>Node</th><th>Namespace</th><th>Tags</th><th>Inputs</th><th>Outputs</th></tr>\n");
        for (PipelineNode node : nodes) {
            body.append("<tr data-node=\"")
                    .append(escape(node.name()))
                    .append("\"><td><code>")
                    .append(escape(node.name()))
                    .append("</code></td><td>")
                    .append(escape(node.namespace() == null ? "" : node.namespace()))
                    .append("</td><td>")
                    .append(escape(String.join(", ", node.tags())))
                    .append("</td><td><code>")
                    .append(escape(String.join(", ", node.inputs())))
                    .append("</code></td><td><code>")
                    .append(escape(String.join(", ", node.outputs())))
                    .append("</code></td></tr>\n");
        }
        body.append("</table>\n</section>\n");
        body.append("<footer>Rendered by Sluice. The page is self-contained and loads nothing from the network."
                + "</footer>\n");
        return Html.page("Sluice pipeline " + title, body.toString());
    }

    /** Neutral nodes; datasets told apart by whether they are persisted. */
    private record Decorator(Map<String, String> persisted, boolean marksPersisted) implements DagDrawing.Decorator {
        @Override
        public Look node(PipelineNode node) {
            // The namespace is the group the node is drawn in; the caption has room for the tags.
            String tip = DagDrawing.nodeTip(node.name(), node).toString();
            return new Look("s-plain", String.join(", ", node.tags()), tip);
        }

        @Override
        public Look group(String namespace, List<PipelineNode> nodes, int datasets) {
            String tip = DagDrawing.groupTip(namespace, nodes, datasets).toString();
            return new Look("s-plain", DagDrawing.counts(nodes.size(), datasets), tip);
        }

        @Override
        public Look dataset(String name, Set<String> asWritten, PipelineNode producer) {
            String description = persisted.get(name);
            for (String written : asWritten) {
                if (description == null) {
                    description = persisted.get(written);
                }
            }
            StringBuilder tip = DagDrawing.datasetTip(name, asWritten);
            tip.append(producer == null ? "\nfree input" : "\nproduced by " + producer.name());
            if (description != null) {
                tip.append("\npersisted: ").append(description);
            } else if (marksPersisted) {
                tip.append("\nmemory dataset");
            }
            String css = producer == null ? "s-input" : description != null ? "s-persisted" : "s-memory";
            return new Look(css, "", tip.toString());
        }
    }
}
