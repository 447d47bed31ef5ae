package dev.sluice.test;

import dev.sluice.ConfigurationException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.io.MemoryDataset;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Runs a pipeline, or a slice of one, in memory with the inputs a test gives it, and keeps every value
 * its nodes produced for the test to check. Nothing is read from or written to storage unless the test
 * hands in a catalog to read the remaining inputs from; outputs always stay in memory.
 *
 * <pre>{@code
 * PipelineTestResult result = PipelineTester.of(pipelines.get("words"))
 *         .input("greetings", "hello world\n")
 *         .param("shout", Map.of("suffix", "!"))
 *         .run();
 * assertEquals(Map.of("hello", 1, "world", 1), result.output("word_counts"));
 * }</pre>
 *
 * <p>The run is a real one: the same {@link Runner} (sequential, tee I/O, unless {@link #runner} says
 * otherwise), the same checks before any node starts, the same errors. Parameters follow the catalog's
 * rules: {@code param("model", Map.of("rate", 0.1))} is {@code params:model}, {@code params:model.rate}
 * and part of {@code parameters}. Not thread-safe; build one per test.
 */
public final class PipelineTester {
    private final Pipeline pipeline;
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private Pipeline.Filter filter = Pipeline.Filter.none();
    private DataCatalog catalog;
    private UnaryOperator<Runner.Builder> runnerSettings = UnaryOperator.identity();

    private PipelineTester(Pipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /** Starts a test run of {@code pipeline}. */
    public static PipelineTester of(Pipeline pipeline) {
        return new PipelineTester(pipeline);
    }

    /** Gives the pipeline's input {@code dataset} the value {@code value}. */
    public PipelineTester input(String dataset, Object value) {
        inputs.put(Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Gives several inputs at once, by dataset name. */
    public PipelineTester inputs(Map<String, ?> values) {
        values.forEach(this::input);
        return this;
    }

    /**
     * Sets parameter {@code key} (a dotted key such as {@code model.rate} sets a nested one), as a
     * {@code parameters.yml} would; values may be plain YAML-like values or already typed ones.
     */
    public PipelineTester param(String key, Object value) {
        Objects.requireNonNull(value, "value");
        Map<String, Object> level = parameters;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = level.get(parts[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                level.put(parts[i], child);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) child;
            level = next;
        }
        level.put(parts[parts.length - 1], value);
        return this;
    }

    /** Sets every parameter of {@code tree}, the content of a {@code parameters.yml}. */
    public PipelineTester params(Map<String, ?> tree) {
        tree.forEach(this::param);
        return this;
    }

    /**
     * Reads the inputs the test does not give (and parameters it does not set) from {@code source}, such
     * as a project's catalog. Only free inputs are read from it; outputs are never written to it.
     */
    public PipelineTester catalog(DataCatalog source) {
        this.catalog = Objects.requireNonNull(source, "source");
        return this;
    }

    /** Runs only the part of the pipeline {@code slice} selects, as {@code sluice run}'s options do. */
    public PipelineTester slice(Pipeline.Filter slice) {
        this.filter = Objects.requireNonNull(slice, "slice");
        return this;
    }

    /** Runs only these nodes ({@code --nodes}). */
    public PipelineTester nodes(String... names) {
        return slice(filter.withNodeNames(List.of(names)));
    }

    /** Runs from these nodes on ({@code --from-nodes}). */
    public PipelineTester fromNodes(String... names) {
        return slice(filter.withFromNodes(List.of(names)));
    }

    /** Runs up to these nodes ({@code --to-nodes}). */
    public PipelineTester toNodes(String... names) {
        return slice(filter.withToNodes(List.of(names)));
    }

    /** Runs what is needed to produce these datasets ({@code --to-outputs}). */
    public PipelineTester toOutputs(String... datasets) {
        return slice(filter.withToOutputs(List.of(datasets)));
    }

    /** Runs the nodes that depend on these datasets ({@code --from-inputs}). */
    public PipelineTester fromInputs(String... datasets) {
        return slice(filter.withFromInputs(List.of(datasets)));
    }

    /** Runs only nodes with one of these tags ({@code --tags}). */
    public PipelineTester tags(String... tags) {
        return slice(filter.withTags(List.of(tags)));
    }

    /** Runner settings: {@code runner(r -> r.parallel(2).io(IoMode.SYNC))}. */
    public PipelineTester runner(UnaryOperator<Runner.Builder> settings) {
        this.runnerSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Runs the pipeline (or its slice) and returns every value its nodes produced.
     *
     * @throws ConfigurationException before any node runs, if an input has no value; the message lists
     *     them and how to give them
     * @throws PipelineDefinitionException if the slice selects no node, saying what each filter selected
     * @throws RunFailedException if a node failed; its cause is the node's own exception
     */
    public PipelineTestResult run() {
        Pipeline selected = filter.isEmpty() ? pipeline : pipeline.filter(filter);
        if (selected.isEmpty()) {
            throw new PipelineDefinitionException("The pipeline "
                    + (pipeline.isEmpty()
                            ? "has no nodes, so there is nothing to run."
                            : pipeline.whyEmpty(filter, f -> (f.equals("nodeNames") ? "nodes" : f) + "(...)")));
        }
        DataCatalog runCatalog = catalogFor(selected);
        Recorder recorder = new Recorder();
        Runner runner = runnerSettings.apply(Runner.builder()).hook(recorder).build();
        RunResult result = runner.run(selected, runCatalog);
        return new PipelineTestResult(result, recorder.outputs(), recorder.nodes());
    }

    /**
     * Runs the pipeline and returns how it failed, for tests of failures.
     *
     * @throws AssertionError if the run succeeded
     */
    public RunFailedException runExpectingFailure() {
        try {
            PipelineTestResult result = run();
            throw new AssertionError("The run was expected to fail, but completed: nodes " + result.nodesRun()
                    + " ran and produced " + result.outputs().keySet());
        } catch (RunFailedException e) {
            return e;
        }
    }

    /** The run's catalog: given inputs and parameters, inputs read from the source catalog, nothing else. */
    private DataCatalog catalogFor(Pipeline selected) {
        Map<String, Object> values = new LinkedHashMap<>(inputs);
        if (!parameters.isEmpty()) {
            values.putIfAbsent(DatasetNames.ALL_PARAMETERS, parameters);
            flatten("", parameters, values);
        }
        DataCatalog.Builder builder = DataCatalog.builder();
        Set<String> missing = new TreeSet<>();
        for (String input : selected.inputs()) {
            Optional<CatalogEntry> fromSource = catalog == null ? Optional.empty() : catalog.entry(input);
            if (values.containsKey(input)) {
                builder.add(new CatalogEntry(input, new MemoryDataset<>(values.get(input)), true, "test input"));
            } else if (fromSource.isPresent()) {
                builder.add(fromSource.get());
            } else {
                missing.add(input);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("The pipeline's inputs " + missing + " have no value in this test. "
                    + "Give each with input(\"name\", value) (parameters with param(\"name\", value)), or hand in a "
                    + "catalog to read them from with catalog(...). No node was run.");
        }
        return builder.build();
    }

    private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> into) {
        tree.forEach((key, value) -> {
            String path = prefix + key;
            into.putIfAbsent(DatasetNames.PARAMS_PREFIX + path, value);
            if (value instanceof Map<?, ?> nested) {
                Map<String, Object> children = new LinkedHashMap<>();
                nested.forEach((k, v) -> children.put(String.valueOf(k), v));
                flatten(path + ".", children, into);
            }
        });
    }

    /** Keeps every output of every node, and the order nodes finished in; hooks fire on worker threads. */
    private static final class Recorder implements Hook {
        private final Map<String, Object> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<String> nodes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> produced) {
            outputs.putAll(produced);
            nodes.add(node.name());
        }

        Map<String, Object> outputs() {
            synchronized (outputs) {
                return new LinkedHashMap<>(outputs);
            }
        }

        List<String> nodes() {
            synchronized (nodes) {
                return List.copyOf(nodes);
            }
        }
    }
}
