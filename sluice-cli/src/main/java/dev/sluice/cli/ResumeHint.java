package dev.sluice.cli;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.SaveState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a failed run, the {@code --from-nodes} command that re-runs what did not complete: the
 * earliest nodes that did not finish with every persisted output committed, moved back to the
 * producers of any input that was not persisted (a memory dataset is gone once the process ends).
 */
final class ResumeHint {
    private ResumeHint() {}

    static String describe(RunFailedException failure, Pipeline pipeline, DataCatalog catalog, String command) {
        Set<String> done = new TreeSet<>();
        for (Node node : pipeline.nodes()) {
            if (failure.result().nodeStates().get(node.name()) == NodeState.COMPLETED
                    && node.outputs().stream()
                            .allMatch(o -> !persisted(o, catalog)
                                    || failure.result().saveStates().get(o) == SaveState.COMMITTED)) {
                done.add(node.name());
            }
        }
        Set<String> start = new TreeSet<>();
        Deque<Node> work = new ArrayDeque<>();
        for (Node node : pipeline.nodes()) {
            if (!done.contains(node.name())
                    && pipeline.parentsOf(node).stream().allMatch(p -> done.contains(p.name()))) {
                work.add(node);
            }
        }
        Set<Node> seen = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            Node node = work.poll();
            if (!seen.add(node)) {
                continue;
            }
            boolean needsProducers = false;
            for (String input : node.inputs()) {
                Node producer = pipeline.producerOf(input);
                if (producer != null && !persisted(input, catalog)) {
                    work.add(producer);
                    needsProducers = true;
                }
            }
            if (!needsProducers) {
                start.add(node.name());
            }
        }
        if (start.isEmpty()) {
            return "Every node completed; fix the failed save and run again.";
        }
        return "To resume, run:" + System.lineSeparator() + "  " + command + " --from-nodes " + String.join(",", start);
    }

    private static boolean persisted(String dataset, DataCatalog catalog) {
        return catalog.entry(dataset).map(e -> e.dataset().isPersistent()).orElse(false);
    }
}
