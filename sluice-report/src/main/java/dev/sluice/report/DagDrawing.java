package dev.sluice.report;

import static dev.sluice.report.Html.escape;

import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.report.GraphLayout.Box;
import dev.sluice.report.GraphLayout.Edge;
import dev.sluice.report.GraphLayout.Item;
import dev.sluice.report.GraphLayout.Point;
import dev.sluice.report.GraphLayout.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline drawn as inline SVG: nodes as rounded boxes, datasets as pills, edges from each dataset's
 * producer through the dataset to its consumers, and each namespace (nested ones inside their parent)
 * as a group that can be collapsed to one box, laid out by {@link GraphLayout}. Transcodings of one
 * dataset ({@code x@csv}, {@code x@dflib}) are one pill; parameters are left out of the drawing (a
 * node's tooltip lists them) because they would crowd every row.
 *
 * <p>A group holding more than {@link #COLLAPSE_ABOVE} nodes starts collapsed. Every combination of
 * open and closed groups is drawn in advance when there are at most {@link #MAX_DRAWINGS}; otherwise
 * the default, every group opened or closed on its own from it, all open and all closed, within a budget
 * of {@link #MAX_ITEMS} drawn items, so that the page stays small; where a combination was not drawn, a
 * click toggles its group from the default state instead. The page shows one drawing and keeps the
 * others in {@code <template>} elements; {@code report.js} swaps them when a group is clicked. Labels
 * show a name relative to its group, cut in the middle past {@link #MAX_LABEL} characters; the full name
 * is in every tooltip and in the details panel.
 */
final class DagDrawing {
    static final String NODE_PREFIX = "node:";
    static final String DATASET_PREFIX = "data:";
    static final String GROUP_PREFIX = "group:";
    /** Groups with more nodes than this start collapsed. */
    static final int COLLAPSE_ABOVE = 8;
    /** Every combination of open and closed groups is drawn when there are at most this many. */
    static final int MAX_DRAWINGS = 16;
    /** The drawings made in advance hold at most this many vertices and groups in all. */
    static final int MAX_ITEMS = 1500;

    static final int MAX_LABEL = 40;
    private static final double MONO_12 = 7.25;
    private static final double MONO_11 = 6.65;
    private static final double MONO_10 = 6.05;
    private static final double NODE_HEIGHT = 28;
    private static final double CAPTIONED_HEIGHT = 40;
    private static final double DATASET_HEIGHT = 22;
    private static final double ARROW_GAP = 1.5;
    private static final String ARROW =
            "<defs><marker id=\"dag-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
                    + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0.5 L8,4 L0,7.5 z\"/></marker></defs>";
    private static final String[] NAMESPACE_COLOURS = {
        "#3b78dc", "#e07b24", "#2b8a4f", "#8a63d2", "#cf3a3a", "#0f9aa8", "#b7800b", "#c2459b"
    };

    private DagDrawing() {}

    /** How a vertex looks: its CSS state class, a second line under the name, and a tooltip. */
    record Look(String cssClass, String caption, String tip) {}

    /** Supplies the look of each node, dataset and collapsed group; the drawing does the geometry. */
    interface Decorator {
        Look node(PipelineNode node);

        /**
         * @param name the dataset without transcoding suffix
         * @param asWritten the names nodes use for it, e.g. {@code x@csv} and {@code x@dflib}
         * @param producer the node that writes it, or {@code null} for a free input
         */
        Look dataset(String name, Set<String> asWritten, PipelineNode producer);

        /**
         * A namespace drawn closed, as one box.
         *
         * @param nodes the nodes in it, nested namespaces included
         * @param datasets how many datasets lie in it
         */
        Look group(String namespace, List<PipelineNode> nodes, int datasets);
    }

    /** One drawn dataset: its name without suffix, how nodes write it, and its producer. */
    private record DatasetVertex(String name, Set<String> asWritten, PipelineNode producer) {}

    /** A namespace: its full name, the group it lies in, and the nodes and datasets in it at any depth. */
    private record Group(String namespace, String parent, List<PipelineNode> nodes, List<String> datasets) {
        String id() {
            return GROUP_PREFIX + namespace;
        }

        /** The last part of its name; the full name is its parent's plus this. */
        String shortName() {
            return parent == null ? namespace : namespace.substring(parent.length() + 1);
        }
    }

    /** What is drawn, whatever is open: the vertices, the groups and the edges between vertices. */
    private static final class Model {
        final List<PipelineNode> nodes;
        final Map<String, DatasetVertex> datasets = new LinkedHashMap<>();
        final Map<String, Group> groups = new LinkedHashMap<>();
        /** Vertex id to the namespace it lies in directly, or absent at the top level. */
        final Map<String, String> home = new LinkedHashMap<>();

        final List<Edge> edges = new ArrayList<>();
        final Map<String, Look> looks = new LinkedHashMap<>();
        final Map<String, String> colours;
        double nodeHeight;

        Model(List<PipelineNode> nodes) {
            this.nodes = nodes;
            this.colours = namespaceColours(nodes);
        }

        /** The namespaces {@code id} lies in, outermost first. */
        List<String> ancestors(String id) {
            List<String> chain = new ArrayList<>();
            for (String ns = home.get(id); ns != null; ns = groups.get(ns).parent()) {
                chain.add(0, ns);
            }
            return chain;
        }
    }

    /**
     * The figure for {@code nodes}: a toolbar (when there are groups), the drawing of the default state
     * and the drawings of the other states as templates, and the details panel, each vertex looking as
     * {@code decorator} says.
     */
    static String figure(List<PipelineNode> nodes, Decorator decorator) {
        Model model = model(nodes, decorator);
        Set<String> defaultOpen = new TreeSet<>();
        for (Group group : model.groups.values()) {
            if (group.nodes().size() <= COLLAPSE_ABOVE) {
                defaultOpen.add(group.namespace());
            }
        }
        List<Set<String>> states = states(model, defaultOpen);
        StringBuilder html = new StringBuilder();
        String defaultKey = key(model, defaultOpen);
        html.append("<div class=\"dag-view\" data-state=\"")
                .append(escape(defaultKey))
                .append("\" data-groups=\"")
                .append(escape(String.join("|", model.groups.keySet())))
                .append("\">\n");
        if (!model.groups.isEmpty()) {
            html.append("<div class=\"dag-tools\" role=\"toolbar\" aria-label=\"Namespaces\">")
                    .append("<button type=\"button\" data-dag-action=\"expand\">Expand all</button>")
                    .append("<button type=\"button\" data-dag-action=\"collapse\">Collapse all</button>")
                    .append("<button type=\"button\" data-dag-action=\"reset\">Default</button>")
                    .append("<span class=\"hint\">Click a namespace to open or close it.</span></div>\n");
        }
        html.append("<div class=\"dag-body\">\n<div class=\"scroll dag-stage\">")
                .append(svg(model, defaultOpen))
                .append("</div>\n")
                .append("<aside class=\"details\" aria-live=\"polite\"><h3>Details</h3>")
                .append("<p class=\"hint\">Click a node, a dataset or a namespace to see it here in full.</p>")
                .append("<div class=\"details-body\"></div></aside>\n</div>\n");
        for (Set<String> open : states) {
            String key = key(model, open);
            if (!key.equals(defaultKey)) {
                html.append("<template class=\"dag-state\" data-state=\"")
                        .append(escape(key))
                        .append("\">")
                        .append(svg(model, open))
                        .append("</template>\n");
            }
        }
        html.append("</div>\n");
        return html.toString();
    }

    private static Model model(List<PipelineNode> nodes, Decorator decorator) {
        Model model = new Model(nodes);
        Map<String, PipelineNode> producers = new LinkedHashMap<>();
        for (PipelineNode node : nodes) {
            for (String output : node.outputs()) {
                producers.put(DatasetNames.strip(output), node);
            }
            if (node.namespace() != null) {
                addGroup(model, node.namespace());
            }
        }
        for (PipelineNode node : nodes) {
            for (String input : node.inputs()) {
                if (!DatasetNames.isParameter(input)) {
                    String base = DatasetNames.strip(input);
                    dataset(model.datasets, base, producers).asWritten().add(input);
                    model.edges.add(new Edge(DATASET_PREFIX + base, NODE_PREFIX + node.name()));
                }
            }
            for (String output : node.outputs()) {
                String base = DatasetNames.strip(output);
                dataset(model.datasets, base, producers).asWritten().add(output);
                model.edges.add(new Edge(NODE_PREFIX + node.name(), DATASET_PREFIX + base));
            }
        }
        for (PipelineNode node : nodes) {
            if (node.namespace() != null) {
                model.home.put(NODE_PREFIX + node.name(), node.namespace());
                for (String ns = node.namespace();
                        ns != null;
                        ns = model.groups.get(ns).parent()) {
                    model.groups.get(ns).nodes().add(node);
                }
            }
        }
        for (DatasetVertex d : model.datasets.values()) {
            String ns = namespaceOf(d.name(), model.groups.keySet());
            if (ns != null) {
                model.home.put(DATASET_PREFIX + d.name(), ns);
                for (; ns != null; ns = model.groups.get(ns).parent()) {
                    model.groups.get(ns).datasets().add(d.name());
                }
            }
        }

        boolean captions = false;
        for (PipelineNode node : nodes) {
            Look look = decorator.node(node);
            model.looks.put(NODE_PREFIX + node.name(), look);
            captions |= !look.caption().isEmpty();
        }
        model.nodeHeight = captions ? CAPTIONED_HEIGHT : NODE_HEIGHT;
        for (DatasetVertex d : model.datasets.values()) {
            model.looks.put(DATASET_PREFIX + d.name(), decorator.dataset(d.name(), d.asWritten(), d.producer()));
        }
        for (Group group : model.groups.values()) {
            model.looks.put(
                    group.id(),
                    decorator.group(
                            group.namespace(), group.nodes(), group.datasets().size()));
        }
        return model;
    }

    /** Adds the group of {@code namespace} and of every namespace it lies in. */
    private static void addGroup(Model model, String namespace) {
        if (model.groups.containsKey(namespace)) {
            return;
        }
        int dot = namespace.lastIndexOf('.');
        String parent = dot < 0 ? null : namespace.substring(0, dot);
        if (parent != null) {
            addGroup(model, parent);
        }
        model.groups.put(namespace, new Group(namespace, parent, new ArrayList<>(), new ArrayList<>()));
    }

    /**
     * The deepest namespace whose name prefixes {@code dataset}, as Kedro-Viz places datasets: {@code
     * a.b.x} lies in {@code a.b}; {@code null} when none does.
     */
    private static String namespaceOf(String dataset, Set<String> namespaces) {
        for (int dot = dataset.lastIndexOf('.'); dot > 0; dot = dataset.lastIndexOf('.', dot - 1)) {
            String prefix = dataset.substring(0, dot);
            if (namespaces.contains(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * The states drawn in advance: every combination when there are few, else the default, then each group
     * toggled on its own from it (its parents opened), all open and all closed, for as long as the drawings
     * hold at most {@link #MAX_ITEMS} items in all (the default is always drawn).
     */
    private static List<Set<String>> states(Model model, Set<String> defaultOpen) {
        List<Set<String>> candidates = new ArrayList<>();
        candidates.add(defaultOpen);
        List<Set<String>> every = every(model, null);
        if (every != null) {
            candidates.addAll(every);
        } else {
            for (Group group : model.groups.values()) {
                Set<String> toggled = new TreeSet<>(defaultOpen);
                if (!toggled.remove(group.namespace())) {
                    toggled.add(group.namespace());
                    for (String ns = group.parent();
                            ns != null;
                            ns = model.groups.get(ns).parent()) {
                        toggled.add(ns);
                    }
                }
                candidates.add(toggled);
            }
            candidates.add(new TreeSet<>(model.groups.keySet()));
            candidates.add(Set.of());
        }
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        int items = 0;
        for (Set<String> open : candidates) {
            String key = key(model, open);
            if (byKey.containsKey(key)) {
                continue;
            }
            int size = visibleItems(model, open);
            if (!byKey.isEmpty() && items + size > MAX_ITEMS) {
                continue;
            }
            byKey.put(key, open);
            items += size;
        }
        return new ArrayList<>(byKey.values());
    }

    /** How many vertices and groups a state draws. */
    private static int visibleItems(Model model, Set<String> open) {
        int count = 0;
        for (String id : model.looks.keySet()) {
            boolean visible = true;
            List<String> chain = id.startsWith(GROUP_PREFIX)
                    ? ancestorsOfGroup(model, id.substring(GROUP_PREFIX.length()))
                    : model.ancestors(id);
            for (String ns : chain) {
                visible &= open.contains(ns);
            }
            count += visible ? 1 : 0;
        }
        return count;
    }

    private static List<String> ancestorsOfGroup(Model model, String namespace) {
        List<String> chain = new ArrayList<>();
        for (String ns = model.groups.get(namespace).parent();
                ns != null;
                ns = model.groups.get(ns).parent()) {
            chain.add(ns);
        }
        return chain;
    }

    /**
     * Every distinct combination of open groups under {@code parent} (the top level when {@code null}),
     * or {@code null} when there are more than {@link #MAX_DRAWINGS}.
     */
    private static List<Set<String>> every(Model model, String parent) {
        List<Set<String>> combinations = new ArrayList<>();
        combinations.add(new TreeSet<>());
        for (Group group : model.groups.values()) {
            if (!Objects.equals(group.parent(), parent)) {
                continue;
            }
            List<Set<String>> inside = every(model, group.namespace());
            if (inside == null) {
                return null;
            }
            List<Set<String>> next = new ArrayList<>();
            for (Set<String> before : combinations) {
                next.add(before);
                for (Set<String> open : inside) {
                    Set<String> with = new TreeSet<>(before);
                    with.add(group.namespace());
                    with.addAll(open);
                    next.add(with);
                }
                if (next.size() > MAX_DRAWINGS) {
                    return null;
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /**
     * A state's name in the page: its open groups that can be seen (every group they lie in is open),
     * sorted and joined by {@code |}; {@code report.js} computes the same.
     */
    private static String key(Model model, Set<String> open) {
        List<String> seen = new ArrayList<>();
        for (String ns : new TreeSet<>(open)) {
            boolean visible = model.groups.containsKey(ns);
            for (String p = visible ? model.groups.get(ns).parent() : null;
                    p != null;
                    p = model.groups.get(p).parent()) {
                visible &= open.contains(p);
            }
            if (visible) {
                seen.add(ns);
            }
        }
        return String.join("|", seen);
    }

    /** The drawing of one state: the groups in {@code open} drawn open, the others closed. */
    private static String svg(Model model, Set<String> open) {
        // Each vertex is drawn itself, or as the outermost closed group it lies in.
        Map<String, String> shownAs = new LinkedHashMap<>();
        List<String> vertices = new ArrayList<>();
        model.nodes.forEach(n -> vertices.add(NODE_PREFIX + n.name()));
        model.datasets.keySet().forEach(d -> vertices.add(DATASET_PREFIX + d));
        for (String id : vertices) {
            String shown = id;
            for (String ns : model.ancestors(id)) {
                if (!open.contains(ns)) {
                    shown = GROUP_PREFIX + ns;
                    break;
                }
            }
            shownAs.put(id, shown);
        }
        List<Item> items = new ArrayList<>();
        Map<String, Group> openGroups = new LinkedHashMap<>();
        Map<String, Group> closedGroups = new LinkedHashMap<>();
        for (Group group : model.groups.values()) {
            boolean visible = group.parent() == null || openGroups.containsKey(group.parent());
            if (!visible) {
                continue;
            }
            String parent = group.parent() == null ? null : GROUP_PREFIX + group.parent();
            if (open.contains(group.namespace())) {
                openGroups.put(group.namespace(), group);
                items.add(Item.group(group.id(), parent));
            } else {
                closedGroups.put(group.namespace(), group);
                items.add(Item.vertex(group.id(), parent, groupWidth(model, group), CAPTIONED_HEIGHT + 4));
            }
        }
        for (String id : vertices) {
            if (shownAs.get(id).equals(id)) {
                String home = model.home.get(id);
                String parent = home == null ? null : GROUP_PREFIX + home;
                items.add(Item.vertex(id, parent, width(model, id), height(model, id)));
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge edge : model.edges) {
            edges.add(new Edge(shownAs.get(edge.from()), shownAs.get(edge.to())));
        }
        GraphLayout.Result layout = GraphLayout.layout(items, edges);

        String label = "Pipeline graph: " + model.nodes.size() + " nodes, " + model.datasets.size() + " datasets"
                + (model.groups.isEmpty() ? "" : ", " + model.groups.size() + " namespaces");
        Svg svg = Svg.picture("dag", layout.width(), layout.height(), layout.width(), layout.height(), label);
        svg.raw(ARROW).newline();
        svg.group("class", "groups").newline();
        for (Group group : openGroups.values()) {
            groupFrame(svg, model, group, layout.boxes().get(group.id()));
        }
        svg.end().newline().group("class", "edges").newline();
        for (Route route : layout.routes()) {
            svg.empty(
                            "path",
                            "class",
                            "edge",
                            "data-from",
                            route.from(),
                            "data-to",
                            route.to(),
                            "d",
                            path(route.points()),
                            "marker-end",
                            "url(#dag-arrow)")
                    .newline();
        }
        svg.end().newline().group("class", "group-heads").newline();
        for (Group group : openGroups.values()) {
            groupHeader(svg, model, group, layout.boxes().get(group.id()));
        }
        svg.end().newline().group("class", "vertices").newline();
        for (Group group : closedGroups.values()) {
            closedGroup(svg, model, group, layout.boxes().get(group.id()));
        }
        for (PipelineNode node : model.nodes) {
            Box box = layout.boxes().get(NODE_PREFIX + node.name());
            if (box != null) {
                nodeBox(svg, model, node, box);
            }
        }
        for (DatasetVertex d : model.datasets.values()) {
            Box box = layout.boxes().get(DATASET_PREFIX + d.name());
            if (box != null) {
                datasetPill(svg, model, d, box);
            }
        }
        svg.end().newline().end().newline();
        return svg.toString();
    }

    private static double width(Model model, String id) {
        Look look = model.looks.get(id);
        if (id.startsWith(NODE_PREFIX)) {
            double text = Math.max(
                    label(model, id).length() * MONO_12,
                    Html.shorten(look.caption(), MAX_LABEL + 8).length() * MONO_10);
            return Math.max(72, text + 26);
        }
        return Math.max(48, label(model, id).length() * MONO_11 + 22);
    }

    private static double height(Model model, String id) {
        return id.startsWith(NODE_PREFIX) ? model.nodeHeight : DATASET_HEIGHT;
    }

    private static double groupWidth(Model model, Group group) {
        double text = Math.max(
                (middle(group.shortName(), MAX_LABEL).length() + 2) * MONO_12,
                Html.shorten(model.looks.get(group.id()).caption(), MAX_LABEL + 8)
                                .length()
                        * MONO_10);
        return Math.max(96, text + 34);
    }

    /**
     * A vertex's label: its name without the namespace it is drawn in (the group's header shows that),
     * cut in the middle past {@link #MAX_LABEL} characters.
     */
    private static String label(Model model, String id) {
        String name = id.substring(id.indexOf(':') + 1);
        String home = model.home.get(id);
        if (home != null && name.startsWith(home + ".")) {
            name = name.substring(home.length() + 1);
        }
        return middle(name, MAX_LABEL);
    }

    /**
     * {@code text} cut to {@code max} characters by an ellipsis in the middle, so that both the start and
     * the end of a long name (often what tells two names apart) stay.
     */
    static String middle(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int tail = (max - 1) / 2;
        int head = max - 1 - tail;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    /** An open group's frame, drawn under the edges. */
    private static void groupFrame(Svg svg, Model model, Group group, Box box) {
        svg.group(
                "class", "group open",
                "data-group", group.namespace(),
                "data-tip", model.looks.get(group.id()).tip(),
                "transform", translate(box));
        String stroke = "stroke:" + model.colours.get(topLevel(group.namespace()));
        svg.rect("class", "group-box", "width", box.width(), "height", box.height(), "rx", 8, "style", stroke);
        svg.end().newline();
    }

    /**
     * An open group's header, drawn over the edges (its text haloed) so that an edge entering the group
     * never hides its name; a click on it closes the group.
     */
    private static void groupHeader(Svg svg, Model model, Group group, Box box) {
        String fill = "fill:" + model.colours.get(topLevel(group.namespace()));
        svg.group(
                "class", "group open head",
                "data-group", group.namespace(),
                "data-tip", model.looks.get(group.id()).tip(),
                "transform", translate(box));
        svg.group(
                "class", "group-head",
                "role", "button",
                "tabindex", 0,
                "aria-expanded", "true",
                "aria-label", "Close namespace " + group.namespace());
        svg.rect("class", "head-hit", "width", box.width(), "height", GraphLayout.GROUP_HEADER, "rx", 8);
        double y = GraphLayout.GROUP_HEADER / 2 + 1;
        svg.text("−", "class", "toggle", "x", 14, "y", y, "style", fill);
        String shown = middle(group.shortName(), (int) ((box.width() - 40) / MONO_12));
        svg.text(shown, "class", "group-label", "x", 26, "y", y, "style", fill);
        svg.end().end().newline();
    }

    private static void closedGroup(Svg svg, Model model, Group group, Box box) {
        Look look = model.looks.get(group.id());
        String colour = model.colours.get(topLevel(group.namespace()));
        svg.group(
                "class",
                "vertex group closed",
                "data-group",
                group.namespace(),
                "data-tip",
                look.tip(),
                "role",
                "button",
                "tabindex",
                0,
                "aria-expanded",
                "false",
                "aria-label",
                "Open namespace " + group.namespace(),
                "transform",
                translate(box));
        double w = box.width() - 4;
        double h = box.height() - 4;
        // A second card behind the first: the box stands for several.
        svg.rect("class", "stack " + look.cssClass(), "x", 4, "y", 4, "width", w, "height", h, "rx", 7);
        svg.rect("class", look.cssClass(), "width", w, "height", h, "rx", 7);
        svg.rect("class", "stripe", "x", 1, "y", 1, "width", 5, "height", h - 2, "rx", 2, "fill", colour);
        svg.text("+", "class", "toggle", "x", 16, "y", 14, "style", "fill:" + colour);
        svg.text(middle(group.shortName(), MAX_LABEL), "class", "group-label", "x", w / 2 + 6, "y", 14);
        svg.text(Html.shorten(look.caption(), MAX_LABEL + 8), "class", "caption", "x", w / 2 + 6, "y", 29);
        svg.end().newline();
    }

    private static String topLevel(String namespace) {
        int dot = namespace.indexOf('.');
        return dot < 0 ? namespace : namespace.substring(0, dot);
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

    /**
     * The part of a closed namespace's tooltip that every view shows: its name, what it holds, and up to
     * ten of its nodes.
     */
    static StringBuilder groupTip(String namespace, List<PipelineNode> nodes, int datasets) {
        StringBuilder tip = new StringBuilder(namespace).append(" (namespace)\n");
        tip.append(counts(nodes.size(), datasets)).append(':');
        for (int i = 0; i < Math.min(10, nodes.size()); i++) {
            tip.append("\n  ").append(nodes.get(i).name());
        }
        if (nodes.size() > 10) {
            tip.append("\n  and ").append(nodes.size() - 10).append(" more");
        }
        return tip;
    }

    /** {@code 3 nodes · 7 datasets}. */
    static String counts(int nodes, int datasets) {
        return nodes + (nodes == 1 ? " node" : " nodes") + " · " + datasets
                + (datasets == 1 ? " dataset" : " datasets");
    }

    /** Namespace to colour, in sorted order, so that a namespace keeps its colour between views. */
    static Map<String, String> namespaceColours(List<PipelineNode> nodes) {
        Set<String> namespaces = new TreeSet<>();
        nodes.forEach(n -> {
            if (n.namespace() != null) {
                namespaces.add(topLevel(n.namespace()));
            }
        });
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String ns : namespaces) {
            colours.put(ns, NAMESPACE_COLOURS[i++ % NAMESPACE_COLOURS.length]);
        }
        return colours;
    }

    private static DatasetVertex dataset(
            Map<String, DatasetVertex> datasets, String base, Map<String, PipelineNode> producers) {
        return datasets.computeIfAbsent(base, b -> new DatasetVertex(b, new LinkedHashSet<>(), producers.get(b)));
    }

    private static void nodeBox(Svg svg, Model model, PipelineNode node, Box box) {
        String id = NODE_PREFIX + node.name();
        Look look = model.looks.get(id);
        svg.group(
                "class", "vertex node",
                "data-node", node.name(),
                "data-tags", String.join(" ", node.tags()),
                "data-tip", look.tip(),
                "transform", translate(box));
        svg.rect("class", look.cssClass(), "width", box.width(), "height", box.height(), "rx", 6);
        if (node.namespace() != null) {
            svg.rect(
                    "class", "stripe",
                    "x", 1,
                    "y", 1,
                    "width", 5,
                    "height", box.height() - 2,
                    "rx", 2,
                    "fill", model.colours.get(topLevel(node.namespace())));
        }
        double mid = box.width() / 2;
        boolean caption = !look.caption().isEmpty();
        svg.text(label(model, id), "x", mid, "y", caption ? 14 : box.height() / 2);
        if (caption) {
            svg.text(Html.shorten(look.caption(), MAX_LABEL + 8), "class", "caption", "x", mid, "y", 29);
        }
        svg.end().newline();
    }

    private static void datasetPill(Svg svg, Model model, DatasetVertex d, Box box) {
        String id = DATASET_PREFIX + d.name();
        Look look = model.looks.get(id);
        svg.group(
                "class", "vertex dataset",
                "data-dataset", d.name(),
                "data-tip", look.tip(),
                "transform", translate(box));
        svg.rect("class", look.cssClass(), "width", box.width(), "height", box.height(), "rx", box.height() / 2);
        svg.text(label(model, id), "x", box.width() / 2, "y", box.height() / 2);
        svg.end().newline();
    }

    private static String translate(Box box) {
        return "translate(" + Svg.point(box.x(), box.y()) + ")";
    }

    /** An orthogonal route with rounded corners, ending just short of its target so the arrow tip shows. */
    private static String path(List<Point> points) {
        List<Point> p = new ArrayList<>(points);
        Point last = p.get(p.size() - 1);
        Point before = p.get(p.size() - 2);
        double length = Math.hypot(last.x() - before.x(), last.y() - before.y());
        if (length > ARROW_GAP * 2) {
            double t = (length - ARROW_GAP) / length;
            p.set(
                    p.size() - 1,
                    new Point(before.x() + (last.x() - before.x()) * t, before.y() + (last.y() - before.y()) * t));
        }
        StringBuilder d =
                new StringBuilder("M").append(Svg.point(p.get(0).x(), p.get(0).y()));
        for (int i = 1; i < p.size() - 1; i++) {
            Point a = p.get(i - 1);
            Point corner = p.get(i);
            Point b = p.get(i + 1);
            double r = Math.min(6, Math.min(distance(a, corner), distance(corner, b)) / 2);
            Point in = toward(corner, a, r);
            Point out = toward(corner, b, r);
            d.append(" L").append(Svg.point(in.x(), in.y()));
            d.append(" Q").append(Svg.point(corner.x(), corner.y())).append(' ').append(Svg.point(out.x(), out.y()));
        }
        Point end = p.get(p.size() - 1);
        d.append(" L").append(Svg.point(end.x(), end.y()));
        return d.toString();
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** The point {@code r} from {@code from} toward {@code to}. */
    private static Point toward(Point from, Point to, double r) {
        double length = distance(from, to);
        if (length == 0) {
            return from;
        }
        return new Point(from.x() + (to.x() - from.x()) * r / length, from.y() + (to.y() - from.y()) * r / length);
    }
}
