package dev.sluice.benchmarks;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * How long a DAG takes on {@code workers} threads when every node costs a known time and nothing else
 * costs anything: an event simulation of two ready-node policies, so that the benchmark can compare
 * the order Sluice picks with the order Kedro's runners pick without Kedro itself (it is not installed
 * here, and the Python package index is not reachable).
 *
 * <p><b>Kedro</b> ({@code AbstractRunner._run} in Kedro 0.19 to 1.x, which {@code ThreadRunner} uses):
 * after each wait for the first finished future, every node whose dependencies are done is submitted to
 * the pool, whose queue is first in, first out. Which of the nodes that became ready together is
 * submitted first follows the iteration order of a Python {@code set} of nodes, which depends on string
 * hashes that Python randomises per process; the model draws that order from a seeded {@link Random}.
 *
 * <p><b>Longest remaining path</b>: Sluice's scheduler, which starts the ready node with the longest
 * remaining path, path costs being one per node plus one per load and save it waits for under sync I/O,
 * ties in topological order.
 */
final class ScheduleModel {
    private final Pipeline pipeline;
    private final Map<Node, Duration> cost;
    private final int workers;

    /**
     * @param cost every node's time on its worker
     * @param workers how many nodes may run at once
     */
    ScheduleModel(Pipeline pipeline, Map<Node, Duration> cost, int workers) {
        this.pipeline = pipeline;
        this.cost = Map.copyOf(cost);
        this.workers = workers;
    }

    /**
     * Each node's time under sync I/O: its distinct persisted inputs loaded one after another, its
     * compute, its outputs saved one after another.
     */
    static Map<Node, Duration> syncCosts(Pipeline pipeline, Duration loadDelay, Duration compute, Duration saveDelay) {
        Map<Node, Duration> costs = new HashMap<>();
        for (Node node : pipeline.nodes()) {
            long loads = node.inputs().stream().distinct().count();
            costs.put(
                    node,
                    loadDelay
                            .multipliedBy(loads)
                            .plus(compute)
                            .plus(saveDelay.multipliedBy(node.outputs().size())));
        }
        return costs;
    }

    /** The run's length under Kedro's policy, with the set orders drawn from {@code random}. */
    Duration kedro(Random random) {
        Map<Node, Integer> waiting = new HashMap<>();
        for (Node node : pipeline.nodes()) {
            waiting.put(node, pipeline.parentsOf(node).size());
        }
        Deque<Node> queue = new ArrayDeque<>();
        List<Node> ready = new ArrayList<>();
        for (Node node : pipeline.nodes()) {
            if (waiting.get(node) == 0) {
                ready.add(node);
            }
        }
        Collections.shuffle(ready, random);
        queue.addAll(ready);
        return simulate(queue::poll, queue::isEmpty, finished -> {
            List<Node> now = new ArrayList<>();
            for (Node done : finished) {
                for (Node child : pipeline.childrenOf(done)) {
                    if (waiting.merge(child, -1, Integer::sum) == 0) {
                        now.add(child);
                    }
                }
            }
            Collections.shuffle(now, random);
            queue.addAll(now);
        });
    }

    /** The run's length when the ready node with the longest remaining path starts first. */
    Duration longestPathFirst() {
        Map<Node, Integer> position = new HashMap<>();
        Map<Node, Long> remaining = new HashMap<>();
        List<Node> order = pipeline.nodes();
        for (int i = order.size() - 1; i >= 0; i--) {
            Node node = order.get(i);
            position.put(node, i);
            long longest = 0;
            for (Node child : pipeline.childrenOf(node)) {
                longest = Math.max(longest, remaining.get(child));
            }
            long weight = 1
                    + node.inputs().stream().distinct().count()
                    + node.outputs().size();
            remaining.put(node, weight + longest);
        }
        PriorityQueue<Node> ready = new PriorityQueue<>(
                Comparator.comparing((Node n) -> -remaining.get(n)).thenComparing(position::get));
        Map<Node, Integer> waiting = new HashMap<>();
        for (Node node : order) {
            waiting.put(node, pipeline.parentsOf(node).size());
            if (waiting.get(node) == 0) {
                ready.add(node);
            }
        }
        return simulate(ready::poll, ready::isEmpty, finished -> {
            for (Node done : finished) {
                for (Node child : pipeline.childrenOf(done)) {
                    if (waiting.merge(child, -1, Integer::sum) == 0) {
                        ready.add(child);
                    }
                }
            }
        });
    }

    private interface Next {
        Node take();
    }

    private interface Empty {
        boolean test();
    }

    private interface OnFinished {
        void accept(List<Node> finished);
    }

    /** Runs the events: start nodes while workers are free, then finish every node that ends first. */
    private Duration simulate(Next next, Empty empty, OnFinished onFinished) {
        PriorityQueue<long[]> running = new PriorityQueue<>(Comparator.comparingLong(e -> e[0]));
        List<Node> byId = pipeline.nodes();
        Map<Node, Integer> ids = new HashMap<>();
        for (int i = 0; i < byId.size(); i++) {
            ids.put(byId.get(i), i);
        }
        long now = 0;
        int done = 0;
        while (done < byId.size()) {
            while (running.size() < workers && !empty.test()) {
                Node node = next.take();
                running.add(new long[] {now + cost.get(node).toNanos(), ids.get(node)});
            }
            if (running.isEmpty()) {
                throw new IllegalStateException("the simulation stalled: the pipeline is not a DAG");
            }
            now = running.peek()[0];
            List<Node> finished = new ArrayList<>();
            while (!running.isEmpty() && running.peek()[0] == now) {
                finished.add(byId.get((int) running.poll()[1]));
            }
            done += finished.size();
            onFinished.accept(finished);
        }
        return Duration.ofNanos(now);
    }
}
