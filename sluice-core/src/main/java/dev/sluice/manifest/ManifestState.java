package dev.sluice.manifest;

import dev.sluice.config.SecretMasking;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.manifest.RunManifest.StoreRecord;
import dev.sluice.pipeline.Node;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The recorder's live, mutable view of one run. Every method is synchronized: hooks call in from
 * worker and I/O threads while the manifest writer takes snapshots.
 */
final class ManifestState {
    private final String project;
    private final String command;
    private final String resumedFrom;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<PipelineNode> pipeline = new ArrayList<>();
    private final Map<String, NodeEntry> nodes = new LinkedHashMap<>();
    private final Map<String, DatasetEntry> datasets = new LinkedHashMap<>();
    private final Map<String, StoreRecord> stores = new LinkedHashMap<>();
    private String runId;
    private Status status = Status.RUNNING;
    private long startedMs;
    private Long finishedMs;
    private String error;

    /**
     * Why a node or a save failed.
     *
     * @param stackTrace the stack trace of the exception behind it, or {@code null}
     */
    record Failure(String message, String stackTrace) {}

    private static final class NodeEntry {
        NodeState state = NodeState.PENDING;
        Long startMs;
        Long endMs;
        final List<LoadEntry> loads = new ArrayList<>();
        Long computeStartMs;
        Long computeEndMs;
        String error;
        String stackTrace;
    }

    private static final class LoadEntry {
        final String dataset;
        final long startMs;
        Long endMs;

        LoadEntry(String dataset, long startMs) {
            this.dataset = dataset;
            this.startMs = startMs;
        }
    }

    private static final class DatasetEntry {
        final String producer;
        final boolean persistent;
        SaveState state = SaveState.PENDING;
        /** Its node returned it: a save was queued, or (not persisted) it was handed on. */
        boolean produced;

        String version;
        Long bytes;
        boolean sizeWanted;
        Long queuedMs;
        Long saveStartMs;
        Long saveEndMs;
        String error;
        String stackTrace;

        DatasetEntry(String producer, boolean persistent) {
            this.producer = producer;
            this.persistent = persistent;
        }
    }

    ManifestState(String project, String command, String resumedFrom) {
        this.project = project;
        this.command = command == null ? null : Secrets.maskText(command);
        this.resumedFrom = resumedFrom;
    }

    synchronized void start(String runId, long startedMs, Map<String, Object> options, List<Node> order) {
        this.runId = runId;
        this.startedMs = startedMs;
        this.options.putAll(SecretMasking.mask(options));
        for (Node node : order) {
            pipeline.add(new PipelineNode(
                    node.name(),
                    node.namespace().orElse(null),
                    new ArrayList<>(new TreeSet<>(node.tags())),
                    node.inputs(),
                    node.outputs()));
            nodes.put(node.name(), new NodeEntry());
        }
    }

    synchronized void addDataset(String dataset, String producer, boolean persistent) {
        datasets.putIfAbsent(dataset, new DatasetEntry(producer, persistent));
    }

    synchronized boolean isPersistent(String dataset) {
        DatasetEntry entry = datasets.get(dataset);
        return entry != null && entry.persistent;
    }

    synchronized void loadStarted(String node, String dataset, long now) {
        NodeEntry entry = nodes.get(node);
        if (entry != null) {
            entry.loads.add(new LoadEntry(dataset, now));
            begin(entry, now);
        }
    }

    synchronized void loadEnded(String node, String dataset, long now) {
        NodeEntry entry = nodes.get(node);
        if (entry == null) {
            return;
        }
        for (int i = entry.loads.size() - 1; i >= 0; i--) {
            LoadEntry load = entry.loads.get(i);
            if (load.dataset.equals(dataset) && load.endMs == null) {
                load.endMs = now;
                return;
            }
        }
    }

    synchronized void computeStarted(String node, long now) {
        NodeEntry entry = nodes.get(node);
        if (entry != null) {
            entry.computeStartMs = now;
            begin(entry, now);
        }
    }

    synchronized void computeEnded(String node, long now, Failure failure) {
        NodeEntry entry = nodes.get(node);
        if (entry == null) {
            return;
        }
        entry.computeEndMs = now;
        entry.endMs = now;
        entry.state = failure == null ? NodeState.COMPLETED : NodeState.FAILED;
        entry.error = failure == null ? null : Secrets.maskText(failure.message());
        entry.stackTrace = failure == null ? null : masked(failure.stackTrace());
    }

    private static String masked(String text) {
        return text == null ? null : Secrets.maskText(text);
    }

    private static void begin(NodeEntry entry, long now) {
        if (entry.startMs == null) {
            entry.startMs = now;
        }
        if (entry.state == NodeState.PENDING) {
            entry.state = NodeState.RUNNING;
        }
    }

    /** A dataset that is not persisted was handed on: for this run, it exists. */
    synchronized void produced(String dataset) {
        DatasetEntry entry = datasets.get(dataset);
        if (entry != null && !entry.persistent) {
            entry.state = SaveState.COMMITTED;
            entry.produced = true;
        }
    }

    synchronized void saveState(String dataset, SaveState state, String version, long now) {
        DatasetEntry entry = datasets.get(dataset);
        if (entry == null) {
            return;
        }
        entry.state = state;
        entry.produced = true;
        // A save is queued (PENDING) when its node hands the value on, and starts writing (WRITING) once it
        // has a slot of its store and a thread: its span is the writing, the time before it the queue.
        if (state == SaveState.PENDING && entry.queuedMs == null) {
            entry.queuedMs = now;
        }
        if ((state == SaveState.WRITING || state.isTerminal()) && entry.saveStartMs == null) {
            entry.saveStartMs = now;
        }
        if (state.isTerminal()) {
            entry.saveEndMs = now;
        }
        if (state == SaveState.COMMITTED) {
            entry.version = version;
            entry.sizeWanted = true;
        }
    }

    synchronized void storeLimit(String store, int limit) {
        stores.merge(store, StoreRecord.starting(limit), (old, first) -> old.moved(limit));
    }

    /** Datasets committed since the last call whose stored size is still to be measured. */
    synchronized List<String> takeSizesWanted() {
        List<String> wanted = new ArrayList<>();
        datasets.forEach((name, entry) -> {
            if (entry.sizeWanted) {
                entry.sizeWanted = false;
                wanted.add(name);
            }
        });
        return wanted;
    }

    synchronized void size(String dataset, Long bytes) {
        DatasetEntry entry = datasets.get(dataset);
        if (entry != null) {
            entry.bytes = bytes;
        }
    }

    /**
     * The run ended: its final node and save states, as the runner reports them, replace what the hooks
     * saw (a node fails in its loads or saves without a node hook, and nodes that never started end as
     * NOT_RUN).
     */
    synchronized void finish(
            Status status,
            long now,
            String error,
            Map<String, NodeState> nodeStates,
            Map<String, SaveState> saveStates,
            Map<String, Failure> nodeErrors,
            Map<String, Failure> datasetErrors) {
        this.status = status;
        this.finishedMs = now;
        this.error = error == null ? null : Secrets.maskText(error);
        nodeStates.forEach((name, state) -> {
            NodeEntry entry = nodes.get(name);
            if (entry != null) {
                entry.state = state;
                if (state == NodeState.FAILED && entry.endMs == null) {
                    entry.endMs = now;
                }
            }
        });
        saveStates.forEach((name, state) -> {
            DatasetEntry entry = datasets.get(name);
            if (entry != null) {
                entry.state = state;
            }
        });
        nodeErrors.forEach((name, failure) -> {
            NodeEntry entry = nodes.get(name);
            if (entry != null && entry.state == NodeState.FAILED && entry.error == null) {
                entry.error = Secrets.maskText(failure.message());
                entry.stackTrace = masked(failure.stackTrace());
            }
        });
        datasetErrors.forEach((name, failure) -> {
            DatasetEntry entry = datasets.get(name);
            if (entry != null && entry.state == SaveState.FAILED && entry.error == null) {
                entry.error = Secrets.maskText(failure.message());
                entry.stackTrace = masked(failure.stackTrace());
            }
        });
        settle(now);
    }

    /**
     * Gives every node and dataset still in a live state a final one, so that a finished run never shows
     * PENDING, RUNNING or WRITING: a dataset never handed over by its node was not produced; one that was
     * produced but not stored was interrupted; likewise a node that never started did not run and one
     * still running was interrupted.
     */
    private void settle(long now) {
        nodes.values().forEach(entry -> {
            if (entry.state == NodeState.PENDING) {
                entry.state = NodeState.NOT_RUN;
            } else if (entry.state == NodeState.RUNNING) {
                entry.state = NodeState.INTERRUPTED;
                if (entry.endMs == null) {
                    entry.endMs = now;
                }
            }
        });
        datasets.values().forEach(entry -> {
            if (!entry.state.isTerminal()) {
                entry.state = entry.produced ? SaveState.INTERRUPTED : SaveState.NOT_PRODUCED;
                if (entry.state == SaveState.INTERRUPTED && entry.saveStartMs != null && entry.saveEndMs == null) {
                    entry.saveEndMs = now;
                }
            }
        });
    }

    synchronized boolean isStarted() {
        return runId != null;
    }

    synchronized RunManifest snapshot() {
        Map<String, NodeRecord> nodeRecords = new LinkedHashMap<>();
        nodes.forEach((name, entry) -> {
            List<Load> loads = new ArrayList<>(entry.loads.size());
            for (LoadEntry load : entry.loads) {
                loads.add(new Load(load.dataset, load.startMs, load.endMs));
            }
            Span compute = entry.computeStartMs == null ? null : new Span(entry.computeStartMs, entry.computeEndMs);
            nodeRecords.put(
                    name,
                    new NodeRecord(
                            entry.state, entry.startMs, entry.endMs, loads, compute, entry.error, entry.stackTrace));
        });
        Map<String, DatasetRecord> datasetRecords = new LinkedHashMap<>();
        datasets.forEach((name, entry) -> {
            Span save = entry.saveStartMs == null ? null : new Span(entry.saveStartMs, entry.saveEndMs);
            datasetRecords.put(
                    name,
                    new DatasetRecord(
                            entry.state,
                            entry.producer,
                            entry.persistent,
                            entry.version,
                            entry.bytes,
                            entry.queuedMs,
                            save,
                            entry.error,
                            entry.stackTrace));
        });
        return new RunManifest(
                runId,
                status,
                startedMs,
                finishedMs,
                project,
                command,
                options,
                pipeline,
                nodeRecords,
                datasetRecords,
                error,
                resumedFrom,
                stores);
    }
}
