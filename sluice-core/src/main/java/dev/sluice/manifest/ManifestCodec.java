package dev.sluice.manifest;

import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.manifest.RunManifest.StoreRecord;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import java.util.ArrayList;
import java.util.Arrays;
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
        Map<String, Object> stores = new LinkedHashMap<>();
        manifest.stores().forEach((store, record) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("start", record.start());
            s.put("limit", record.limit());
            s.put("min", record.min());
            s.put("max", record.max());
            stores.put(store, s);
        });
        root.put("stores", stores);
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
        n.put("stack_trace", record.stackTrace());
        return n;
    }

    private static Map<String, Object> encode(DatasetRecord record) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", record.state().name());
        d.put("producer", record.producer());
        d.put("persistent", record.persistent());
        d.put("version", record.version());
        d.put("bytes", record.bytes());
        d.put("queued_ms", record.queuedMs());
        d.put("save", encode(record.save()));
        d.put("error", record.error());
        d.put("stack_trace", record.stackTrace());
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

    /**
     * @throws IllegalArgumentException naming the path of the first key that is missing or of the wrong
     *     type, such as {@code 'nodes.split.load[0].start_ms'}
     */
    static RunManifest decode(Map<?, ?> root) {
        Object format = root.get("format");
        if (!(format instanceof Number number) || number.intValue() != RunManifest.FORMAT) {
            throw new IllegalArgumentException("it has manifest format " + format
                    + ", and this version of Sluice reads " + "format " + RunManifest.FORMAT);
        }
        List<PipelineNode> pipeline = new ArrayList<>();
        Map<?, ?> pipelineMap = map(root, "", "pipeline");
        if (pipelineMap != null) {
            List<?> items = list(pipelineMap, "pipeline", "nodes");
            for (int i = 0; i < items.size(); i++) {
                String at = "pipeline.nodes[" + i + "]";
                Map<?, ?> n = object(items.get(i), at);
                pipeline.add(new PipelineNode(
                        required(n, at, "name"),
                        string(n, at, "namespace"),
                        strings(n, at, "tags"),
                        strings(n, at, "inputs"),
                        strings(n, at, "outputs")));
            }
        }
        Map<String, NodeRecord> nodes = new LinkedHashMap<>();
        Map<?, ?> nodesMap = map(root, "", "nodes");
        if (nodesMap != null) {
            nodesMap.forEach((name, value) -> {
                String at = path("nodes", String.valueOf(name));
                nodes.put(String.valueOf(name), decodeNode(object(value, at), at));
            });
        }
        Map<String, DatasetRecord> datasets = new LinkedHashMap<>();
        Map<?, ?> datasetsMap = map(root, "", "datasets");
        if (datasetsMap != null) {
            datasetsMap.forEach((name, value) -> {
                String at = path("datasets", String.valueOf(name));
                datasets.put(String.valueOf(name), decodeDataset(object(value, at), at));
            });
        }
        Map<String, StoreRecord> stores = new LinkedHashMap<>();
        Map<?, ?> storesMap = map(root, "", "stores");
        if (storesMap != null) {
            storesMap.forEach((store, value) -> {
                String at = path("stores", String.valueOf(store));
                Map<?, ?> s = object(value, at);
                stores.put(
                        String.valueOf(store),
                        new StoreRecord(
                                count(s, at, "start"),
                                count(s, at, "limit"),
                                count(s, at, "min"),
                                count(s, at, "max")));
            });
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) map(root, "", "options");
        Long started = number(root, "", "started_ms");
        if (started == null) {
            throw new IllegalArgumentException("'started_ms' is missing");
        }
        return new RunManifest(
                required(root, "", "run_id"),
                constant(Status.class, root, "", "status"),
                started,
                number(root, "", "finished_ms"),
                string(root, "", "project"),
                string(root, "", "command"),
                options,
                pipeline,
                nodes,
                datasets,
                string(root, "", "error"),
                string(root, "", "resumed_from"),
                stores);
    }

    private static NodeRecord decodeNode(Map<?, ?> n, String at) {
        List<Load> loads = new ArrayList<>();
        List<?> items = list(n, at, "load");
        for (int i = 0; i < items.size(); i++) {
            String loadAt = path(at, "load") + "[" + i + "]";
            Map<?, ?> l = object(items.get(i), loadAt);
            loads.add(new Load(
                    required(l, loadAt, "dataset"), number(l, loadAt, "start_ms"), number(l, loadAt, "end_ms")));
        }
        return new NodeRecord(
                constant(NodeState.class, n, at, "state"),
                number(n, at, "start_ms"),
                number(n, at, "end_ms"),
                loads,
                span(n, at, "compute"),
                string(n, at, "error"),
                string(n, at, "stack_trace"));
    }

    private static DatasetRecord decodeDataset(Map<?, ?> d, String at) {
        return new DatasetRecord(
                constant(SaveState.class, d, at, "state"),
                string(d, at, "producer"),
                Boolean.TRUE.equals(d.get("persistent")),
                string(d, at, "version"),
                number(d, at, "bytes"),
                number(d, at, "queued_ms"),
                span(d, at, "save"),
                string(d, at, "error"),
                string(d, at, "stack_trace"));
    }

    /** {@code at.key}, the path of a key in messages; {@code at} is empty at the top level. */
    private static String path(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private static Map<?, ?> object(Object value, String at) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'" + at + "' is not an object");
        }
        return map;
    }

    private static Span span(Map<?, ?> map, String at, String key) {
        Map<?, ?> s = map(map, at, key);
        String spanAt = path(at, key);
        return s == null ? null : new Span(number(s, spanAt, "start_ms"), number(s, spanAt, "end_ms"));
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Map<?, ?> map, String at, String key) {
        String value = required(map, at, key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(
                "'" + path(at, key) + "' is '" + value + "', not one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static String required(Map<?, ?> map, String at, String key) {
        String value = string(map, at, key);
        if (value == null) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is missing");
        }
        return value;
    }

    private static String string(Map<?, ?> map, String at, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is not a string");
        }
        return (String) value;
    }

    private static int count(Map<?, ?> map, String at, String key) {
        Long value = number(map, at, key);
        if (value == null) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is missing");
        }
        return value.intValue();
    }

    private static Long number(Map<?, ?> map, String at, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Number)) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is not a number");
        }
        return value == null ? null : ((Number) value).longValue();
    }

    private static Map<?, ?> map(Map<?, ?> map, String at, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is not an object");
        }
        return (Map<?, ?>) value;
    }

    private static List<?> list(Map<?, ?> map, String at, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof List<?>)) {
            throw new IllegalArgumentException("'" + path(at, key) + "' is not an array");
        }
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Map<?, ?> map, String at, String key) {
        List<String> values = new ArrayList<>();
        for (Object item : list(map, at, key)) {
            values.add(String.valueOf(item));
        }
        return values;
    }
}
