package dev.sluice.pipeline;

import dev.sluice.PipelineDefinitionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable, validated set of {@link Node}s joined by dataset names.
 *
 * <p>A pipeline is checked once when built: node names are unique, each dataset has at most one
 * producer, there is no cycle, and a dataset is not used both with and without a transcoding suffix.
 * Dependencies are resolved on names with the transcoding suffix stripped, so a node reading
 * {@code x@dflib} depends on the node writing {@code x@csv}. Instances are thread-safe.
 */
public final class Pipeline {
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final Map<String, Node> producerByDataset;
    private final Map<String, List<Node>> consumersByDataset;

    private Pipeline(Collection<Node> nodes) {
        Set<Node> distinct = new LinkedHashSet<>(nodes);
        this.byName = indexByName(distinct);
        this.producerByDataset = indexProducers(distinct);
        checkTranscoding(distinct);
        this.consumersByDataset = indexConsumers(distinct);
        this.nodes = Collections.unmodifiableList(topologicalOrder(distinct));
    }

    /** A pipeline of the given nodes; equal nodes are kept once. */
    public static Pipeline of(Node... nodes) {
        return new Pipeline(List.of(nodes));
    }

    /** A pipeline of the given nodes; equal nodes are kept once. */
    public static Pipeline of(Collection<Node> nodes) {
        return new Pipeline(nodes);
    }

    /** A pipeline made of every node of the given pipelines. */
    public static Pipeline concat(Collection<Pipeline> pipelines) {
        List<Node> all = new ArrayList<>();
        for (Pipeline p : pipelines) {
            all.addAll(p.nodes);
        }
        return new Pipeline(all);
    }

    /** The nodes in a deterministic topological order: producers first, ties broken by name. */
    public List<Node> nodes() {
        return nodes;
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

    /** The nodes whose outputs {@code node} reads, in topological order. */
    public List<Node> parentsOf(Node node) {
        Set<Node> parents = new LinkedHashSet<>();
        for (String input : node.inputs()) {
            Node producer = producerOf(input);
            if (producer != null) {
                parents.add(producer);
            }
        }
        List<Node> sorted = new ArrayList<>(parents);
        sorted.sort(Comparator.comparingInt(nodes::indexOf));
        return sorted;
    }

    /** Tags used by any node, sorted. */
    public Set<String> tags() {
        Set<String> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(n.tags()));
        return Collections.unmodifiableSet(all);
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
        Map<String, Set<String>> forms = new TreeMap<>();
        for (Node node : nodes) {
            List<String> names = new ArrayList<>(node.inputs());
            names.addAll(node.outputs());
            for (String name : names) {
                forms.computeIfAbsent(DatasetNames.strip(name), k -> new TreeSet<>())
                        .add(name);
            }
        }
        forms.forEach((base, used) -> {
            if (used.contains(base) && used.size() > 1) {
                throw new PipelineDefinitionException(GraphMessages.mixedTranscoding(base, used));
            }
        });
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

    private List<Node> topologicalOrder(Collection<Node> all) {
        Map<Node, Set<Node>> children = new HashMap<>();
        Map<Node, Integer> pending = new HashMap<>();
        for (Node node : all) {
            Set<Node> parents = new LinkedHashSet<>();
            for (String input : node.inputs()) {
                Node producer = producerByDataset.get(DatasetNames.strip(input));
                if (producer != null) {
                    parents.add(producer);
                }
            }
            pending.put(node, parents.size());
            for (Node parent : parents) {
                children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(node);
            }
        }
        PriorityQueue<Node> ready = new PriorityQueue<>(Comparator.comparing(Node::name));
        pending.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        List<Node> order = new ArrayList<>(all.size());
        while (!ready.isEmpty()) {
            Node next = ready.poll();
            order.add(next);
            for (Node child : children.getOrDefault(next, Set.of())) {
                if (pending.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != all.size()) {
            throw new PipelineDefinitionException(GraphMessages.cycle(findCycle(all, children, new HashSet<>(order))));
        }
        return order;
    }

    private static List<String> findCycle(Collection<Node> all, Map<Node, Set<Node>> children, Set<Node> acyclic) {
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
            Node node, Map<Node, Set<Node>> children, Set<Node> done, Deque<Node> path, Set<Node> onPath) {
        path.addLast(node);
        onPath.add(node);
        for (Node child : children.getOrDefault(node, Set.of())) {
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
