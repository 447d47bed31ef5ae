package dev.sluice.runner;

import dev.sluice.pipeline.Node;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Which ready node to start first: the one with the longest remaining path, the classic list-scheduling
 * rule (HLFET) that keeps the critical path moving while shorter branches fill idle workers.
 *
 * <p>A node's remaining path is its own cost plus the longest remaining path of its children. Costs are
 * the times an earlier run recorded for the nodes when there are any (nodes without a record cost the
 * mean of those with one); otherwise one per node plus one per I/O wait the run's I/O mode puts on the
 * node's own path (under {@code sync}, a load per persisted input and a save per persisted output), so
 * a node that loads three inputs weighs more than one that loads none. Ties go to the earlier node in
 * topological order, which keeps the order deterministic.
 */
final class CriticalPath {
    private final double[] remaining;

    /**
     * @param order the nodes in topological order; ids are positions in it
     * @param children each node's children, by id
     * @param recorded each node's time in an earlier run, by name; may be empty
     * @param ioWaits the number of I/O waits on a node's own path
     */
    CriticalPath(List<Node> order, int[][] children, Map<String, Duration> recorded, ToIntFunction<Node> ioWaits) {
        double[] cost = costs(order, recorded, ioWaits);
        remaining = new double[order.size()];
        for (int id = order.size() - 1; id >= 0; id--) { // children come later in topological order
            double longest = 0;
            for (int child : children[id]) {
                longest = Math.max(longest, remaining[child]);
            }
            remaining[id] = cost[id] + longest;
        }
    }

    private static double[] costs(List<Node> order, Map<String, Duration> recorded, ToIntFunction<Node> ioWaits) {
        double[] cost = new double[order.size()];
        double known = 0;
        int count = 0;
        for (Node node : order) {
            Duration time = recorded.get(node.name());
            if (time != null) {
                known += time.toNanos();
                count++;
            }
        }
        double fallback = count == 0 ? 0 : known / count;
        for (int id = 0; id < cost.length; id++) {
            Node node = order.get(id);
            Duration time = recorded.get(node.name());
            if (count == 0) {
                cost[id] = 1 + ioWaits.applyAsInt(node);
            } else {
                // A node that took no measurable time still counts, so that a longer chain stays longer.
                cost[id] = Math.max(1, time == null ? fallback : time.toNanos());
            }
        }
        return cost;
    }

    /** The remaining path of node {@code id}, itself included. */
    double remaining(int id) {
        return remaining[id];
    }

    /** Longest remaining path first, then topological order. */
    Comparator<Integer> readyOrder() {
        return (a, b) -> {
            int byPath = Double.compare(remaining[b], remaining[a]);
            return byPath != 0 ? byPath : Integer.compare(a, b);
        };
    }
}
