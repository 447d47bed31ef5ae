package dev.sluice.manifest;

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
 * Converts a {@link RunManifest} to the JSON tree of {@code manifest.json} and back. The key names are
 * the manifest's schema, which the run report reads too: change them only with {@link RunManifest#FORMAT}.
 */
final class ManifestCodec {
    private ManifestCodec() {}

    static Map<String, Object> encode(RunManifest manifest) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", RunManifest.FORMAT);
        root.put("run_id", manifest.runId());
        root.put("status", manifest.status().name());
        root.put("started_ms", manifest.startedMs());
        root.put("finished_ms", manifest.finishedMs());
        root.put("resumed_from", manifest.resumedFrom());
        root.put("project", manifest.project());
        root.put("command", manifest.command());
        root.put("options", manifest.options());
        List<Object> pipelineNodes = new ArrayList<>();
        for (PipelineNode node : manifest.pipeline()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", node.name());
            n.put("namespace", node.namespace());
            n.put("tags", node.tags());
            n.put("inputs", node.inputs());
            n.put("outputs", node.outputs());
            pipelineNodes.add(n);
        }
        root.put("pipeline", Map.of("nodes", pipelineNodes));
        Map<String, Object> nodes = new LinkedHashMap<>();
        manifest.nodes().forEach((name, record) -> nodes.put(name, encode(record)));
        root.put("nodes", nodes);
        Map<String, Object> datasets = new LinkedHashMap<>();
        manifest.datasets().forEach((name, record) -> datasets.put(name, encode(record)));
        root.put("datasets", datasets);
        root.put("error", manifest.error());
        return root;
    }

    private static Map<String, Object> encode(NodeRecord record) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("state", record.state().name());
        n.put("start_ms", record.startMs());
        n.put("end_ms", record.endMs());
        List<Object> loads = new ArrayList<>();
        for (Load load : record.loads()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("dataset", load.dataset());
            l.put("start_ms", load.startMs());
            l.put("end_ms", load.endMs());
            loads.add(l);
        }
        n.put("load", loads);
        n.put("compute", encode(record.compute()));
        n.put("error", record.error());
        return n;
    }

    private static Map<String, Object> encode(DatasetRecord record) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", record.state().name());
        d.put("producer", record.producer());
        d.put("persistent", record.persistent());
        d.put("version", record.version());
        d.put("bytes", record.bytes());
        d.put("save", encode(record.save()));
        d.put("error", record.error());
        return d;
    }

    private static Map<String, Object> encode(Span span) {
        if (span == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("start_ms", span.startMs());
        s.put("end_ms", span.endMs());
        return s;
    }

    /** @throws IllegalArgumentException naming the first key that is missing or of the wrong type */
    static RunManifest decode(Map<?, ?> root) {
        Object format = root.get("format");
        if (!(format instanceof Number number) || number.intValue() != RunManifest.FORMAT) {
            throw new IllegalArgumentException("it has manifest format " + format
                    + ", and this version of Sluice reads " + "format " + RunManifest.FORMAT);
        }
        List<PipelineNode> pipeline = new ArrayList<>();
        Map<?, ?> pipelineMap = map(root, "pipeline");
        if (pipelineMap != null) {
            for (Object item : list(pipelineMap, "nodes")) {
                Map<?, ?> n = object(item, "a pipeline node");
                pipeline.add(new PipelineNode(
                        required(n, "name"),
                        string(n, "namespace"),
                        strings(n, "tags"),
                        strings(n, "inputs"),
                        strings(n, "outputs")));
            }
        }
        Map<String, NodeRecord> nodes = new LinkedHashMap<>();
        Map<?, ?> nodesMap = map(root, "nodes");
        if (nodesMap != null) {
            nodesMap.forEach(
                    (name, value) -> nodes.put(String.valueOf(name), decodeNode(object(value, "node '" + name + "'"))));
        }
        Map<String, DatasetRecord> datasets = new LinkedHashMap<>();
        Map<?, ?> datasetsMap = map(root, "datasets");
        if (datasetsMap != null) {
            datasetsMap.forEach((name, value) -> datasets.put(String.valueOf(name), decodeDataset((Map<?, ?>) value)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) map(root, "options");
        Long started = number(root, "started_ms");
        if (started == null) {
            throw new IllegalArgumentException("'started_ms' is missing");
        }
        return new RunManifest(
                required(root, "run_id"),
                Status.valueOf(required(root, "status")),
                started,
                number(root, "finished_ms"),
                string(root, "project"),
                string(root, "command"),
                options,
                pipeline,
                nodes,
                datasets,
                string(root, "error"),
                string(root, "resumed_from"));
    }

    private static NodeRecord decodeNode(Map<?, ?> n) {
        List<Load> loads = new ArrayList<>();
        for (Object item : list(n, "load")) {
            Map<?, ?> l = object(item, "a load");
            loads.add(new Load(required(l, "dataset"), number(l, "start_ms"), number(l, "end_ms")));
        }
        return new NodeRecord(
                NodeState.valueOf(required(n, "state")),
                number(n, "start_ms"),
                number(n, "end_ms"),
                loads,
                span(map(n, "compute")),
                string(n, "error"));
    }

    private static DatasetRecord decodeDataset(Map<?, ?> d) {
        return new DatasetRecord(
                SaveState.valueOf(required(d, "state")),
                string(d, "producer"),
                Boolean.TRUE.equals(d.get("persistent")),
                string(d, "version"),
                number(d, "bytes"),
                span(map(d, "save")),
                string(d, "error"));
    }

    private static Map<?, ?> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not an object");
        }
        return map;
    }

    private static Span span(Map<?, ?> s) {
        return s == null ? null : new Span(number(s, "start_ms"), number(s, "end_ms"));
    }

    private static String required(Map<?, ?> map, String key) {
        String value = string(map, key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }

    private static String string(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' is not a string");
        }
        return (String) value;
    }

    private static Long number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Number)) {
            throw new IllegalArgumentException("'" + key + "' is not a number");
        }
        return value == null ? null : ((Number) value).longValue();
    }

    private static Map<?, ?> map(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + key + "' is not an object");
        }
        return (Map<?, ?>) value;
    }

    private static List<?> list(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof List<?>)) {
            throw new IllegalArgumentException("'" + key + "' is not an array");
        }
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Map<?, ?> map, String key) {
        List<String> values = new ArrayList<>();
        for (Object item : list(map, key)) {
            values.add(String.valueOf(item));
        }
        return values;
    }
}
