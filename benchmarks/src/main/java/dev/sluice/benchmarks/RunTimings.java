package dev.sluice.benchmarks;

import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Node;
import dev.sluice.runner.RunInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records, for one run, how long each node's function took, how long each free input took to load
 * (the inputs of {@link PhysicalLimit}), and how long the run's loads and saves took.
 *
 * <p>Compute is the time between {@code beforeNodeRun} and {@code afterNodeRun}, which the runner fires
 * on the thread that runs the node, right around the function call. A free input loaded more than once
 * (by several consumers under {@code sync}) keeps its shortest load, the cost of having it once. A save
 * is timed from {@code beforeDatasetSaved} to {@code afterDatasetSaved}, which the runner fires on the
 * thread that writes, around the write (in the background under {@code tee}). Thread-safe; use a new
 * instance per run.
 */
final class RunTimings implements Hook {
    private final Set<String> freeInputs;
    private final Map<String, Long> nodeStarts = new ConcurrentHashMap<>();
    private final Map<String, Duration> compute = new ConcurrentHashMap<>();
    private final Map<String, Long> loadStarts = new ConcurrentHashMap<>();
    private final Map<String, Duration> freeInputLoads = new ConcurrentHashMap<>();
    private final Map<String, Long> saveStarts = new ConcurrentHashMap<>();
    private final Map<String, Duration> saves = new ConcurrentHashMap<>();
    private final AtomicLong loadNanos = new AtomicLong();

    RunTimings(Set<String> freeInputs) {
        this.freeInputs = Set.copyOf(freeInputs);
    }

    /** Compute time of every node that finished, by node name. */
    Map<String, Duration> compute() {
        return Map.copyOf(compute);
    }

    /** Shortest load time of every free input that was loaded, by dataset name. */
    Map<String, Duration> freeInputLoads() {
        return Map.copyOf(freeInputLoads);
    }

    /** How long the save of each saved dataset took, by dataset name. */
    Map<String, Duration> saves() {
        return Map.copyOf(saves);
    }

    /** The time of every load of the run added up, free inputs and intermediates alike. */
    Duration loadTotal() {
        return Duration.ofNanos(loadNanos.get());
    }

    /** The time of every save of the run added up. */
    Duration saveTotal() {
        return saves.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        nodeStarts.put(node.name(), System.nanoTime());
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        long end = System.nanoTime();
        compute.put(node.name(), Duration.ofNanos(end - nodeStarts.get(node.name())));
    }

    @Override
    public void beforeDatasetLoaded(RunInfo run, String dataset, Node node) {
        loadStarts.put(loadKey(dataset, node), System.nanoTime());
    }

    @Override
    public void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {
        Long start = loadStarts.remove(loadKey(dataset, node));
        if (start != null) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            loadNanos.addAndGet(took.toNanos());
            if (freeInputs.contains(dataset)) {
                freeInputLoads.merge(dataset, took, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
    }

    @Override
    public void beforeDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        saveStarts.put(dataset, System.nanoTime());
    }

    @Override
    public void afterDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        Long start = saveStarts.remove(dataset);
        if (start != null) {
            saves.put(dataset, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One load per dataset and consumer: each node loads each of its distinct inputs at most once. */
    private static String loadKey(String dataset, Node node) {
        return dataset + '\u0000' + node.name();
    }
}
