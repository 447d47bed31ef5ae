package dev.sluice.pipeline;

import dev.sluice.Warning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a valid pipeline may still get wrong, found by {@link Pipeline#warnings()}: namespaces
 * interrupted by nodes outside them (Kedro's check, with its message), and inputs no node produces
 * whose names look like a typo of a dataset that a node does produce.
 */
final class PipelineWarnings {
    private PipelineWarnings() {}

    static List<Warning> of(Pipeline pipeline) {
        List<Warning> warnings = new ArrayList<>();
        interruptedNamespaces(pipeline, warnings);
        misspelledInputs(pipeline, warnings);
        return List.copyOf(warnings);
    }

    /**
     * Kedro's {@code Pipeline._validate_namespaces}: walking the nodes in topological order, each node
     * carries the namespaces that were left on some path leading to it, with the node where the path
     * left; a node inside such a namespace means the namespace is interrupted by the nodes between.
     */
    private static void interruptedNamespaces(Pipeline pipeline, List<Warning> warnings) {
        if (pipeline.nodes().stream().noneMatch(n -> n.namespace().isPresent())) {
            return;
        }
        Map<Node, Integer> position = new HashMap<>();
        for (Node node : pipeline.nodes()) {
            position.put(node, position.size());
        }
        Comparator<Node> order = Comparator.comparing(position::get);
        Map<Node, Map<String, Set<Node>>> left = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Node node : pipeline.nodes()) {
            String current = node.namespace().orElse("");
            Map<String, Set<Node>> visited = new TreeMap<>();
            for (Node parent : pipeline.parentsOf(node)) {
                String last = parent.namespace().orElse("");
                Map<String, Set<Node>> seen = left.get(parent);
                String interrupted = prefixes(current).stream()
                        .filter(seen::containsKey)
                        .findFirst()
                        .orElse(null);
                if (interrupted != null && !(last + ".").startsWith(interrupted + ".")) {
                    Node start = seen.get(interrupted).stream().min(order).orElseThrow();
                    List<String> path = shortestPath(pipeline, start, node);
                    String message = GraphMessages.interruptedNamespace(interrupted, path.subList(0, path.size() - 1));
                    if (reported.add(message)) {
                        warnings.add(new Warning("", message));
                    }
                }
                seen.forEach((ns, nodes) ->
                        visited.computeIfAbsent(ns, k -> new TreeSet<>(order)).addAll(nodes));
                if (!last.isEmpty() && !current.equals(last) && !current.startsWith(last + ".")) {
                    for (String prefix : prefixes(last)) {
                        if (!current.startsWith(prefix)) {
                            visited.computeIfAbsent(prefix, k -> new TreeSet<>(order))
                                    .add(node);
                        }
                    }
                }
            }
            left.put(node, visited);
        }
    }

    /** {@code a.b.c} gives a, a.b and a.b.c; no namespace gives nothing. */
    private static List<String> prefixes(String namespace) {
        List<String> prefixes = new ArrayList<>();
        if (namespace.isEmpty()) {
            return prefixes;
        }
        for (int dot = namespace.indexOf('.'); dot >= 0; dot = namespace.indexOf('.', dot + 1)) {
            prefixes.add(namespace.substring(0, dot));
        }
        prefixes.add(namespace);
        return prefixes;
    }

    /** Node names on a shortest path from {@code start} to {@code end}, both included. */
    private static List<String> shortestPath(Pipeline pipeline, Node start, Node end) {
        Map<Node, Node> previous = new HashMap<>();
        Deque<Node> queue = new ArrayDeque<>(List.of(start));
        previous.put(start, start);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            if (node.equals(end)) {
                break;
            }
            for (Node child : pipeline.childrenOf(node)) {
                if (previous.putIfAbsent(child, node) == null) {
                    queue.add(child);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (Node at = end; ; at = previous.get(at)) {
            path.add(0, at.name());
            if (at.equals(start)) {
                return path;
            }
        }
    }

    /** A free input whose name is a likely typo of a dataset some node writes. */
    private static void misspelledInputs(Pipeline pipeline, List<Warning> warnings) {
        Map<String, String> produced = new LinkedHashMap<>();
        for (Node node : pipeline.nodes()) {
            node.outputs().forEach(output -> produced.put(DatasetNames.strip(output), node.name()));
        }
        for (String input : pipeline.inputs()) {
            String base = DatasetNames.strip(input);
            if (DatasetNames.isParameter(base)) {
                continue;
            }
            produced.keySet().stream()
                    .filter(output -> Suggestions.isLikelyTypo(base, output))
                    .findFirst()
                    .ifPresent(output -> warnings.add(new Warning(
                            "",
                            GraphMessages.misspelledInput(
                                    base,
                                    pipeline.consumersOf(base).stream()
                                            .map(Node::name)
                                            .toList(),
                                    output,
                                    produced.get(output)))));
        }
    }
}
