package dev.sluice.report;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run manifest as the report reads it: the recorded times, and what the report derives from them.
 *
 * <p>A node's record ends when its function returns. Under {@code sync}, {@code async} and {@code cache}
 * I/O the node then waits for its own saves, so the report counts it busy until the last of them ends;
 * under the tee (and when the manifest does not name its I/O mode) saves run in the background. A load
 * that started before the node's parents finished was a prefetch of a free input: the node itself had
 * not started. Times are epoch milliseconds; a record written while the run was going (or by a run that
 * was killed) has open spans, which the report draws up to the latest recorded time. Immutable.
 */
final class RecordedRun {
    /** The I/O modes in which a node waits for its own saves before it counts as done. */
    private static final Set<String> NODE_WAITS_FOR_SAVES =
            Set.of(IoMode.SYNC.toString(), IoMode.ASYNC.toString(), IoMode.CACHE.toString());

    private final RunManifest manifest;
    private final long endMs;
    private final boolean nodesWaitForSaves;
    private final Map<String, PipelineNode> declared = new HashMap<>();
    private final Map<String, PipelineNode> producers = new HashMap<>();
    private final Map<String, List<String>> saved = new LinkedHashMap<>();

    private RecordedRun(RunManifest manifest) {
        this.manifest = manifest;
        this.endMs = latest(manifest);
        this.nodesWaitForSaves =
                NODE_WAITS_FOR_SAVES.contains(String.valueOf(manifest.options().get("io")));
        for (PipelineNode node : manifest.pipeline()) {
            declared.put(node.name(), node);
            node.outputs().forEach(o -> producers.put(DatasetNames.strip(o), node));
        }
        manifest.datasets().forEach((name, d) -> {
            String producer = producerOf(name, d);
            if (producer != null && d.persistent() && queuedAt(d) != null) {
                saved.computeIfAbsent(producer, k -> new ArrayList<>()).add(name);
            }
        });
    }

    static RecordedRun of(RunManifest manifest) {
        return new RecordedRun(manifest);
    }

    RunManifest manifest() {
        return manifest;
    }

    /** The end of the run: its finish, or the latest time recorded while it was going. */
    long endMs() {
        return endMs;
    }

    boolean isFinished() {
        return manifest.finishedMs() != null;
    }

    /** The end of {@code span}, or the end of the run while it is open. */
    long end(Span span) {
        return span.endMs() != null ? span.endMs() : endMs;
    }

    /** Whether {@code span} has begun; a span without a start is not drawn or counted. */
    static boolean hasStart(Span span) {
        return span != null && span.startMs() != null;
    }

    /** The pipeline's node that writes {@code dataset} (as any node names it), if the run had one. */
    Optional<PipelineNode> producer(String dataset) {
        return Optional.ofNullable(producers.get(DatasetNames.strip(dataset)));
    }

    /** Whether a node's saves ran while later work went on, rather than holding up their node. */
    boolean savesRunInBackground() {
        return !nodesWaitForSaves;
    }

    /**
     * When the save of {@code dataset} was queued: its recorded queue time, else (in manifests before queue
     * times) when it started writing; {@code null} when neither is recorded.
     */
    static Long queuedAt(DatasetRecord dataset) {
        if (dataset.queuedMs() != null) {
            return dataset.queuedMs();
        }
        return hasStart(dataset.save()) ? dataset.save().startMs() : null;
    }

    /** When the save of {@code dataset} stopped waiting in its queue: when it started writing, or the end of the run. */
    long queueEnd(DatasetRecord dataset) {
        return hasStart(dataset.save()) ? dataset.save().startMs() : endMs;
    }

    /** When the save of {@code dataset} ended: committed or failed, or the end of the run while it is open. */
    long saveEnd(DatasetRecord dataset) {
        return hasStart(dataset.save()) ? end(dataset.save()) : endMs;
    }

    /** The persisted outputs of {@code node} whose save was queued or began, as the run named them. */
    List<String> saves(String node) {
        return saved.getOrDefault(node, List.of());
    }

    /**
     * The loads a node made, with their start recorded; parameters are left out, being values from the
     * configuration rather than I/O.
     */
    List<Load> loads(NodeRecord record) {
        List<Load> loads = new ArrayList<>();
        for (Load load : record.loads()) {
            if (load.startMs() != null && !DatasetNames.isParameter(load.dataset())) {
                loads.add(load);
            }
        }
        return loads;
    }

    long end(Load load) {
        return load.endMs() != null ? load.endMs() : endMs;
    }

    /**
     * Whether {@code load} was made ahead of {@code node}: it started before the parents of the node
     * finished, so the node could not have been running.
     */
    boolean isPrefetch(String node, Load load) {
        Long ready = readyMs(node);
        return ready != null && load.startMs() < ready;
    }

    /**
     * When {@code node} itself began: its first load that was not a prefetch (parameters included), or
     * the call of its function; {@code null} before either.
     */
    Long startMs(String node) {
        NodeRecord record = manifest.nodes().get(node);
        if (record == null) {
            return null;
        }
        Long start = hasStart(record.compute()) ? record.compute().startMs() : null;
        for (Load load : record.loads()) {
            if (load.startMs() != null && !isPrefetch(node, load) && (start == null || load.startMs() < start)) {
                start = load.startMs();
            }
        }
        return start;
    }

    /**
     * When {@code node} was done: when its function returned, or, if it waited for its own saves, when
     * the last of them ended; {@code null} while it is going.
     */
    Long finishMs(String node) {
        NodeRecord record = manifest.nodes().get(node);
        if (record == null || record.endMs() == null) {
            return null;
        }
        long finish = record.endMs();
        if (nodesWaitForSaves) {
            for (String dataset : saves(node)) {
                finish = Math.max(finish, saveEnd(manifest.datasets().get(dataset)));
            }
        }
        return finish;
    }

    /**
     * The state to show for {@code node}. A node the manifest does not list is pending while the run
     * goes and was not run after it; a node whose only activity so far is a prefetch is still pending.
     */
    NodeState state(String node) {
        NodeRecord record = manifest.nodes().get(node);
        if (record == null) {
            return manifest.status() == Status.RUNNING ? NodeState.PENDING : NodeState.NOT_RUN;
        }
        if (record.state() == NodeState.RUNNING && startMs(node) == null) {
            return NodeState.PENDING;
        }
        return record.state();
    }

    /** The node that wrote {@code dataset}: as its record says, else as the pipeline says. */
    String producerOf(String dataset, DatasetRecord record) {
        if (record != null && record.producer() != null) {
            return record.producer();
        }
        return producer(dataset).map(PipelineNode::name).orElse(null);
    }

    /**
     * When every parent of {@code node} had finished: {@code null} if it has no parent in the run,
     * {@link Long#MAX_VALUE} while one is going.
     */
    private Long readyMs(String node) {
        PipelineNode self = declared.get(node);
        if (self == null) {
            return null;
        }
        Long ready = null;
        for (String input : self.inputs()) {
            PipelineNode parent = producers.get(DatasetNames.strip(input));
            if (parent != null && parent != self) {
                Long finish = finishMs(parent.name());
                ready = Math.max(ready == null ? Long.MIN_VALUE : ready, finish == null ? Long.MAX_VALUE : finish);
            }
        }
        return ready;
    }

    private static long latest(RunManifest m) {
        if (m.finishedMs() != null) {
            return m.finishedMs();
        }
        long end = m.startedMs();
        for (NodeRecord node : m.nodes().values()) {
            end = max(end, node.startMs(), node.endMs());
            for (Load load : node.loads()) {
                end = max(end, load.startMs(), load.endMs());
            }
            if (node.compute() != null) {
                end = max(end, node.compute().startMs(), node.compute().endMs());
            }
        }
        for (DatasetRecord dataset : m.datasets().values()) {
            end = max(end, dataset.queuedMs());
            if (dataset.save() != null) {
                end = max(end, dataset.save().startMs(), dataset.save().endMs());
            }
        }
        return end;
    }

    private static long max(long current, Long... times) {
        long result = current;
        for (Long t : times) {
            if (t != null) {
                result = Math.max(result, t);
            }
        }
        return result;
    }
}
