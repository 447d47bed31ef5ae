package dev.sluice.pipeline;

import java.util.Collection;
import java.util.List;

/** Every pipeline-definition error message, in one place; each one says how to fix the problem. */
final class GraphMessages {
    private GraphMessages() {}

    static String invalidName(String what, String value) {
        return "Invalid " + what + " '" + value + "': use only letters, digits, '_', '.' and '-' ([\\w.-]+).";
    }

    static String nameRequired(List<String> inputs) {
        return "A node with inputs " + inputs + " and no outputs needs a name: use Node.named(\"...\").";
    }

    static String arityMismatch(String node, int arity, List<String> inputs) {
        return "Node '" + node + "' has a function of " + arity + " argument(s) but declares " + inputs.size()
                + " input(s) " + inputs + "; declare one input per function argument.";
    }

    static String namedFunctionNeedsNamedInputs(String node) {
        return "Node '" + node
                + "' reads its inputs by name, so declare them with inputs(Map.of(\"argument\", \"dataset\")).";
    }

    static String duplicateOutputInNode(String node, String dataset) {
        return "Node '" + node + "' declares output '" + dataset + "' twice; give each output its own dataset.";
    }

    static String inputIsOwnOutput(String node, String dataset) {
        return "Node '" + node + "' reads '" + dataset + "' and also writes it; a node cannot consume its own "
                + "output. Write to a new dataset name instead.";
    }

    static String blankDataset(String node) {
        return "Node '" + node + "' has a blank dataset name; name every input and output.";
    }

    static String multipleAt(String node, String dataset) {
        return "Dataset '" + dataset + "' of node '" + node + "' has more than one '@'; a transcoded name is "
                + "'name@format' with exactly one '@'.";
    }

    static String emptyTranscoding(String node, String dataset) {
        return "Dataset '" + dataset + "' of node '" + node + "' has an empty name or format around '@'; "
                + "write 'name@format'.";
    }

    static String duplicateNodeNames(Collection<String> names) {
        return "Pipeline has more than one node named " + names + "; give each node a unique name "
                + "(or put reused nodes under different namespaces).";
    }

    static String outputProducedTwice(String dataset, Collection<String> nodes) {
        return "Dataset '" + dataset + "' is an output of more than one node " + nodes
                + "; each dataset must have exactly one producer. Rename one of the outputs.";
    }

    static String cycle(List<String> cycle) {
        return "Pipeline has a cycle: " + String.join(" -> ", cycle)
                + "; a pipeline must be acyclic, so break the loop by writing to a new dataset.";
    }

    static String mixedTranscoding(String dataset, Collection<String> forms) {
        return "Dataset '" + dataset + "' is used both with and without a transcoding suffix " + forms + "; use '"
                + dataset + "@<format>' everywhere or the plain name everywhere.";
    }

    static String unknownNodes(Collection<String> unknown, Collection<String> known) {
        return "Pipeline does not contain node(s) " + unknown + Suggestions.didYouMean(unknown, known)
                + "; run 'sluice pipeline describe' to list the nodes.";
    }

    static String unknownDatasets(String what, Collection<String> unknown, Collection<String> known) {
        return "Pipeline has no " + what + " " + unknown + Suggestions.didYouMean(unknown, known) + ".";
    }

    static String emptySlice(String how) {
        return "Slicing the pipeline " + how + " selected no nodes; check the names, tags or namespaces you passed.";
    }
}
