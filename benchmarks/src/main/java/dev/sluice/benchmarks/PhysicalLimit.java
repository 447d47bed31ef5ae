package dev.sluice.benchmarks;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The earliest a run could have ended, given what its nodes actually cost: the bound a benchmark's
 * wall time is divided by.
 *
 * <p>The model is DESIGN.md's: saves have unlimited background parallelism, loads of intermediates are
 * free (the value is handed on in memory), and a node starts when its parents have finished and its
 * free inputs are loaded (all free inputs start loading at once). Three bounds follow, and the limit is
 * the largest:
 *
 * <ul>
 *   <li><b>path</b>: with as many workers as nodes, node {@code n} finishes at {@code finish(n) =
 *       max(finish of its parents, load time of its free inputs) + compute(n)}, and the run ends no
 *       earlier than {@code finish(n) + save(n)} for every {@code n}, where {@code save(n)} is the
 *       longest save delay of {@code n}'s persisted outputs (zero if it writes none);
 *   <li><b>work</b>: all compute shares the workers, so the run takes at least {@code total compute /
 *       workers};
 *   <li><b>work, then a save</b>: every node that writes a persisted output, and every ancestor of one,
 *       must have computed before the last such node can start its save, so the run takes at least
 *       {@code their compute / workers} plus the shortest save delay among those writers.
 * </ul>
 *
 * <p>With one worker per node the path bound rules (Iris under the sequential runner is a chain, where
 * the bounds agree). When many nodes share few cores (the wide pipeline, 16 branches on 2 workers) the
 * path bound alone under-estimates the limit and the third bound takes over. The work bounds treat
 * compute as divisible between workers, so they never over-estimate.
 *
 * <p>A fourth bound comes from the machine rather than the DAG: a run cannot end before the cores have
 * done its CPU work ({@link #withCpu}). Where nodes, encoders and servers share few cores, it is the one
 * that holds.
 *
 * @param limit the largest of the bounds: the physical limit of the run
 * @param pathBound the path bound
 * @param workBound the larger of the two work bounds
 * @param pathCompute the compute on the critical path without any save ({@code max finish(n)})
 * @param cpuBound the <b>CPU bound</b>: all the CPU time the run used (node compute, encoding, the
 *     runner, the JVM's own threads) divided by the cores, when known ({@link #withCpu}); zero otherwise.
 *     Compute that waits for a core shows in wall time but not in CPU time, so this bound holds even
 *     when the other two count compute as if every worker had a core of its own.
 */
record PhysicalLimit(Duration limit, Duration pathBound, Duration workBound, Duration pathCompute, Duration cpuBound) {

    /** Whether the workers, not the critical path, set the limit. */
    boolean boundByWorkers() {
        return workBound.compareTo(pathBound) > 0 && workBound.compareTo(cpuBound) >= 0;
    }

    /** Whether the machine's cores, not the DAG or the workers, set the limit. */
    boolean boundByCpu() {
        return cpuBound.compareTo(pathBound) > 0 && cpuBound.compareTo(workBound) > 0;
    }

    /** What sets the limit, in the words of the tables. */
    String setBy(int workers, int cores) {
        if (boundByCpu()) {
            return "CPU on " + cores + " cores";
        }
        if (boundByWorkers()) {
            return workers == 1 ? "compute on 1 worker" : "compute on " + workers + " workers";
        }
        return "critical path";
    }

    /** This limit with the CPU bound of a run that used {@code cpu} of CPU time on {@code cores} cores. */
    PhysicalLimit withCpu(Duration cpu, int cores) {
        Duration bound = cpu.dividedBy(cores);
        return new PhysicalLimit(max(limit, bound), pathBound, workBound, pathCompute, bound);
    }

    /**
     * Computes the limit of one run of {@code pipeline}.
     *
     * @param compute each node's compute time in the run, by node name; every node must have one
     * @param freeInputLoads the time it took to load each free input once; missing ones count as zero
     * @param saveDelays the save delay of each persisted dataset; datasets not listed are not persisted
     * @param workers how many nodes can compute at once (1 for the sequential runner)
     * @throws IllegalArgumentException if a node has no compute time or {@code workers} is below 1
     */
    static PhysicalLimit of(
            Pipeline pipeline,
            Map<String, Duration> compute,
            Map<String, Duration> freeInputLoads,
            Map<String, Duration> saveDelays,
            int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        Map<Node, Duration> finish = finishTimes(pipeline, compute, freeInputLoads);
        Duration pathCompute = Duration.ZERO;
        Duration pathBound = Duration.ZERO;
        Duration totalCompute = Duration.ZERO;
        for (Node node : pipeline.nodes()) {
            Duration end = finish.get(node);
            pathCompute = max(pathCompute, end);
            pathBound = max(pathBound, end.plus(saveOf(node, saveDelays)));
            totalCompute = totalCompute.plus(computeOf(node, compute));
        }
        Duration workBound = totalCompute.dividedBy(workers);
        Set<Node> writers = new HashSet<>();
        for (Node node : pipeline.nodes()) {
            if (!saveOf(node, saveDelays).isZero()) {
                writers.add(node);
            }
        }
        if (!writers.isEmpty()) {
            Set<Node> needed = withAncestors(pipeline, writers);
            Duration neededCompute = Duration.ZERO;
            for (Node node : needed) {
                neededCompute = neededCompute.plus(computeOf(node, compute));
            }
            Duration shortestSave = writers.stream()
                    .map(node -> saveOf(node, saveDelays))
                    .min(Duration::compareTo)
                    .orElseThrow();
            workBound = max(workBound, neededCompute.dividedBy(workers).plus(shortestSave));
        }
        return new PhysicalLimit(max(pathBound, workBound), pathBound, workBound, pathCompute, Duration.ZERO);
    }

    /**
     * The earliest each node can finish with as many workers as nodes: {@code finish(n) = max(finish of
     * its parents, load time of its free inputs) + compute(n)}.
     *
     * @throws IllegalArgumentException if a node has no compute time
     */
    static Map<Node, Duration> finishTimes(
            Pipeline pipeline, Map<String, Duration> compute, Map<String, Duration> freeInputLoads) {
        Map<Node, Duration> finish = new HashMap<>();
        for (Node node : pipeline.nodes()) { // topological order: parents come first
            Duration start = Duration.ZERO;
            for (Node parent : pipeline.parentsOf(node)) {
                start = max(start, finish.get(parent));
            }
            for (String input : node.inputs()) {
                if (pipeline.producerOf(input) == null) {
                    start = max(start, freeInputLoads.getOrDefault(input, Duration.ZERO));
                }
            }
            finish.put(node, start.plus(computeOf(node, compute)));
        }
        return finish;
    }

    private static Duration computeOf(Node node, Map<String, Duration> compute) {
        Duration own = compute.get(node.name());
        if (own == null) {
            throw new IllegalArgumentException("No compute time for node '" + node.name()
                    + "'; the limit needs the measured time of every node of the run");
        }
        return own;
    }

    /** The longest save delay among the node's persisted outputs: its saves run side by side. */
    private static Duration saveOf(Node node, Map<String, Duration> saveDelays) {
        Duration longest = Duration.ZERO;
        for (String output : node.outputs()) {
            longest = max(longest, saveDelays.getOrDefault(output, Duration.ZERO));
        }
        return longest;
    }

    private static Set<Node> withAncestors(Pipeline pipeline, Set<Node> nodes) {
        Set<Node> seen = new HashSet<>(nodes);
        List<Node> todo = new ArrayList<>(nodes);
        while (!todo.isEmpty()) {
            Node node = todo.remove(todo.size() - 1);
            for (Node parent : pipeline.parentsOf(node)) {
                if (seen.add(parent)) {
                    todo.add(parent);
                }
            }
        }
        return seen;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
