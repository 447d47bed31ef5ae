package dev.sluice.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run manifest ({@code .sluice/runs/<run-id>/manifest.json}, format 1) as the report reads it.
 * Times are epoch milliseconds; an end time is {@code null} while that step is still under way.
 * Fields the report does not need are ignored, and optional ones default to empty, so that a
 * manifest written while the run was in progress (or by a run that failed early) still renders.
 */
record Manifest(
        String runId,
        String status,
        long startedMs,
        Long finishedMs,
        String project,
        String command,
        Map<String, String> options,
        List<PipelineNode> pipeline,
        Map<String, NodeRun> nodes,
        Map<String, DatasetRun> datasets,
        String error) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One node of the pipeline that ran, as declared. */
    record PipelineNode(String name, String namespace, List<String> tags, List<String> inputs, List<String> outputs) {}

    /** A stretch of time; {@code endMs} is {@code null} while it is still going on. */
    record Span(long startMs, Long endMs) {
        long endOr(long now) {
            return endMs != null ? endMs : now;
        }
    }

    /** One load of a dataset from the catalog on a node's path. */
    record Load(String dataset, Span span) {}

    /** What happened to one node; times are {@code null} when it did not get that far. */
    record NodeRun(String state, Long startMs, Long endMs, List<Load> loads, Span compute, String error) {}

    /** What happened to one dataset written by the run. */
    record DatasetRun(
            String state, String producer, boolean persistent, String version, Long bytes, Span save, String error) {}

    /**
     * Reads a manifest.
     *
     * @param source names the manifest in error messages, e.g. its file
     * @throws ConfigurationException when the text is not a format-1 manifest, naming the field
     */
    static Manifest parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(
                    source + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                            + e.getOriginalMessage()
                            + ". A manifest cut short by a crash can't be read; run the pipeline again.",
                    e);
        }
        return new Reader(source).manifest(root);
    }

    /** Wall-clock end of the run: its finish time, or the latest time recorded while it is running. */
    long endMs() {
        if (finishedMs != null) {
            return finishedMs;
        }
        long end = startedMs;
        for (NodeRun node : nodes.values()) {
            end = max(end, node.startMs(), node.endMs());
            for (Load load : node.loads()) {
                end = max(end, load.span().startMs(), load.span().endMs());
            }
            if (node.compute() != null) {
                end = max(end, node.compute().startMs(), node.compute().endMs());
            }
        }
        for (DatasetRun dataset : datasets.values()) {
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

    /** Reads fields with messages that name the manifest and the path of the bad field. */
    private record Reader(String source) {
        Manifest manifest(JsonNode root) {
            if (!root.isObject()) {
                throw invalid("", "must be a JSON object");
            }
            JsonNode format = root.get("format");
            if (format == null || !format.canConvertToInt()) {
                throw invalid("format", "is missing; this does not look like a Sluice run manifest");
            }
            if (format.asInt() != FORMAT) {
                throw new ConfigurationException(source + " has manifest format " + format.asInt()
                        + ", but this Sluice reads format " + FORMAT
                        + "; render it with the Sluice version that wrote the run.");
            }
            List<PipelineNode> pipeline = new ArrayList<>();
            JsonNode declared = root.path("pipeline").path("nodes");
            for (int i = 0; i < declared.size(); i++) {
                JsonNode node = declared.get(i);
                String at = "pipeline.nodes[" + i + "]";
                pipeline.add(new PipelineNode(
                        requiredText(node, "name", at),
                        text(node, "namespace", at),
                        strings(node, "tags", at),
                        strings(node, "inputs", at),
                        strings(node, "outputs", at)));
            }
            Map<String, NodeRun> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : root.path("nodes").properties()) {
                nodes.put(entry.getKey(), nodeRun(entry.getValue(), "nodes." + entry.getKey()));
            }
            Map<String, DatasetRun> datasets = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : root.path("datasets").properties()) {
                String at = "datasets." + entry.getKey();
                JsonNode d = entry.getValue();
                datasets.put(
                        entry.getKey(),
                        new DatasetRun(
                                textOr(d, "state", "PENDING", at),
                                text(d, "producer", at),
                                !d.has("persistent") || d.get("persistent").asBoolean(true),
                                text(d, "version", at),
                                time(d, "bytes", at),
                                span(d.get("save"), at + ".save"),
                                text(d, "error", at)));
            }
            Long started = time(root, "started_ms", "");
            if (started == null) {
                throw invalid("started_ms", "is missing");
            }
            return new Manifest(
                    requiredText(root, "run_id", ""),
                    textOr(root, "status", "RUNNING", ""),
                    started,
                    time(root, "finished_ms", ""),
                    textOr(root, "project", "", ""),
                    textOr(root, "command", "", ""),
                    options(root.path("options")),
                    pipeline,
                    nodes,
                    datasets,
                    text(root, "error", ""));
        }

        private NodeRun nodeRun(JsonNode n, String at) {
            List<Load> loads = new ArrayList<>();
            JsonNode list = n.path("load");
            for (int i = 0; i < list.size(); i++) {
                String loadAt = at + ".load[" + i + "]";
                Span span = span(list.get(i), loadAt);
                if (span != null) {
                    loads.add(new Load(requiredText(list.get(i), "dataset", loadAt), span));
                }
            }
            return new NodeRun(
                    textOr(n, "state", "PENDING", at),
                    time(n, "start_ms", at),
                    time(n, "end_ms", at),
                    loads,
                    span(n.get("compute"), at + ".compute"),
                    text(n, "error", at));
        }

        /** A span, or {@code null} when absent or not started. */
        private Span span(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return null;
            }
            Long start = time(node, "start_ms", at);
            return start == null ? null : new Span(start, time(node, "end_ms", at));
        }

        private Long time(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToLong()) {
                throw invalid(join(at, field), "must be a whole number, not " + value);
            }
            return value.asLong();
        }

        private String text(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw invalid(join(at, field), "must be a string, not " + value);
            }
            return value.asText();
        }

        private String textOr(JsonNode node, String field, String fallback, String at) {
            String value = text(node, field, at);
            return value == null ? fallback : value;
        }

        private String requiredText(JsonNode node, String field, String at) {
            String value = text(node, field, at);
            if (value == null) {
                throw invalid(join(at, field), "is missing");
            }
            return value;
        }

        private List<String> strings(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw invalid(join(at, field), "must be a list of strings, not " + value);
            }
            List<String> result = new ArrayList<>();
            value.forEach(v -> result.add(v.asText()));
            return List.copyOf(result);
        }

        private static Map<String, String> options(JsonNode node) {
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode v = entry.getValue();
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(item -> items.add(item.asText()));
                    options.put(entry.getKey(), String.join(", ", items));
                } else if (!v.isNull()) {
                    options.put(entry.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            }
            return options;
        }

        private ConfigurationException invalid(String field, String problem) {
            String where = field.isEmpty() ? "The manifest" : "Field '" + field + "'";
            return new ConfigurationException(
                    source + ": " + where + " " + problem
                            + ". The file was probably edited by hand or written by another tool; run the pipeline again to get a new one.");
        }

        private static String join(String at, String field) {
            return at.isEmpty() ? field : at + "." + field;
        }
    }
}
