package dev.sluice.cli;

import dev.sluice.pipeline.Pipeline;
import java.util.ArrayList;
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
        String pipelines =
                (pipelineNames.size() == 1 ? "Pipeline '" : "Pipelines '") + String.join("', '", pipelineNames) + "'";
        if (whole.isEmpty()) {
            return pipelines + (pipelineNames.size() == 1 ? " has" : " have")
                    + " no nodes, so there is nothing to run; check that the project's pipeline registry returns "
                    + "the nodes you expect ('sluice pipeline list' shows each pipeline's size).";
        }
        List<Pipeline.Selection> selections = whole.selections(filter);
        List<String> parts = new ArrayList<>();
        for (Pipeline.Selection selection : selections) {
            parts.add(selection.describe(OPTIONS.get(selection.filter())));
        }
        String advice = selections.size() > 1
                ? ". A node runs only if every option selects it: loosen or drop one of them."
                : ".";
        return pipelines + (pipelineNames.size() == 1 ? " contains" : " contain")
                + " no nodes after applying all provided filters: " + String.join("; ", parts) + advice;
    }
}
