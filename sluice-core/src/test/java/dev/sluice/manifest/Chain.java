package dev.sluice.manifest;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.testing.FakeStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A four-node chain {@code raw -> n1 -> a -> n2 -> b -> n3 -> c -> n4 -> d} whose datasets live in a
 * {@link FakeStore}, with nodes that count their runs and fail on demand.
 */
final class Chain {
    static final List<String> NODES = List.of("n1", "n2", "n3", "n4");
    static final List<String> OUTPUTS = List.of("a", "b", "c", "d");

    final FakeStore store = new FakeStore();
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Set<String> failing = new CopyOnWriteArraySet<>();

    Chain() {
        store.put("raw", "r");
    }

    Pipeline pipeline() {
        Node[] nodes = new Node[NODES.size()];
        for (int i = 0; i < nodes.length; i++) {
            String name = NODES.get(i);
            String input = i == 0 ? "raw" : OUTPUTS.get(i - 1);
            nodes[i] = Node.named(name).inputs(input).outputs(OUTPUTS.get(i)).fn((String in) -> {
                runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                if (failing.contains(name)) {
                    throw new IllegalStateException("injected failure in " + name);
                }
                return in + "|" + name;
            });
        }
        return Pipeline.of(nodes);
    }

    /** A fresh catalog over the store: every dataset persisted. */
    DataCatalog catalog() {
        DataCatalog.Builder builder = DataCatalog.builder().add("raw", store.dataset("raw"));
        OUTPUTS.forEach(o -> builder.add(o, store.dataset(o)));
        return builder.build();
    }

    int runsOf(String node) {
        AtomicInteger count = runs.get(node);
        return count == null ? 0 : count.get();
    }

    /** Run counts by node, then resets them. */
    Map<String, Integer> takeRuns() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        NODES.forEach(n -> counts.put(n, runsOf(n)));
        runs.clear();
        return counts;
    }
}
