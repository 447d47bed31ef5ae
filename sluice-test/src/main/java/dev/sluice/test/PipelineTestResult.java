package dev.sluice.test;

import dev.sluice.runner.RunResult;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PipelineTester} run produced: every output of every node that ran (intermediates
 * included), the order nodes finished in, and the runner's own {@link RunResult}. The values are the
 * ones the nodes returned, not copies. Plain getters for any assertion library, plus {@link
 * #assertOutput} for tests without one.
 */
public final class PipelineTestResult {
    private final RunResult run;
    private final Map<String, Object> outputs;
    private final List<String> nodesRun;

    PipelineTestResult(RunResult run, Map<String, Object> outputs, List<String> nodesRun) {
        this.run = run;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.nodesRun = List.copyOf(nodesRun);
    }

    /**
     * The value a node produced for {@code dataset}.
     *
     * @throws AssertionError naming the datasets that were produced, if none was produced for it
     */
    public Object output(String dataset) {
        if (!outputs.containsKey(dataset)) {
            throw new AssertionError("No node of the run produced '" + dataset + "'; it produced " + outputs.keySet()
                    + ". Check the name, and that the slice includes its producer.");
        }
        return outputs.get(dataset);
    }

    /**
     * The value produced for {@code dataset}, as a {@code type}.
     *
     * @throws AssertionError if none was produced, or it is not a {@code type}
     */
    public <T> T output(String dataset, Class<T> type) {
        Object value = output(dataset);
        if (!type.isInstance(value)) {
            throw new AssertionError(
                    "Output '" + dataset + "' is a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /**
     * Checks that the value produced for {@code dataset} equals {@code expected} (arrays by content).
     *
     * @throws AssertionError saying both values when they differ
     */
    public PipelineTestResult assertOutput(String dataset, Object expected) {
        Object actual = output(dataset);
        if (!Objects.deepEquals(actual, expected)) {
            throw new AssertionError("Output '" + dataset + "' differs:" + System.lineSeparator() + "  expected: "
                    + show(expected) + System.lineSeparator() + "  but was:  " + show(actual));
        }
        return this;
    }

    /** Every value produced, by dataset name, in the order nodes finished. */
    public Map<String, Object> outputs() {
        return outputs;
    }

    /** The nodes that ran, in the order they finished. */
    public List<String> nodesRun() {
        return nodesRun;
    }

    /** The runner's result: node and save states, the pipeline's free outputs, the wall time. */
    public RunResult runResult() {
        return run;
    }

    private static String show(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value != null && value.getClass().isArray()) {
            String wrapped = Arrays.deepToString(new Object[] {value});
            return wrapped.substring(1, wrapped.length() - 1);
        }
        return String.valueOf(value);
    }
}
