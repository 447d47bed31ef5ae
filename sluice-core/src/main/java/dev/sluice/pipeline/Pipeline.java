package dev.sluice.pipeline;

import dev.sluice.PipelineDefinitionException;
import dev.sluice.Warning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An immutable, validated set of {@link Node}s joined by dataset names.
 *
 * <p>A pipeline is checked once when built: node names are unique, each dataset has at most one
 * producer, there is no cycle, and a dataset is not used both with and without a transcoding suffix.
 * Dependencies are resolved on names with the transcoding suffix stripped, so a node reading
 * {@code x@dflib} depends on the node writing {@code x@csv}. Instances are thread-safe.
 *
 * <p>Pipelines combine like Kedro's: {@link #union}, {@link #minus} and {@link #intersect} treat two
 * nodes as the same node when they have the same name, inputs and outputs; the slicing methods
 * ({@link #onlyNodes}, {@link #fromNodes}, {@link #toNodes}, {@link #onlyNodesWithInputs},
 * {@link #fromInputs}, {@link #onlyNodesWithOutputs}, {@link #toOutputs}, {@link #onlyNodesWithTags},
 * {@link #onlyNodesWithNamespaces}, {@link #filter}) return a new pipeline of some of this pipeline's
 * nodes. As in Kedro, a selection that matches no node returns an empty pipeline, so selections
 * compose as set algebra; a node name, dataset or namespace the pipeline does not have is a mistake
 * and throws {@link PipelineDefinitionException} with the closest known name. {@link #modular} reuses
 * a pipeline under a namespace.
 */
public final class Pipeline {
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final Map<String, Node> producerByDataset;
    private final Map<String, List<Node>> consumersByDataset;
    private final Map<Node, List<Node>> parents;
    private final Map<Node, List<Node>> children;
    /** Computed on first use: slices are built often and rarely asked. */
    private volatile List<Warning> warnings;

    // Every index below is built once, in time linear in the nodes and their inputs and outputs, so
    // that a join of 100,000 branches costs what 100,000 small nodes cost.
    private Pipeline(Collection<Node> nodes) {
        Set<Node> distinct = new LinkedHashSet<>();
        for (Node node : nodes) {
            distinct.add(Objects.requireNonNull(node, "node"));
        }
        this.byName = indexByName(distinct);
        this.producerByDataset = indexProducers(distinct);
        checkTranscoding(distinct);
        Map<Node, List<Node>> unordered = new HashMap<>(capacity(distinct.size()));
        for (Node node : distinct) {
            unordered.put(node, producersRead(node));
        }
        this.nodes = List.copyOf(topologicalOrder(distinct, unordered));
        Map<Node, Integer> position = new HashMap<>(capacity(this.nodes.size()));
        for (int i = 0; i < this.nodes.size(); i++) {
            position.put(this.nodes.get(i), i);
        }
        this.parents = new HashMap<>(capacity(this.nodes.size()));
        this.children = new HashMap<>(capacity(this.nodes.size()));
        for (Node node : this.nodes) {
            children.put(node, new ArrayList<>());
        }
        for (Node node : this.nodes) {
            List<Node> sorted = new ArrayList<>(unordered.get(node));
            sorted.sort(Comparator.comparing(position::get));
            parents.put(node, List.copyOf(sorted));
            // Nodes are visited in topological order, so each child list comes out in that order.
            for (Node parent : sorted) {
                children.get(parent).add(node);
            }
        }
        children.replaceAll((node, list) -> List.copyOf(list));
        this.consumersByDataset = indexConsumers(this.nodes);
    }

    /** A pipeline of the given nodes; equal nodes are kept once. */
    public static Pipeline of(Node... nodes) {
        return new Pipeline(List.of(nodes));
    }

    /** A pipeline of the given nodes; equal nodes are kept once. */
    public static Pipeline of(Collection<Node> nodes) {
        return new Pipeline(nodes);
    }

    /**
     * The union of the given pipelines: every node of each, a node shared by several (same name,
     * inputs and outputs) kept once in its first pipeline's copy. Kedro's {@code sum(pipelines)}.
     *
     * @throws PipelineDefinitionException if two different nodes share a name or an output
     */
    public static Pipeline concat(Collection<Pipeline> pipelines) {
        Map<NodeKey, Node> all = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            for (Node node : pipeline.nodes) {
                all.putIfAbsent(NodeKey.of(node), node);
            }
        }
        return new Pipeline(all.values());
    }

    /** The union of the given pipelines; see {@link #concat(Collection)}. */
    public static Pipeline concat(Pipeline... pipelines) {
        return concat(List.of(pipelines));
    }

    /**
     * Starts reusing {@code pipeline} as a modular pipeline: under a namespace, with renamed inputs,
     * outputs and parameters (Kedro's {@code pipeline(pipe, inputs=, outputs=, parameters=,
     * namespace=)}).
     */
    public static ModularPipelineBuilder modular(Pipeline pipeline) {
        return new ModularPipelineBuilder(pipeline);
    }

    /** The nodes in a deterministic topological order: producers first, ties broken by name. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * The nodes in topological levels (Kedro's {@code grouped_nodes}): the first group holds the nodes
     * that depend on no other node of this pipeline, and each later group the nodes whose producers are
     * all in earlier groups. Nodes of one group do not depend on each other, so an orchestrator may run
     * them in parallel. Each group is sorted by node name.
     */
    public List<List<Node>> groupedNodes() {
        Map<Node, Integer> level = new HashMap<>();
        List<List<Node>> groups = new ArrayList<>();
        for (Node node : nodes) {
            // Topological order: every parent already has its level.
            int depth = 0;
            for (Node parent : parentsOf(node)) {
                depth = Math.max(depth, level.get(parent) + 1);
            }
            level.put(node, depth);
            if (depth == groups.size()) {
                groups.add(new ArrayList<>());
            }
            groups.get(depth).add(node);
        }
        List<List<Node>> sorted = new ArrayList<>(groups.size());
        for (List<Node> group : groups) {
            group.sort(Comparator.comparing(Node::name));
            sorted.add(List.copyOf(group));
        }
        return List.copyOf(sorted);
    }

    /**
     * What is valid but probably not meant, as {@link Warning}s with an empty source (the project names
     * the pipeline): a namespace interrupted by nodes outside it (Kedro's "Namespace 'a' is interrupted
     * by nodes ['mid'] and thus invalid"), and an input no node writes whose name looks like a typo of
     * a dataset that a node does write ({@link Suggestions#isLikelyTypo}). Computed once, on first call.
     */
    public List<Warning> warnings() {
        List<Warning> found = warnings;
        if (found == null) {
            found = PipelineWarnings.of(this);
            warnings = found;
        }
        return found;
    }

    /** Whether this pipeline has no nodes. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The node called {@code name}. */
    public Node node(String name) {
        Node node = byName.get(name);
        if (node == null) {
            throw new PipelineDefinitionException(GraphMessages.unknownNodes(List.of(name), byName.keySet()));
        }
        return node;
    }

    /** Names of all nodes, sorted. */
    public Set<String> nodeNames() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /** Every input of every node, as written (with transcoding suffixes). */
    public Set<String> allInputs() {
        Set<String> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(n.inputs()));
        return Collections.unmodifiableSet(all);
    }

    /** Every output of every node, as written (with transcoding suffixes). */
    public Set<String> allOutputs() {
        Set<String> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(n.outputs()));
        return Collections.unmodifiableSet(all);
    }

    /**
     * Free inputs: inputs that no node in this pipeline produces (compared with transcoding
     * stripped), as written. These must come from the catalog.
     */
    public Set<String> inputs() {
        Set<String> free = new TreeSet<>();
        for (String input : allInputs()) {
            if (!producerByDataset.containsKey(DatasetNames.strip(input))) {
                free.add(input);
            }
        }
        return Collections.unmodifiableSet(free);
    }

    /** Free outputs: outputs no node in this pipeline consumes (compared with transcoding stripped). */
    public Set<String> outputs() {
        Set<String> free = new TreeSet<>();
        for (String output : allOutputs()) {
            if (!consumersByDataset.containsKey(DatasetNames.strip(output))) {
                free.add(output);
            }
        }
        return Collections.unmodifiableSet(free);
    }

    /** Every dataset name used, as written. */
    public Set<String> datasets() {
        Set<String> all = new TreeSet<>(allInputs());
        all.addAll(allOutputs());
        return Collections.unmodifiableSet(all);
    }

    /** The node that produces {@code dataset} (any transcoding of it), or {@code null} for a free input. */
    public Node producerOf(String dataset) {
        return producerByDataset.get(DatasetNames.strip(dataset));
    }

    /** The nodes that read {@code dataset} (any transcoding of it), in topological order. */
    public List<Node> consumersOf(String dataset) {
        return consumersByDataset.getOrDefault(DatasetNames.strip(dataset), List.of());
    }

    /**
     * The nodes whose outputs {@code node} reads, each once, in topological order.
     *
     * @throws IllegalArgumentException if {@code node} is not in this pipeline
     */
    public List<Node> parentsOf(Node node) {
        return indexed(parents, node);
    }

    /**
     * The nodes that read an output of {@code node}, each once, in topological order.
     *
     * @throws IllegalArgumentException if {@code node} is not in this pipeline
     */
    public List<Node> childrenOf(Node node) {
        return indexed(children, node);
    }

    private static List<Node> indexed(Map<Node, List<Node>> index, Node node) {
        List<Node> found = index.get(node);
        if (found == null) {
            throw new IllegalArgumentException("Node '" + node.name() + "' is not in this pipeline");
        }
        return found;
    }

    /** The distinct producers of {@code node}'s inputs, in input order. */
    private List<Node> producersRead(Node node) {
        Set<Node> found = new LinkedHashSet<>();
        for (String input : node.inputs()) {
            Node producer = producerByDataset.get(DatasetNames.strip(input));
            if (producer != null) {
                found.add(producer);
            }
        }
        return new ArrayList<>(found);
    }

    private static int capacity(int entries) {
        return (int) Math.min(Integer.MAX_VALUE, entries * 4L / 3 + 1);
    }

    /** Tags used by any node, sorted. */
    public Set<String> tags() {
        Set<String> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(n.tags()));
        return Collections.unmodifiableSet(all);
    }

    /**
     * This pipeline plus the nodes of {@code other} (Kedro's {@code +}). A node of {@code other}
     * with the same name, inputs and outputs as one of this pipeline is the same node; this
     * pipeline's copy is kept.
     *
     * @throws PipelineDefinitionException if two different nodes share a name or an output
     */
    public Pipeline union(Pipeline other) {
        return concat(List.of(this, other));
    }

    /**
     * The nodes of this pipeline that are not in {@code other} (Kedro's {@code -}); nodes match by
     * name, inputs and outputs.
     */
    public Pipeline minus(Pipeline other) {
        Set<NodeKey> theirs = other.keys();
        return subset(
                nodes.stream().filter(n -> !theirs.contains(NodeKey.of(n))).toList());
    }

    /**
     * The nodes of this pipeline that are also in {@code other} (Kedro's {@code &}); nodes match by
     * name, inputs and outputs, and this pipeline's copies are kept.
     */
    public Pipeline intersect(Pipeline other) {
        Set<NodeKey> theirs = other.keys();
        return subset(nodes.stream().filter(n -> theirs.contains(NodeKey.of(n))).toList());
    }

    /**
     * Only the nodes with the given names; no name gives an empty pipeline.
     *
     * @throws PipelineDefinitionException if a name is unknown (the message suggests the closest node
     *     name, such as the namespaced {@code ns.name} for {@code name})
     */
    public Pipeline onlyNodes(String... names) {
        return subset(namedNodes("onlyNodes", names));
    }

    /**
     * The given nodes and every node that depends on them, directly or transitively (Kedro's
     * {@code from_nodes}).
     *
     * @throws PipelineDefinitionException if a name is unknown
     */
    public Pipeline fromNodes(String... names) {
        return subset(downstream(namedNodes("fromNodes", names)));
    }

    /**
     * The given nodes and every node they depend on, directly or transitively (Kedro's
     * {@code to_nodes}).
     *
     * @throws PipelineDefinitionException if a name is unknown
     */
    public Pipeline toNodes(String... names) {
        return subset(upstream(namedNodes("toNodes", names)));
    }

    /**
     * The nodes that read any of the given datasets (Kedro's {@code only_nodes_with_inputs}). A plain
     * name matches every transcoding of the dataset; {@code name@format} matches only the nodes that read
     * exactly that transcoding. A dataset no node reads (a free output) selects nothing.
     *
     * @throws PipelineDefinitionException if a dataset is not used by this pipeline
     */
    public Pipeline onlyNodesWithInputs(String... datasets) {
        return subset(readers("onlyNodesWithInputs", datasets));
    }

    /**
     * The nodes that read the given datasets and every node that depends on them, directly or
     * transitively (Kedro's {@code from_inputs}); the producers of those datasets are not included.
     * Datasets match as in {@link #onlyNodesWithInputs}.
     *
     * @throws PipelineDefinitionException if a dataset is not used by this pipeline
     */
    public Pipeline fromInputs(String... datasets) {
        return subset(downstream(readers("fromInputs", datasets)));
    }

    /**
     * The nodes that write any of the given datasets (Kedro's {@code only_nodes_with_outputs}). A plain
     * name matches every transcoding of the dataset; {@code name@format} matches only a node that writes
     * exactly that transcoding. A dataset no node writes (a free input) selects nothing.
     *
     * @throws PipelineDefinitionException if a dataset is not used by this pipeline
     */
    public Pipeline onlyNodesWithOutputs(String... datasets) {
        return subset(writers("onlyNodesWithOutputs", datasets));
    }

    /**
     * The nodes that write the given datasets and every node they depend on, directly or transitively
     * (Kedro's {@code to_outputs}). Datasets match as in {@link #onlyNodesWithOutputs}.
     *
     * @throws PipelineDefinitionException if a dataset is not used by this pipeline
     */
    public Pipeline toOutputs(String... datasets) {
        return subset(upstream(writers("toOutputs", datasets)));
    }

    /** The nodes that have any of the given tags; tags no node has select nothing, as in Kedro. */
    public Pipeline onlyNodesWithTags(String... tags) {
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(tags));
        return subset(nodes.stream()
                .filter(n -> n.tags().stream().anyMatch(wanted::contains))
                .toList());
    }

    /**
     * The nodes in any of the given namespaces, or in namespaces nested in them ({@code ns} selects
     * {@code ns} and {@code ns.inner}, not {@code ns_other}).
     *
     * @throws PipelineDefinitionException if one of them holds no node (as in Kedro: a namespace is a
     *     name, and an unknown name is a mistake)
     */
    public Pipeline onlyNodesWithNamespaces(String... namespaces) {
        Set<Node> selected = new LinkedHashSet<>();
        Set<String> unmatched = new TreeSet<>();
        for (String namespace : namespaces) {
            List<Node> matching = nodes.stream()
                    .filter(n -> n.namespace()
                            .filter(ns -> ns.equals(namespace) || ns.startsWith(namespace + "."))
                            .isPresent())
                    .toList();
            if (matching.isEmpty()) {
                unmatched.add(namespace);
            }
            selected.addAll(matching);
        }
        if (!unmatched.isEmpty()) {
            throw new PipelineDefinitionException(GraphMessages.unknownNamespaces(unmatched, namespaces()));
        }
        return subset(selected);
    }

    /**
     * The nodes that every filter in {@code filter} selects, each filter applied to this whole
     * pipeline (so their order does not matter), as Kedro's {@code Pipeline.filter} and
     * {@code kedro run}'s options do. An empty filter selects every node. When no node passes every
     * filter the result is empty (Kedro's {@code filter} raises instead); {@link #selections} says
     * what each filter selected, for telling the user why.
     *
     * @throws PipelineDefinitionException if a filter names a node, dataset or namespace this pipeline
     *     does not have
     */
    public Pipeline filter(Filter filter) {
        Set<String> kept = new LinkedHashSet<>(byName.keySet());
        for (Selection selection : selections(filter)) {
            kept.retainAll(selection.nodes());
        }
        return kept.size() == byName.size()
                ? this
                : subset(kept.stream().map(byName::get).toList());
    }

    /**
     * What each filter given in {@code filter} selects from this whole pipeline on its own, in the order
     * {@link Filter}'s components are declared. A filter that selects nothing carries a hint saying why.
     *
     * @throws PipelineDefinitionException if a filter names a node, dataset or namespace this pipeline
     *     does not have
     */
    public List<Selection> selections(Filter filter) {
        List<Selection> selections = new ArrayList<>();
        select(selections, "tags", filter.tags(), this::onlyNodesWithTags);
        select(selections, "fromNodes", filter.fromNodes(), this::fromNodes);
        select(selections, "toNodes", filter.toNodes(), this::toNodes);
        select(selections, "nodeNames", filter.nodeNames(), this::onlyNodes);
        select(selections, "fromInputs", filter.fromInputs(), this::fromInputs);
        select(selections, "toOutputs", filter.toOutputs(), this::toOutputs);
        select(selections, "nodeNamespaces", filter.nodeNamespaces(), this::onlyNodesWithNamespaces);
        return List.copyOf(selections);
    }

    private void select(
            List<Selection> selections, String kind, List<String> names, Function<String[], Pipeline> slice) {
        if (names.isEmpty()) {
            return;
        }
        Set<String> selected = slice.apply(names.toArray(String[]::new)).nodeNames();
        String hint = "";
        if (selected.isEmpty()) {
            hint = switch (kind) {
                case "tags" -> GraphMessages.noNodeWithTags(names, tags());
                case "fromInputs" -> GraphMessages.nothingReads(names, inputs());
                case "toOutputs" -> GraphMessages.nothingWrites(names, outputs());
                default -> "";
            };
        }
        selections.add(new Selection(kind, names, selected, hint));
    }

    /**
     * Why {@code filter} selects no node of this pipeline, for a message that starts with the pipeline's
     * name: "contains no nodes after applying all provided filters: " (Kedro's words), then what each
     * filter selected, each named by {@code label} (such as a CLI option for a {@link Filter} component).
     */
    public String whyEmpty(Filter filter, UnaryOperator<String> label) {
        List<String> parts = new ArrayList<>();
        List<Selection> selections = selections(filter);
        for (Selection selection : selections) {
            parts.add(selection.describe(label.apply(selection.filter())));
        }
        String advice = selections.size() > 1
                ? ". A node is selected only if every filter selects it: loosen or drop one of them."
                : ".";
        return "contains no nodes after applying all provided filters: " + String.join("; ", parts) + advice;
    }

    /** A copy of this pipeline with {@code tags} added to every node. */
    public Pipeline tag(String... tags) {
        if (tags.length == 0) {
            return this;
        }
        return new Pipeline(nodes.stream().map(n -> n.withTags(tags)).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pipeline other && new LinkedHashSet<>(nodes).equals(new LinkedHashSet<>(other.nodes));
    }

    @Override
    public int hashCode() {
        return new LinkedHashSet<>(nodes).hashCode();
    }

    @Override
    public String toString() {
        return "Pipeline(" + nodes.size() + " nodes: " + nodeNames() + ")";
    }

    /**
     * Which nodes {@link Pipeline#filter} keeps: every non-empty list is one filter, and a node is
     * kept only if every filter selects it. The lists mirror Kedro's {@code Pipeline.filter} arguments
     * and {@code kedro run}'s options; a {@code null} list means "not given".
     *
     * @param tags nodes with any of these tags ({@link Pipeline#onlyNodesWithTags})
     * @param fromNodes these nodes and their descendants ({@link Pipeline#fromNodes})
     * @param toNodes these nodes and their ancestors ({@link Pipeline#toNodes})
     * @param nodeNames exactly these nodes ({@link Pipeline#onlyNodes})
     * @param fromInputs readers of these datasets and their descendants ({@link Pipeline#fromInputs})
     * @param toOutputs writers of these datasets and their ancestors ({@link Pipeline#toOutputs})
     * @param nodeNamespaces nodes in these namespaces ({@link Pipeline#onlyNodesWithNamespaces})
     */
    public record Filter(
            List<String> tags,
            List<String> fromNodes,
            List<String> toNodes,
            List<String> nodeNames,
            List<String> fromInputs,
            List<String> toOutputs,
            List<String> nodeNamespaces) {
        private static final Filter NONE = new Filter(null, null, null, null, null, null, null);

        public Filter {
            tags = copy(tags);
            fromNodes = copy(fromNodes);
            toNodes = copy(toNodes);
            nodeNames = copy(nodeNames);
            fromInputs = copy(fromInputs);
            toOutputs = copy(toOutputs);
            nodeNamespaces = copy(nodeNamespaces);
        }

        /** The filter that keeps every node; add filters with the {@code with...} methods. */
        public static Filter none() {
            return NONE;
        }

        public Filter withTags(Collection<String> tags) {
            return new Filter(List.copyOf(tags), fromNodes, toNodes, nodeNames, fromInputs, toOutputs, nodeNamespaces);
        }

        public Filter withFromNodes(Collection<String> fromNodes) {
            return new Filter(tags, List.copyOf(fromNodes), toNodes, nodeNames, fromInputs, toOutputs, nodeNamespaces);
        }

        public Filter withToNodes(Collection<String> toNodes) {
            return new Filter(tags, fromNodes, List.copyOf(toNodes), nodeNames, fromInputs, toOutputs, nodeNamespaces);
        }

        public Filter withNodeNames(Collection<String> nodeNames) {
            return new Filter(tags, fromNodes, toNodes, List.copyOf(nodeNames), fromInputs, toOutputs, nodeNamespaces);
        }

        public Filter withFromInputs(Collection<String> fromInputs) {
            return new Filter(tags, fromNodes, toNodes, nodeNames, List.copyOf(fromInputs), toOutputs, nodeNamespaces);
        }

        public Filter withToOutputs(Collection<String> toOutputs) {
            return new Filter(tags, fromNodes, toNodes, nodeNames, fromInputs, List.copyOf(toOutputs), nodeNamespaces);
        }

        public Filter withNodeNamespaces(Collection<String> nodeNamespaces) {
            return new Filter(tags, fromNodes, toNodes, nodeNames, fromInputs, toOutputs, List.copyOf(nodeNamespaces));
        }

        /** Whether no filter is given, so that every node is kept. */
        public boolean isEmpty() {
            return tags.isEmpty()
                    && fromNodes.isEmpty()
                    && toNodes.isEmpty()
                    && nodeNames.isEmpty()
                    && fromInputs.isEmpty()
                    && toOutputs.isEmpty()
                    && nodeNamespaces.isEmpty();
        }

        private static List<String> copy(List<String> names) {
            return names == null ? List.of() : List.copyOf(names);
        }
    }

    /**
     * What one filter of a {@link Filter} selects on its own.
     *
     * @param filter the {@link Filter} component: {@code tags}, {@code fromNodes}, {@code toNodes},
     *     {@code nodeNames}, {@code fromInputs}, {@code toOutputs} or {@code nodeNamespaces}
     * @param names the names given to it
     * @param nodes the names of the nodes it selects, sorted
     * @param hint when it selects nothing, why (and what would select something); otherwise empty
     */
    public record Selection(String filter, List<String> names, Set<String> nodes, String hint) {
        public Selection {
            names = List.copyOf(names);
            nodes = Collections.unmodifiableSet(new TreeSet<>(nodes));
        }

        /**
         * One line for the user, with {@code label} standing for the filter (such as the CLI's
         * {@code --tags}): {@code --tags [dp] selects [a, b]}, or why it selects no node.
         */
        public String describe(String label) {
            if (nodes.isEmpty()) {
                return label + " " + names + " selects no node" + (hint.isEmpty() ? "" : ": " + hint);
            }
            return label + " " + names + " selects " + GraphMessages.listed(nodes);
        }
    }

    /** Kedro's node identity for set algebra: name, inputs and outputs (not tags or function). */
    private record NodeKey(String name, List<String> inputs, List<String> outputs) {
        static NodeKey of(Node node) {
            return new NodeKey(node.name(), node.inputs(), node.outputs());
        }
    }

    private Set<NodeKey> keys() {
        Set<NodeKey> keys = new HashSet<>();
        nodes.forEach(n -> keys.add(NodeKey.of(n)));
        return keys;
    }

    /** A pipeline of some of this pipeline's nodes; valid because any subset of a valid DAG is. */
    private Pipeline subset(Collection<Node> selected) {
        return new Pipeline(selected);
    }

    private Set<Node> namedNodes(String method, String[] names) {
        Set<String> unknown = new TreeSet<>();
        Set<Node> selected = new LinkedHashSet<>();
        for (String name : names) {
            Node node = byName.get(name);
            if (node == null) {
                unknown.add(name);
            } else {
                selected.add(node);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PipelineDefinitionException(GraphMessages.unknownNodes(unknown, byName.keySet()));
        }
        return selected;
    }

    /** The nodes that read any of {@code datasets} (exactly that transcoding, if one is given). */
    private Set<Node> readers(String method, String[] datasets) {
        Set<Node> readers = new LinkedHashSet<>();
        for (String dataset : knownDatasets(method, datasets)) {
            for (Node consumer : consumersOf(dataset)) {
                if (!DatasetNames.isTranscoded(dataset) || consumer.inputs().contains(dataset)) {
                    readers.add(consumer);
                }
            }
        }
        return readers;
    }

    /** The nodes that write any of {@code datasets} (exactly that transcoding, if one is given). */
    private Set<Node> writers(String method, String[] datasets) {
        Set<Node> writers = new LinkedHashSet<>();
        for (String dataset : knownDatasets(method, datasets)) {
            Node producer = producerOf(dataset);
            if (producer != null
                    && (!DatasetNames.isTranscoded(dataset)
                            || producer.outputs().contains(dataset))) {
                writers.add(producer);
            }
        }
        return writers;
    }

    /** The given dataset names, checked to exist as written or as a base name (as Kedro checks them). */
    private Set<String> knownDatasets(String method, String[] datasets) {
        Set<String> known = new TreeSet<>(datasets());
        known.addAll(known.stream().map(DatasetNames::strip).toList());
        Set<String> unknown = new TreeSet<>();
        for (String dataset : datasets) {
            if (!known.contains(dataset)) {
                unknown.add(dataset);
            }
        }
        if (!unknown.isEmpty()) {
            String how = "with " + method + " " + Arrays.toString(datasets);
            throw new PipelineDefinitionException(GraphMessages.unknownDatasets(how, unknown, known));
        }
        return new LinkedHashSet<>(Arrays.asList(datasets));
    }

    /** {@code start} and every node that reads, directly or transitively, what they write. */
    private Set<Node> downstream(Set<Node> start) {
        Set<Node> reached = new LinkedHashSet<>(start);
        Deque<Node> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String output : queue.poll().outputs()) {
                for (Node consumer : consumersOf(output)) {
                    if (reached.add(consumer)) {
                        queue.add(consumer);
                    }
                }
            }
        }
        return reached;
    }

    /** {@code start} and every node that writes, directly or transitively, what they read. */
    private Set<Node> upstream(Set<Node> start) {
        Set<Node> reached = new LinkedHashSet<>(start);
        Deque<Node> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String input : queue.poll().inputs()) {
                Node producer = producerOf(input);
                if (producer != null && reached.add(producer)) {
                    queue.add(producer);
                }
            }
        }
        return reached;
    }

    /** Every namespace of a node, with the namespaces it is nested in: {@code a.b} gives a and a.b. */
    private Set<String> namespaces() {
        Set<String> all = new TreeSet<>();
        for (Node node : nodes) {
            node.namespace().ifPresent(ns -> {
                for (int dot = ns.indexOf('.'); dot >= 0; dot = ns.indexOf('.', dot + 1)) {
                    all.add(ns.substring(0, dot));
                }
                all.add(ns);
            });
        }
        return all;
    }

    private static Map<String, Node> indexByName(Collection<Node> nodes) {
        Map<String, Node> byName = new LinkedHashMap<>();
        Set<String> duplicates = new TreeSet<>();
        for (Node node : nodes) {
            if (byName.putIfAbsent(node.name(), node) != null) {
                duplicates.add(node.name());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new PipelineDefinitionException(GraphMessages.duplicateNodeNames(duplicates));
        }
        return byName;
    }

    private static Map<String, Node> indexProducers(Collection<Node> nodes) {
        Map<String, Node> producers = new HashMap<>();
        Map<String, Set<String>> clashes = new TreeMap<>();
        for (Node node : nodes) {
            for (String output : node.outputs()) {
                String base = DatasetNames.strip(output);
                Node previous = producers.putIfAbsent(base, node);
                if (previous != null) {
                    clashes.computeIfAbsent(base, k -> new TreeSet<>(List.of(previous.name())))
                            .add(node.name());
                }
            }
        }
        if (!clashes.isEmpty()) {
            Map.Entry<String, Set<String>> first = clashes.entrySet().iterator().next();
            throw new PipelineDefinitionException(GraphMessages.outputProducedTwice(first.getKey(), first.getValue()));
        }
        return producers;
    }

    private static void checkTranscoding(Collection<Node> nodes) {
        Set<String> plain = new HashSet<>();
        Map<String, Set<String>> transcoded = new HashMap<>();
        for (Node node : nodes) {
            for (List<String> names : List.of(node.inputs(), node.outputs())) {
                for (String name : names) {
                    if (DatasetNames.isTranscoded(name)) {
                        transcoded
                                .computeIfAbsent(DatasetNames.strip(name), k -> new TreeSet<>())
                                .add(name);
                    } else {
                        plain.add(name);
                    }
                }
            }
        }
        Set<String> mixed = new TreeSet<>(transcoded.keySet());
        mixed.retainAll(plain);
        if (!mixed.isEmpty()) {
            String base = mixed.iterator().next();
            Set<String> used = new TreeSet<>(transcoded.get(base));
            used.add(base);
            throw new PipelineDefinitionException(GraphMessages.mixedTranscoding(base, used));
        }
    }

    private static Map<String, List<Node>> indexConsumers(Collection<Node> nodes) {
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node node : nodes) {
            for (String input : new LinkedHashSet<>(node.inputs())) {
                consumers
                        .computeIfAbsent(DatasetNames.strip(input), k -> new ArrayList<>())
                        .add(node);
            }
        }
        return consumers;
    }

    private static List<Node> topologicalOrder(Collection<Node> all, Map<Node, List<Node>> parentsOf) {
        Map<Node, List<Node>> childrenOf = new HashMap<>(capacity(all.size()));
        Map<Node, Integer> pending = new HashMap<>(capacity(all.size()));
        for (Node node : all) {
            List<Node> nodeParents = parentsOf.get(node);
            pending.put(node, nodeParents.size());
            for (Node parent : nodeParents) {
                childrenOf.computeIfAbsent(parent, k -> new ArrayList<>()).add(node);
            }
        }
        PriorityQueue<Node> ready = new PriorityQueue<>(Comparator.comparing(Node::name));
        for (Node node : all) {
            if (pending.get(node) == 0) {
                ready.add(node);
            }
        }
        List<Node> order = new ArrayList<>(all.size());
        while (!ready.isEmpty()) {
            Node next = ready.poll();
            order.add(next);
            for (Node child : childrenOf.getOrDefault(next, List.of())) {
                if (pending.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != all.size()) {
            throw new PipelineDefinitionException(
                    GraphMessages.cycle(findCycle(all, childrenOf, new HashSet<>(order))));
        }
        return order;
    }

    private static List<String> findCycle(Collection<Node> all, Map<Node, List<Node>> children, Set<Node> acyclic) {
        // Depth-first search over the nodes left after Kahn's algorithm: each lies on or behind a cycle.
        Set<Node> done = new HashSet<>(acyclic);
        for (Node start : all) {
            if (done.contains(start)) {
                continue;
            }
            Deque<Node> path = new ArrayDeque<>();
            Set<Node> onPath = new HashSet<>();
            List<String> cycle = walk(start, children, done, path, onPath);
            if (cycle != null) {
                return cycle;
            }
        }
        throw new IllegalStateException("topological sort failed without a cycle");
    }

    private static List<String> walk(
            Node node, Map<Node, List<Node>> children, Set<Node> done, Deque<Node> path, Set<Node> onPath) {
        path.addLast(node);
        onPath.add(node);
        for (Node child : children.getOrDefault(node, List.of())) {
            if (onPath.contains(child)) {
                List<String> cycle = new ArrayList<>();
                boolean inCycle = false;
                for (Node n : path) {
                    inCycle |= n.equals(child);
                    if (inCycle) {
                        cycle.add(n.name());
                    }
                }
                cycle.add(child.name());
                return cycle;
            }
            if (!done.contains(child)) {
                List<String> cycle = walk(child, children, done, path, onPath);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        onPath.remove(node);
        done.add(node);
        return null;
    }
}
