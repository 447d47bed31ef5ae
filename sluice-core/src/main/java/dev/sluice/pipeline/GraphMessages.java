package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every pipeline-definition error message, in one place; each one says how to fix the problem. */
final class GraphMessages {
    /** Longest list of known names quoted in one message; big pipelines have thousands. */
    private static final int MAX_LISTED = 20;

    /** The start of the JVM's message for a failed cast: the value's class, then the target class. */
    private static final Pattern CAST = Pattern.compile("^class (\\S+) cannot be cast to class (\\S+)");

    private GraphMessages() {}

    static String invalidName(String what, String value) {
        return "Invalid " + what + " '" + value + "': use only letters, digits, '_', '.' and '-' (any script's "
                + "letters and digits, as in Kedro).";
    }

    static String typeForUnknownInput(String node, Collection<String> unknown, List<String> inputs) {
        return "Node '" + node + "' declares input types for " + unknown + ", which are not among its inputs " + inputs
                + Suggestions.didYouMean(unknown, inputs) + "; declare types only for its inputs.";
    }

    static String interruptedNamespace(String namespace, List<String> nodes) {
        List<String> quoted = nodes.stream().map(n -> "'" + n + "'").toList();
        return "Namespace '" + namespace + "' is interrupted by nodes [" + String.join(", ", quoted)
                + "] and thus invalid. Nodes outside it lie between its nodes, so it cannot run as one group (as "
                + "'sluice run --namespaces " + namespace + "' or an orchestrator would run it); move those nodes into "
                + "the namespace, or split it in two.";
    }

    static String misspelledInput(String input, List<String> readers, String output, String producer) {
        return "Dataset '" + input + "', read by "
                + (readers.size() == 1 ? "node '" + readers.get(0) + "'" : "nodes " + readers)
                + ", is written by no node, but '" + output + "' (written by '" + producer + "') is: if '"
                + input + "' is a typo, rename it; if it is meant to come from the catalog, ignore this warning.";
    }

    static String noInputsOrOutputs(String node) {
        return "Node '" + node + "' has neither inputs nor outputs, so no other node can depend on it and nothing "
                + "it does is recorded; declare what it reads with inputs(...) or what it writes with outputs(...).";
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

    static String duplicateOutputInNode(String node, String first, String second) {
        String what = first.equals(second) ? "'" + first + "' twice" : "'" + first + "' and '" + second + "'";
        return "Node '" + node + "' declares output " + what + ", which are one dataset (a transcoding suffix "
                + "does not make a new dataset); give each output its own dataset name.";
    }

    static String inputIsOwnOutput(String node, String input, String output) {
        String what = input.equals(output) ? "'" + input + "'" : "'" + input + "' (written as '" + output + "')";
        return "Node '" + node + "' reads " + what + " and also writes it; a node cannot consume its own "
                + "output, even under another transcoding. Write to a new dataset name instead.";
    }

    static String outputIsParameter(String node, String dataset) {
        return "Node '" + node + "' writes '" + dataset + "', which names a parameter; parameters come from "
                + "parameters*.yml and are read-only. Write to a dataset name without 'params:'.";
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

    static String unknownDatasets(String how, Collection<String> unknown, Collection<String> known) {
        return "Cannot slice the pipeline " + how + ": it has no dataset(s) " + unknown
                + Suggestions.didYouMean(unknown, known) + "; pass names of datasets its nodes read or write.";
    }

    static String nothingReads(Collection<String> datasets, Collection<String> freeInputs) {
        return "no node reads " + datasets + " (with exactly that transcoding suffix, if one is given); "
                + "pass datasets that nodes consume, such as the pipeline's inputs " + listed(freeInputs);
    }

    static String nothingWrites(Collection<String> datasets, Collection<String> freeOutputs) {
        return "no node writes " + datasets + " (with exactly that transcoding suffix, if one is given); "
                + "pass datasets that nodes produce, such as the pipeline's outputs " + listed(freeOutputs);
    }

    static String noNodeWithTags(Collection<String> tags, Collection<String> known) {
        return "no node has any of these tags" + Suggestions.didYouMean(tags, known) + "; tags in this pipeline are "
                + listed(known);
    }

    static String unknownNamespaces(Collection<String> unmatched, Collection<String> known) {
        return "Pipeline has no nodes in namespace(s) " + unmatched + Suggestions.didYouMean(unmatched, known)
                + "; namespaces in this pipeline are " + listed(known) + ".";
    }

    static String unknownMappedNames(String namespace, Collection<String> unknown, Collection<String> known) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": it has no dataset or parameter "
                + unknown + Suggestions.didYouMean(unknown, known)
                + "; map only names that its nodes read or write.";
    }

    static String mappedInputIsProduced(String namespace, String dataset, String producer, Collection<String> free) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": '" + dataset + "' is mapped as an input "
                + "but node '" + producer + "' produces it inside the pipeline. Map it with outputs(...) to expose "
                + "it, or map one of the free inputs " + listed(free) + ".";
    }

    static String mappedOutputIsFreeInput(String namespace, String dataset) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": '" + dataset + "' is mapped as an output "
                + "but no node produces it (it is a free input); map it with inputs(...) instead.";
    }

    static String parameterMappedAsDataset(String namespace, String name) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": '" + name + "' is a parameter; map it "
                + "with parameters(...) instead of inputs(...) or outputs(...).";
    }

    static String allParametersCannotBeMapped(String namespace) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": the input 'parameters' (every parameter "
                + "as one map) cannot be renamed; map single parameters ('params:name') instead.";
    }

    static String conflictingMapping(String namespace, String name, String first, String second) {
        return "Cannot reuse the pipeline" + inNamespace(namespace) + ": '" + name + "' is mapped both to '"
                + first + "' and to '" + second + "'; map each name once (transcoded forms of a name share "
                + "one mapping).";
    }

    // Values of the wrong type

    static String argumentType(Node node, int index, Class<?> declared, Class<?> actual) {
        String dataset = node.inputs().get(index);
        return "Node '" + node.name() + "' cannot run: " + argument(node, index) + " of its function is declared as "
                + declared.getTypeName() + ", but dataset '" + dataset + "' gave it a " + actual.getTypeName()
                + ". Declare the argument as " + actual.getTypeName() + " (or a type it extends), or make '" + dataset
                + "' hold a " + declared.getSimpleName() + ": change its catalog entry's type (sluice catalog types "
                + "lists what each type loads) or the node that produces it.";
    }

    /**
     * A message for a {@link ClassCastException} thrown by a node's code while casting one of its input
     * values (inputs read by name, erased generics); empty when no input holds the class that failed.
     */
    static Optional<String> castFailed(Node node, ClassCastException error, List<Object> values) {
        Matcher cast = CAST.matcher(String.valueOf(error.getMessage()));
        if (!cast.find()) {
            return Optional.empty();
        }
        List<String> culprits = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null && value.getClass().getName().equals(cast.group(1))) {
                culprits.add("'" + node.inputs().get(i) + "' (" + argument(node, i) + ")");
            }
        }
        if (culprits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Node '" + node.name() + "' failed: its code cast the value of input "
                + String.join(" or ", culprits) + ", a " + cast.group(1) + ", to " + cast.group(2)
                + " (java.lang.ClassCastException). Read the input as a " + cast.group(1)
                + ", or make the dataset hold a " + cast.group(2) + ": change its catalog entry's type (sluice "
                + "catalog types lists what each type loads) or the node that produces it.");
    }

    /** {@code argument 2 'df'}, or {@code argument 2} when the name is unknown; counted from 1. */
    static String argument(Node node, int index) {
        return "argument " + (index + 1)
                + node.argumentName(index).map(n -> " '" + n + "'").orElse("");
    }

    private static String inNamespace(String namespace) {
        return namespace == null ? "" : " under namespace '" + namespace + "'";
    }

    static String listed(Collection<String> names) {
        if (names.size() <= MAX_LISTED) {
            return names.toString();
        }
        List<String> shown = new ArrayList<>(names).subList(0, MAX_LISTED);
        return "[" + String.join(", ", shown) + ", ... (" + (names.size() - MAX_LISTED) + " more)]";
    }
}
