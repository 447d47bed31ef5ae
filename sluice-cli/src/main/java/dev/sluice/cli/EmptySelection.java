package dev.sluice.cli;

import dev.sluice.pipeline.Pipeline;
import java.util.List;
import java.util.Map;

/**
 * Why {@code sluice run}'s options left no node to run, in the options' own names: Kedro's "Pipeline
 * contains no nodes after applying all provided filters", plus what each option selected.
 */
final class EmptySelection {
    /** The CLI option for each {@link Pipeline.Filter} component. */
    private static final Map<String, String> OPTIONS = Map.of(
            "tags", "--tags",
            "fromNodes", "--from-nodes",
            "toNodes", "--to-nodes",
            "nodeNames", "--nodes",
            "fromInputs", "--from-inputs",
            "toOutputs", "--to-outputs",
            "nodeNamespaces", "--namespaces");

    private EmptySelection() {}

    /**
     * The message for running {@code filter} over {@code whole} (the union of {@code pipelineNames})
     * when it selected nothing.
     */
    static String message(List<String> pipelineNames, Pipeline whole, Pipeline.Filter filter) {
        String pipelines = (pipelineNames.size() == 1 ? "Pipeline '" : "The union of pipelines '")
                + String.join("', '", pipelineNames) + "'";
        if (whole.isEmpty()) {
            return pipelines
                    + " has no nodes, so there is nothing to run; check that the project's pipeline registry returns "
                    + "the nodes you expect ('sluice pipeline list' shows each pipeline's size).";
        }
        return pipelines + " " + whole.whyEmpty(filter, OPTIONS::get);
    }
}
