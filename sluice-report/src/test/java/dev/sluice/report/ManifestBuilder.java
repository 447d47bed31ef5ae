package dev.sluice.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes run manifests by hand, in the schema the manifest hook writes (format 1). Times are given
 * in milliseconds since the run started and stored as epoch milliseconds.
 */
final class ManifestBuilder {
    static final long EPOCH = 1_763_700_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode declared;
    private final ObjectNode nodes;
    private final ObjectNode datasets;

    private ManifestBuilder(String runId) {
        root.put("format", 1);
        root.put("run_id", runId);
        root.put("status", "RUNNING");
        root.put("started_ms", EPOCH);
        root.putNull("finished_ms");
        root.put("project", "/home/me/iris");
        root.put("command", "sluice run");
        ObjectNode options = root.putObject("options");
        options.put("runner", "sequential");
        options.put("workers", 1);
        options.put("io", "tee");
        options.put("env", "local");
        options.putArray("pipelines").add("__default__");
        declared = root.putObject("pipeline").putArray("nodes");
        nodes = root.putObject("nodes");
        datasets = root.putObject("datasets");
        root.putNull("error");
    }

    static ManifestBuilder run(String runId) {
        return new ManifestBuilder(runId);
    }

    ManifestBuilder option(String key, String value) {
        ((ObjectNode) root.get("options")).put(key, value);
        return this;
    }

    ManifestBuilder declare(String name, List<String> inputs, List<String> outputs, String... tags) {
        return declareIn(null, name, inputs, outputs, tags);
    }

    ManifestBuilder declareIn(
            String namespace, String name, List<String> inputs, List<String> outputs, String... tags) {
        ObjectNode node = declared.addObject();
        node.put("name", name);
        if (namespace == null) {
            node.putNull("namespace");
        } else {
            node.put("namespace", namespace);
        }
        ArrayNode tagList = node.putArray("tags");
        for (String tag : tags) {
            tagList.add(tag);
        }
        inputs.forEach(node.putArray("inputs")::add);
        outputs.forEach(node.putArray("outputs")::add);
        return this;
    }

    /** A node that ran from {@code start} to {@code end}; add its loads and compute separately. */
    ManifestBuilder ran(String node, String state, long start, Long end) {
        ObjectNode n = nodes.putObject(node);
        n.put("state", state);
        n.put("start_ms", EPOCH + start);
        putTime(n, "end_ms", end);
        n.putArray("load");
        n.putNull("compute");
        n.putNull("error");
        return this;
    }

    ManifestBuilder notRun(String node) {
        ObjectNode n = nodes.putObject(node);
        n.put("state", "NOT_RUN");
        n.putNull("start_ms");
        n.putNull("end_ms");
        n.putArray("load");
        n.putNull("compute");
        n.putNull("error");
        return this;
    }

    ManifestBuilder load(String node, String dataset, long start, long end) {
        ObjectNode load = ((ArrayNode) nodes.get(node).get("load")).addObject();
        load.put("dataset", dataset);
        load.put("start_ms", EPOCH + start);
        load.put("end_ms", EPOCH + end);
        return this;
    }

    ManifestBuilder compute(String node, long start, Long end) {
        ObjectNode compute = ((ObjectNode) nodes.get(node)).putObject("compute");
        compute.put("start_ms", EPOCH + start);
        putTime(compute, "end_ms", end);
        return this;
    }

    ManifestBuilder nodeError(String node, String message) {
        ((ObjectNode) nodes.get(node)).put("error", message);
        return this;
    }

    /** A persisted output of {@code producer}, saved from {@code start} to {@code end} (null: still writing). */
    ManifestBuilder saved(String dataset, String producer, String state, long start, Long end) {
        ObjectNode d = datasets.putObject(dataset);
        d.put("state", state);
        d.put("producer", producer);
        d.put("persistent", true);
        d.putNull("version");
        d.put("bytes", 2048);
        ObjectNode save = d.putObject("save");
        save.put("start_ms", EPOCH + start);
        putTime(save, "end_ms", end);
        d.putNull("error");
        return this;
    }

    ManifestBuilder datasetError(String dataset, String message) {
        ((ObjectNode) datasets.get(dataset)).put("error", message);
        return this;
    }

    ManifestBuilder memory(String dataset, String producer) {
        ObjectNode d = datasets.putObject(dataset);
        d.put("state", "COMMITTED");
        d.put("producer", producer);
        d.put("persistent", false);
        d.putNull("version");
        d.putNull("bytes");
        d.putNull("save");
        d.putNull("error");
        return this;
    }

    ManifestBuilder finished(String status, long at) {
        root.put("status", status);
        root.put("finished_ms", EPOCH + at);
        return this;
    }

    ManifestBuilder error(String message) {
        root.put("error", message);
        return this;
    }

    String json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putTime(ObjectNode node, String field, Long time) {
        if (time == null) {
            node.putNull(field);
        } else {
            node.put(field, EPOCH + time);
        }
    }
}
