package dev.sluice.report;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds run manifests by hand, with what the manifest recorder would write: every declared node has a
 * record from the start ({@code PENDING}); a node's record ends when its function returns, not after
 * its saves; a save's span runs from its first attempt to its commit or failure. Times are given in
 * milliseconds since the run started and stored as epoch milliseconds.
 */
final class ManifestBuilder {
    static final long EPOCH = 1_763_700_000_000L;

    private final String runId;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<PipelineNode> pipeline = new ArrayList<>();
    private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    private final Map<String, DatasetRecord> datasets = new LinkedHashMap<>();
    private final Map<String, RunManifest.StoreRecord> stores = new LinkedHashMap<>();
    private Status status = Status.RUNNING;
    private Long finishedMs;
    private String error;
    private String resumedFrom;
    private String project = "/home/me/iris";

    private ManifestBuilder(String runId) {
        this.runId = runId;
        options.put("runner", "sequential");
        options.put("workers", 1);
        options.put("io", "tee");
        options.put("env", "local");
        options.put("pipelines", List.of("__default__"));
    }

    static ManifestBuilder run(String runId) {
        return new ManifestBuilder(runId);
    }

    ManifestBuilder option(String key, Object value) {
        options.put(key, value);
        return this;
    }

    ManifestBuilder project(String directory) {
        project = directory;
        return this;
    }

    ManifestBuilder resumedFrom(String earlierRun) {
        resumedFrom = earlierRun;
        return this;
    }

    ManifestBuilder declare(String name, List<String> inputs, List<String> outputs, String... tags) {
        return declareIn(null, name, inputs, outputs, tags);
    }

    ManifestBuilder declareIn(
            String namespace, String name, List<String> inputs, List<String> outputs, String... tags) {
        pipeline.add(new PipelineNode(name, namespace, List.of(tags), inputs, outputs));
        nodes.put(name, NodeRecord.pending());
        return this;
    }

    /** A node that started at {@code start} and whose function returned at {@code end} (null: still going). */
    ManifestBuilder ran(String node, String state, long start, Long end) {
        nodes.put(node, new NodeRecord(NodeState.valueOf(state), EPOCH + start, at(end), List.of(), null, null));
        return this;
    }

    ManifestBuilder notRun(String node) {
        nodes.put(node, new NodeRecord(NodeState.NOT_RUN, null, null, List.of(), null, null));
        return this;
    }

    ManifestBuilder load(String node, String dataset, long start, long end) {
        NodeRecord n = nodes.get(node);
        List<Load> loads = new ArrayList<>(n.loads());
        loads.add(new Load(dataset, EPOCH + start, EPOCH + end));
        nodes.put(
                node, new NodeRecord(n.state(), n.startMs(), n.endMs(), loads, n.compute(), n.error(), n.stackTrace()));
        return this;
    }

    ManifestBuilder compute(String node, long start, Long end) {
        NodeRecord n = nodes.get(node);
        nodes.put(
                node,
                new NodeRecord(
                        n.state(),
                        n.startMs(),
                        n.endMs(),
                        n.loads(),
                        new Span(EPOCH + start, at(end)),
                        n.error(),
                        n.stackTrace()));
        return this;
    }

    ManifestBuilder nodeError(String node, String message) {
        return nodeError(node, message, null);
    }

    ManifestBuilder nodeError(String node, String message, String stackTrace) {
        NodeRecord n = nodes.get(node);
        nodes.put(node, new NodeRecord(n.state(), n.startMs(), n.endMs(), n.loads(), n.compute(), message, stackTrace));
        return this;
    }

    /** A persisted output of {@code producer}, saved from {@code start} to {@code end} (null: still writing). */
    ManifestBuilder saved(String dataset, String producer, String state, long start, Long end) {
        datasets.put(
                dataset,
                new DatasetRecord(
                        SaveState.valueOf(state),
                        producer,
                        true,
                        null,
                        state.equals("COMMITTED") ? 2048L : null,
                        new Span(EPOCH + start, at(end)),
                        null));
        return this;
    }

    /** The save of {@code dataset} was queued at {@code at}, before it started writing. */
    ManifestBuilder queued(String dataset, long at) {
        DatasetRecord d = datasets.get(dataset);
        datasets.put(
                dataset,
                new DatasetRecord(
                        d.state(),
                        d.producer(),
                        d.persistent(),
                        d.version(),
                        d.bytes(),
                        EPOCH + at,
                        d.save(),
                        d.error(),
                        d.stackTrace()));
        return this;
    }

    /** A persisted output whose save has not started. */
    ManifestBuilder unsaved(String dataset, String producer) {
        datasets.put(dataset, new DatasetRecord(SaveState.PENDING, producer, true, null, null, null, null));
        return this;
    }

    ManifestBuilder datasetError(String dataset, String message) {
        DatasetRecord d = datasets.get(dataset);
        datasets.put(
                dataset,
                new DatasetRecord(d.state(), d.producer(), d.persistent(), d.version(), d.bytes(), d.save(), message));
        return this;
    }

    /** An output kept in memory only, handed on by its producer. */
    ManifestBuilder memory(String dataset, String producer) {
        datasets.put(dataset, new DatasetRecord(SaveState.COMMITTED, producer, false, null, null, null, null));
        return this;
    }

    /** An output kept in memory only, which its producer has not produced. */
    ManifestBuilder memoryPending(String dataset, String producer) {
        datasets.put(dataset, new DatasetRecord(SaveState.PENDING, producer, false, null, null, null, null));
        return this;
    }

    ManifestBuilder finished(String status, long at) {
        this.status = Status.valueOf(status);
        this.finishedMs = EPOCH + at;
        return this;
    }

    ManifestBuilder store(String store, RunManifest.StoreRecord record) {
        stores.put(store, record);
        return this;
    }

    ManifestBuilder error(String message) {
        error = message;
        return this;
    }

    RunManifest manifest() {
        return new RunManifest(
                runId,
                status,
                EPOCH,
                finishedMs,
                project,
                "sluice run",
                options,
                pipeline,
                nodes,
                datasets,
                error,
                resumedFrom,
                stores);
    }

    /** The manifest as the recorder writes it to {@code manifest.json}. */
    String json() {
        return manifest().toJson();
    }

    private static Long at(Long time) {
        return time == null ? null : EPOCH + time;
    }
}
