package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.config.SecretMasking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code sluice run} as a run manifest records them ({@code options} in
 * {@code manifest.json}), and back: what {@code --resume} reuses unless the command line gives an
 * option again. The runner's own settings ({@code runner}, {@code io}, ...) are recorded by the
 * recorder from the run; this class adds the project and selection settings.
 */
final class RecordedOptions {
    static final String ENV = "env";
    static final String CONF_SOURCE = "conf_source";
    static final String PIPELINES = "pipelines";
    static final String RUNTIME_PARAMS = "runtime_params";
    static final String FILTER = "filter";
    static final String HOOKS = "hooks";
    static final String ONLY_MISSING_OUTPUTS = "only_missing_outputs";
    static final String S3_CONNECT_TIMEOUT = "s3_connect_timeout";
    static final String S3_REQUEST_TIMEOUT = "s3_request_timeout";
    static final String S3_SAVE_TIMEOUT = "s3_save_timeout";

    /** The options that select nodes; {@code --resume} takes them from the resumed run. */
    static final List<String> SELECTION_OPTIONS = List.of(
            "--pipeline",
            "--from-nodes",
            "--to-nodes",
            "--nodes",
            "--from-inputs",
            "--to-outputs",
            "--tags",
            "--namespaces",
            "--only-missing-outputs");

    private RecordedOptions() {}

    /** The settings the recorder cannot see in the runner's options. */
    static Map<String, Object> of(RunCommand run, String env, Map<String, Object> runtimeParams) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(ENV, env);
        if (run.project.confSource != null) {
            options.put(CONF_SOURCE, run.project.confSource.toAbsolutePath().toString());
        }
        options.put(PIPELINES, run.pipelineNames());
        options.put(RUNTIME_PARAMS, runtimeParams);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("tags", run.tags);
        filter.put("from_nodes", run.fromNodes);
        filter.put("to_nodes", run.toNodes);
        filter.put("node_names", run.nodes);
        filter.put("from_inputs", run.fromInputs);
        filter.put("to_outputs", run.toOutputs);
        filter.put("namespaces", run.namespaces);
        options.put(FILTER, filter);
        options.put(HOOKS, run.project.hooks);
        options.put(ONLY_MISSING_OUTPUTS, run.onlyMissingOutputs);
        putIfGiven(options, S3_CONNECT_TIMEOUT, run.s3ConnectTimeout);
        putIfGiven(options, S3_REQUEST_TIMEOUT, run.s3RequestTimeout);
        putIfGiven(options, S3_SAVE_TIMEOUT, run.s3SaveTimeout);
        return options;
    }

    /**
     * Sets every option of {@code run} that the command line did not give to the value {@code recorded}
     * holds, and returns the runtime parameters: the recorded ones overlaid by those given.
     *
     * @throws ConfigurationException if a recorded parameter was masked as secret and not given again
     */
    static Map<String, Object> reuse(RunCommand run, String runId, Map<String, Object> recorded, ParseResult given) {
        Map<?, ?> filter = recorded.get(FILTER) instanceof Map<?, ?> m ? m : Map.of();
        run.pipelines = strings(recorded.get(PIPELINES));
        run.tags = strings(filter.get("tags"));
        run.fromNodes = strings(filter.get("from_nodes"));
        run.toNodes = strings(filter.get("to_nodes"));
        run.nodes = strings(filter.get("node_names"));
        run.fromInputs = strings(filter.get("from_inputs"));
        run.toOutputs = strings(filter.get("to_outputs"));
        run.namespaces = strings(filter.get("namespaces"));
        unless(given, "--env", recorded, ENV, v -> run.project.env = String.valueOf(v));
        unless(given, "--conf-source", recorded, CONF_SOURCE, v -> run.project.confSource = Path.of((String) v));
        unless(given, "--hooks", recorded, HOOKS, v -> run.project.hooks = strings(v));
        unless(
                given,
                "--runner",
                recorded,
                "runner",
                v -> run.runner =
                        RunCommand.RunnerKind.valueOf(String.valueOf(v).toUpperCase(Locale.ROOT)));
        if (!given.hasMatchedOption("--workers")
                && run.runner == RunCommand.RunnerKind.PARALLEL
                && "parallel".equals(recorded.get("runner"))
                && recorded.get("workers") instanceof Number workers) {
            run.workers = workers.intValue();
        }
        if (!given.hasMatchedOption("--async")) {
            unless(given, "--io", recorded, "io", v -> run.io = String.valueOf(v));
        }
        unless(
                given,
                "--max-pending-saves",
                recorded,
                "max_pending_saves",
                v -> run.maxPendingSaves = ((Number) v).intValue());
        unless(
                given,
                "--max-pending-bytes",
                recorded,
                "max_pending_bytes",
                v -> run.maxPendingBytes = String.valueOf(((Number) v).longValue()));
        unless(
                given,
                "--store-concurrency",
                recorded,
                "store_concurrency",
                v -> run.storeConcurrency = ((Number) v).intValue());
        unless(given, "--save-retries", recorded, "save_retries", v -> run.saveRetries = ((Number) v).intValue());
        unless(
                given,
                "--retry-budget",
                recorded,
                "retry_budget_ms",
                v -> run.retryBudget = (int) (((Number) v).longValue() / 1000));
        unless(given, "--verify", recorded, "verify", v -> run.verify = Boolean.TRUE.equals(v));
        unless(
                given,
                "--s3-connect-timeout",
                recorded,
                S3_CONNECT_TIMEOUT,
                v -> run.s3ConnectTimeout = ((Number) v).doubleValue());
        unless(
                given,
                "--s3-request-timeout",
                recorded,
                S3_REQUEST_TIMEOUT,
                v -> run.s3RequestTimeout = ((Number) v).doubleValue());
        unless(
                given,
                "--s3-save-timeout",
                recorded,
                S3_SAVE_TIMEOUT,
                v -> run.s3SaveTimeout = ((Number) v).doubleValue());
        unless(given, "--check-mutation", recorded, "check_mutation", v -> run.checkMutation = Boolean.TRUE.equals(v));

        Map<String, Object> params = new LinkedHashMap<>();
        if (recorded.get(RUNTIME_PARAMS) instanceof Map<?, ?> recordedParams) {
            merge(params, recordedParams);
        }
        merge(params, run.project.runtimeParams());
        List<String> masked = new ArrayList<>();
        findMasked("", params, masked);
        if (!masked.isEmpty()) {
            throw new ConfigurationException("Run " + runId + " was started with runtime parameters " + masked
                    + " whose values look secret, so its manifest does not keep them. Pass them again: "
                    + "sluice run --resume " + runId + " --params "
                    + String.join(",", masked.stream().map(k -> k + "=...").toList()) + ".");
        }
        return params;
    }

    private static void putIfGiven(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    private static void unless(
            ParseResult given, String option, Map<String, Object> recorded, String key, Consumer<Object> apply) {
        Object value = recorded.get(key);
        if (!given.hasMatchedOption(option) && value != null) {
            apply.accept(value);
        }
    }

    private static List<String> strings(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> list.add(String.valueOf(item)));
        }
        return list;
    }

    /** Deep merge: maps merge key by key, anything else in {@code overlay} replaces. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<?, ?> overlay) {
        overlay.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v instanceof Map<?, ?> child && base.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(merged, child);
                base.put(key, merged);
            } else if (v instanceof Map<?, ?> child) {
                Map<String, Object> copy = new LinkedHashMap<>();
                merge(copy, child);
                base.put(key, copy);
            } else {
                base.put(key, v);
            }
        });
    }

    private static void findMasked(String prefix, Map<?, ?> params, List<String> masked) {
        params.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> child) {
                findMasked(key + ".", child, masked);
            } else if (SecretMasking.MASK.equals(v)) {
                masked.add(key);
            }
        });
    }
}
