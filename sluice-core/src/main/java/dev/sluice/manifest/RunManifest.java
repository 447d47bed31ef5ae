package dev.sluice.manifest;

import dev.sluice.ConfigurationException;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * What one run did, as recorded in its {@code manifest.json}: the options, the selected nodes, and the
 * state and timings of every node and every output dataset. A {@link RunManifestRecorder} writes it
 * while the run goes; {@link ResumePlan} reads it to re-run only what is missing.
 *
 * <p>Times are epoch milliseconds; a {@code null} time or value means "not yet" or "unknown". Immutable.
 * The file's schema, key for key (every key is always present; manifests written before stack traces
 * or queue times were recorded lack {@code stack_trace} or {@code queued_ms}, which read as {@code null}).
 * A save is queued when its node hands the value on ({@code queued_ms}) and its {@code save} span runs
 * from when it started writing, after any wait for a slot of its store or an I/O thread, to its end:
 *
 * <pre>{@code
 * {"format": 1, "run_id": "...", "status": "RUNNING|COMPLETED|FAILED|INTERRUPTED", "started_ms": 0, "finished_ms": 0|null,
 *  "resumed_from": null|"...", "project": "/abs/dir", "command": "sluice run ...",
 *  "options": {"runner": "sequential|parallel", "workers": 1, "io": "tee", ..., "env": "local",
 *              "pipelines": ["__default__"], "runtime_params": {...}, "filter": {...}},
 *  "pipeline": {"nodes": [{"name", "namespace", "tags": [], "inputs": [], "outputs": []}]},
 *  "nodes": {"<node>": {"state": "PENDING|RUNNING|COMPLETED|FAILED|NOT_RUN|INTERRUPTED", "start_ms", "end_ms",
 *            "load": [{"dataset", "start_ms", "end_ms"}], "compute": {"start_ms", "end_ms"}|null,
 *            "error": null|"...", "stack_trace": null|"..."}},
 *  "datasets": {"<output>": {"state": "PENDING|WRITING|COMMITTED|FAILED|NOT_PRODUCED|INTERRUPTED",
 *               "producer": "<node>",
 *               "persistent": true, "version": null|"...", "bytes": 0|null, "queued_ms": 0|null,
 *               "save": {"start_ms", "end_ms"}|null, "error": null|"...", "stack_trace": null|"..."}},
 *  "stores": {"<store key>": {"start": 32, "limit": 33, "min": 32, "max": 33}},
 *  "error": null|"..."}
 * }</pre>
 *
 * @param runId the run's id, also the name of its directory under {@code .sluice/runs}
 * @param status whether the run is going, completed or failed; a run killed part-way stays
 *     {@link Status#RUNNING}
 * @param startedMs when the run started
 * @param finishedMs when it ended, or {@code null}
 * @param project the project's directory
 * @param command the command line that started the run, with secrets masked
 * @param options the run's settings: runner, I/O mode, environment, pipelines, runtime parameters (secrets
 *     masked), node filter
 * @param pipeline the nodes the run set out to run, in topological order
 * @param nodes each node's record, by node name
 * @param datasets each output's record, by the name its producer wrote (with any transcoding suffix)
 * @param error the run's first failure, or {@code null}
 * @param resumedFrom the id of the run this one resumed, or {@code null}
 * @param stores how many saves the run let write at once to each store it saved to, by
 *     {@linkplain dev.sluice.io.Dataset#storeKey() store key} (absent in manifests of older versions)
 */
public record RunManifest(
        String runId,
        Status status,
        long startedMs,
        Long finishedMs,
        String project,
        String command,
        Map<String, Object> options,
        List<PipelineNode> pipeline,
        Map<String, NodeRecord> nodes,
        Map<String, DatasetRecord> datasets,
        String error,
        String resumedFrom,
        Map<String, StoreRecord> stores) {

    /** The manifest format this version of Sluice writes and reads. */
    public static final int FORMAT = 1;

    /** The state of a whole run. */
    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED,
        /** Stopped by a signal (Ctrl-C, SIGTERM): no node started after it, and the manifest says what got done. */
        INTERRUPTED;

        /** Whether the run ended (a killed run never gets there). */
        public boolean isTerminal() {
            return this != RUNNING;
        }
    }

    /**
     * One node of the selected pipeline.
     *
     * @param namespace the node's namespace, or {@code null}
     */
    public record PipelineNode(
            String name, String namespace, List<String> tags, List<String> inputs, List<String> outputs) {
        public PipelineNode {
            Objects.requireNonNull(name, "name");
            tags = List.copyOf(tags);
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /** A start and an end; either is {@code null} while unknown. */
    public record Span(Long startMs, Long endMs) {}

    /** One load of a dataset from the catalog for a node (values handed on in memory are not loads). */
    public record Load(String dataset, Long startMs, Long endMs) {
        public Load {
            Objects.requireNonNull(dataset, "dataset");
        }
    }

    /**
     * What happened to one node. It starts at its first load or at its function call, whichever comes
     * first, and ends when its function returns or fails.
     *
     * @param compute the call of the node's function, or {@code null} before it
     * @param error why the node failed, or {@code null}
     * @param stackTrace the stack trace of the exception behind the failure (the node's own exception),
     *     whole, as the JVM prints it; {@code null} when there is none ({@link dev.sluice.StackTraces}
     *     folds it for display)
     */
    public record NodeRecord(
            NodeState state,
            Long startMs,
            Long endMs,
            List<Load> loads,
            Span compute,
            String error,
            String stackTrace) {
        public NodeRecord {
            Objects.requireNonNull(state, "state");
            loads = List.copyOf(loads);
        }

        /** A record without a stack trace. */
        public NodeRecord(NodeState state, Long startMs, Long endMs, List<Load> loads, Span compute, String error) {
            this(state, startMs, endMs, loads, compute, error, null);
        }

        /** A node that has not started. */
        public static NodeRecord pending() {
            return new NodeRecord(NodeState.PENDING, null, null, List.of(), null, null, null);
        }
    }

    /**
     * What happened to one output. For a dataset that is not persisted, {@link SaveState#COMMITTED} means
     * it was produced: its value lived in memory for this run only.
     *
     * @param producer the node that writes it
     * @param persistent whether its value outlives the run
     * @param version the version written, for versioned datasets; else {@code null}
     * @param bytes the stored size, when the store tells it; else {@code null}
     * @param queuedMs when the save was queued, i.e. when its node handed the value on; {@code null} when
     *     no save was queued (not persisted, not produced) or the manifest predates queue times
     * @param save the save from the moment it started writing (its first attempt, after any wait for a slot
     *     of its store) to its commit or failure, or {@code null} before it started writing
     * @param error why the save failed, or {@code null}
     * @param stackTrace the stack trace of the exception behind a failed save (an I/O error), whole; else
     *     {@code null}
     */
    public record DatasetRecord(
            SaveState state,
            String producer,
            boolean persistent,
            String version,
            Long bytes,
            Long queuedMs,
            Span save,
            String error,
            String stackTrace) {
        public DatasetRecord {
            Objects.requireNonNull(state, "state");
        }

        /** A record without a queue time: its save started writing when it was queued. */
        public DatasetRecord(
                SaveState state,
                String producer,
                boolean persistent,
                String version,
                Long bytes,
                Span save,
                String error,
                String stackTrace) {
            this(state, producer, persistent, version, bytes, null, save, error, stackTrace);
        }

        /** A record without a queue time or a stack trace. */
        public DatasetRecord(
                SaveState state,
                String producer,
                boolean persistent,
                String version,
                Long bytes,
                Span save,
                String error) {
            this(state, producer, persistent, version, bytes, null, save, error, null);
        }

        /**
         * How long the save waited between being queued and starting to write (for a slot of its store, or
         * a thread): {@code 0} when it started at once or no queue time is recorded, {@code null} before it
         * started writing.
         */
        public Long queueWaitMs() {
            if (save == null || save.startMs() == null) {
                return null;
            }
            return queuedMs == null ? 0L : Math.max(0L, save.startMs() - queuedMs);
        }

        /** Whether the run committed it to storage. */
        public boolean isCommitted() {
            return persistent && state == SaveState.COMMITTED;
        }
    }

    /** A manifest without store records. */
    public RunManifest(
            String runId,
            Status status,
            long startedMs,
            Long finishedMs,
            String project,
            String command,
            Map<String, Object> options,
            List<PipelineNode> pipeline,
            Map<String, NodeRecord> nodes,
            Map<String, DatasetRecord> datasets,
            String error,
            String resumedFrom) {
        this(
                runId,
                status,
                startedMs,
                finishedMs,
                project,
                command,
                options,
                pipeline,
                nodes,
                datasets,
                error,
                resumedFrom,
                Map.of());
    }

    /**
     * The concurrency the runner chose for saves to one store: it starts at {@code start}, moves while
     * saves commit, fail or slow down, and ended the run at {@code limit}.
     *
     * @param min the lowest it went
     * @param max the highest it went
     */
    public record StoreRecord(int start, int limit, int min, int max) {
        /** A store first seen with {@code limit}. */
        public static StoreRecord starting(int limit) {
            return new StoreRecord(limit, limit, limit, limit);
        }

        /** This record after the limit moved to {@code next}. */
        public StoreRecord moved(int next) {
            return new StoreRecord(start, next, Math.min(min, next), Math.max(max, next));
        }
    }

    public RunManifest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        options = Collections.unmodifiableMap(normalize(options == null ? Map.of() : options));
        pipeline = List.copyOf(pipeline);
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores == null ? Map.of() : stores));
    }

    /** The record of {@code node}, if the run selected it. */
    public Optional<NodeRecord> node(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    /**
     * How long each node that completed held its worker: from its first load to the end of its function,
     * or to the end of its last save when the run's I/O mode made nodes wait for their saves ({@code sync},
     * {@code async}, {@code cache}). The weights of critical-path scheduling in a later run
     * ({@link dev.sluice.runner.Runner.Builder#expectedNodeTimes}).
     */
    public Map<String, Duration> nodeTimes() {
        Map<String, Long> lastSaveEnd = new LinkedHashMap<>();
        if (List.of("sync", "async", "cache").contains(String.valueOf(options.get("io")))) {
            datasets.values().forEach(output -> {
                if (output.save() != null && output.save().endMs() != null) {
                    lastSaveEnd.merge(output.producer(), output.save().endMs(), Math::max);
                }
            });
        }
        Map<String, Duration> times = new LinkedHashMap<>();
        nodes.forEach((name, record) -> {
            if (record.state() == NodeState.COMPLETED && record.startMs() != null && record.endMs() != null) {
                long end = Math.max(record.endMs(), lastSaveEnd.getOrDefault(name, record.endMs()));
                times.put(name, Duration.ofMillis(end - record.startMs()));
            }
        });
        return times;
    }

    /** The record of {@code dataset} (as its producer wrote it), if the run produces it. */
    public Optional<DatasetRecord> dataset(String dataset) {
        return Optional.ofNullable(datasets.get(dataset));
    }

    /**
     * Reads the manifest in {@code file}.
     *
     * @throws ConfigurationException if the file is missing, is not a manifest, or has another format
     */
    public static RunManifest read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("Run manifest " + file + " does not exist; pass the id of a run "
                    + "recorded under the project's .sluice/runs directory, or 'last'.");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read run manifest " + file + ": " + e + ".", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses manifest JSON; {@code source} names it in errors.
     *
     * @throws ConfigurationException if the text is not a manifest of {@link #FORMAT}; the message gives the
     *     line of a syntax error, or the path of the key that is missing or of the wrong type
     */
    public static RunManifest parse(String json, String source) {
        Object root;
        try {
            root = Json.parse(json, source);
        } catch (YamlEngineException e) {
            throw unreadable(source, "it is not valid JSON" + syntaxError(e), e);
        }
        try {
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("the top level is not a JSON object");
            }
            return ManifestCodec.decode(map);
        } catch (IllegalArgumentException e) {
            throw unreadable(source, e.getMessage(), e);
        }
    }

    private static ConfigurationException unreadable(String source, String problem, Exception cause) {
        return new ConfigurationException(
                "Cannot read run manifest " + source + ": " + problem
                        + ". It was not written by this version of Sluice, or was edited by hand; run the pipeline "
                        + "again, without --resume, to record a new one.",
                cause);
    }

    /** " (line N): what the parser expected", without the parser's multi-line excerpt of the text. */
    private static String syntaxError(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            String line = marked.getProblemMark()
                    .map(mark -> " (line " + (mark.getLine() + 1) + ")")
                    .orElse("");
            return line + (marked.getProblem() == null ? "" : ": " + marked.getProblem());
        }
        return ": " + e.getMessage();
    }

    /** This manifest as JSON, with keys in the documented order. */
    public String toJson() {
        return Json.write(ManifestCodec.encode(this));
    }

    /** Options are JSON trees: integers become {@code Long} and decimals {@code Double}, so equal trees compare equal. */
    private static Map<String, Object> normalize(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), normalizeValue(value)));
        return copy;
    }

    private static Object normalizeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), normalizeValue(child)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(normalizeValue(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return value == null || value instanceof String || value instanceof Boolean ? value : value.toString();
    }
}
