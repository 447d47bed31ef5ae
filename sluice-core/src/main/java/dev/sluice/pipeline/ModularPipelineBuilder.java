package dev.sluice.pipeline;

import dev.sluice.PipelineDefinitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reuses a pipeline as a modular pipeline: the same nodes under a namespace, with some inputs,
 * outputs and parameters renamed. Start one with {@link Pipeline#modular(Pipeline)}:
 *
 * <pre>{@code
 * Pipeline candidate = Pipeline.modular(dataScience)
 *         .namespace("candidate")
 *         .inputs(Map.of("model_input_table", "model_input_table"))  // shared, not prefixed
 *         .parameters(Map.of("model_options", "candidate_options"))
 *         .build();
 * }</pre>
 *
 * <p>The renaming follows Kedro's {@code pipeline(...)}. With a namespace {@code ns}, every node
 * {@code n} becomes {@code ns.n} (nested namespaces stack: {@code ns.inner.n}), every dataset
 * {@code d} that is not mapped becomes {@code ns.d}, every parameter {@code params:p} that is not
 * mapped becomes {@code params:ns.p}, and {@code parameters} (all parameters) stays. Mapped names
 * take exactly the name they are mapped to, without a prefix. Names are mapped on their base name,
 * and a transcoding suffix is kept: mapping {@code x} to {@code y} turns {@code x@csv} into
 * {@code y@csv}; with a namespace, {@code x@csv} becomes {@code ns.x@csv}.
 *
 * <p>{@link #prefixDatasetsWithNamespace prefixDatasetsWithNamespace(false)} (Kedro's
 * {@code prefix_datasets_with_namespace=False}) puts only the nodes under the namespace and leaves
 * dataset and parameter names as they are (mappings still apply): for grouping nodes, for example to
 * deploy each namespace as one task, without changing what they read and write.
 *
 * <p>A builder is not thread-safe; the pipeline it builds is.
 */
public final class ModularPipelineBuilder {
    private final Pipeline pipeline;
    private String namespace;
    private boolean prefixDatasets = true;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();

    ModularPipelineBuilder(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The namespace (a node name, may be dotted) that prefixes node and unmapped dataset names. */
    public ModularPipelineBuilder namespace(String namespace) {
        for (String part : namespace.split("\\.", -1)) {
            Node.checkName("namespace", part);
        }
        this.namespace = namespace;
        return this;
    }

    /**
     * Whether unmapped dataset and parameter names get the namespace as a prefix (default {@code true});
     * with {@code false} only node names do. Kedro's {@code prefix_datasets_with_namespace}.
     */
    public ModularPipelineBuilder prefixDatasetsWithNamespace(boolean prefix) {
        this.prefixDatasets = prefix;
        return this;
    }

    /** Renames free inputs ({@code old -> new}); the new names get no namespace prefix. */
    public ModularPipelineBuilder inputs(Map<String, String> oldToNew) {
        inputs.putAll(oldToNew);
        return this;
    }

    /** Keeps these free inputs as they are, without a namespace prefix (Kedro's set form). */
    public ModularPipelineBuilder inputs(String... names) {
        return inputs(identity(names));
    }

    /**
     * Renames outputs ({@code old -> new}); the new names get no namespace prefix. An output may be a
     * free output or an intermediate dataset that should be exposed under a shared name.
     */
    public ModularPipelineBuilder outputs(Map<String, String> oldToNew) {
        outputs.putAll(oldToNew);
        return this;
    }

    /** Keeps these outputs as they are, without a namespace prefix (Kedro's set form). */
    public ModularPipelineBuilder outputs(String... names) {
        return outputs(identity(names));
    }

    /**
     * Renames parameters ({@code old -> new}), with or without the {@code params:} prefix on either
     * side; the new names get no namespace prefix.
     */
    public ModularPipelineBuilder parameters(Map<String, String> oldToNew) {
        oldToNew.forEach((from, to) -> {
            if (from.equals(DatasetNames.ALL_PARAMETERS)) {
                // Kedro never renames the all-parameters input; naming it unchanged is harmless.
                if (!to.equals(from)) {
                    throw new PipelineDefinitionException(GraphMessages.allParametersCannotBeMapped(namespace));
                }
                return;
            }
            parameters.put(asParameter(from), asParameter(to));
        });
        return this;
    }

    /** Keeps these parameters as they are, without a namespace prefix (Kedro's set form). */
    public ModularPipelineBuilder parameters(String... names) {
        return parameters(identity(names));
    }

    /** Adds tags to every node. */
    public ModularPipelineBuilder tags(String... tags) {
        for (String tag : tags) {
            this.tags.add(Node.checkName("tag", tag));
        }
        return this;
    }

    /**
     * Builds the renamed pipeline.
     *
     * @throws PipelineDefinitionException if a mapped name is not in the pipeline, an input mapping
     *     names a dataset that a node produces, an output mapping names a free input, a parameter is
     *     mapped as a dataset, or the renamed nodes do not form a valid pipeline
     */
    public Pipeline build() {
        Pipeline tagged = pipeline.tag(tags.toArray(String[]::new));
        if (namespace == null && inputs.isEmpty() && outputs.isEmpty() && parameters.isEmpty()) {
            return tagged;
        }
        Map<String, String> datasetMapping = new LinkedHashMap<>();
        Set<String> inputBases = addByBase(inputs, datasetMapping);
        Set<String> outputBases = addByBase(outputs, datasetMapping);
        checkMappedNamesExist(tagged, datasetMapping.keySet());
        checkInputsAndOutputs(tagged, inputBases, outputBases);

        List<Node> renamed = new ArrayList<>();
        for (Node node : tagged.nodes()) {
            String newNamespace = namespace == null
                    ? node.namespace().orElse(null)
                    : node.namespace().map(ns -> namespace + "." + ns).orElse(namespace);
            String newName = namespace == null ? node.name() : namespace + "." + node.name();
            renamed.add(node.with(
                    newName,
                    newNamespace,
                    node.tags(),
                    rename(node.inputs(), datasetMapping),
                    rename(node.outputs(), datasetMapping)));
        }
        return Pipeline.of(renamed);
    }

    private Set<String> addByBase(Map<String, String> mapping, Map<String, String> into) {
        Set<String> bases = new TreeSet<>();
        mapping.forEach((from, to) -> {
            if (DatasetNames.isParameter(from)) {
                throw new PipelineDefinitionException(GraphMessages.parameterMappedAsDataset(namespace, from));
            }
            String base = DatasetNames.strip(from);
            String previous = into.putIfAbsent(base, to);
            if (previous != null && !previous.equals(to)) {
                throw new PipelineDefinitionException(GraphMessages.conflictingMapping(namespace, base, previous, to));
            }
            bases.add(base);
        });
        return bases;
    }

    private void checkMappedNamesExist(Pipeline tagged, Set<String> datasetBases) {
        Set<String> known = new TreeSet<>();
        tagged.datasets().forEach(d -> known.add(DatasetNames.strip(d)));
        Set<String> unknown = new TreeSet<>();
        for (String base : datasetBases) {
            if (!known.contains(base)) {
                unknown.add(base);
            }
        }
        for (String parameter : parameters.keySet()) {
            if (!known.contains(parameter)) {
                unknown.add(parameter);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PipelineDefinitionException(GraphMessages.unknownMappedNames(namespace, unknown, known));
        }
    }

    private void checkInputsAndOutputs(Pipeline tagged, Set<String> inputBases, Set<String> outputBases) {
        Set<String> freeInputs = new TreeSet<>();
        tagged.inputs().forEach(d -> freeInputs.add(DatasetNames.strip(d)));
        for (String base : inputBases) {
            if (!freeInputs.contains(base)) {
                throw new PipelineDefinitionException(GraphMessages.mappedInputIsProduced(
                        namespace, base, tagged.producerOf(base).name(), freeInputs));
            }
        }
        for (String base : outputBases) {
            if (freeInputs.contains(base)) {
                throw new PipelineDefinitionException(GraphMessages.mappedOutputIsFreeInput(namespace, base));
            }
        }
    }

    private List<String> rename(List<String> datasets, Map<String, String> datasetMapping) {
        List<String> renamed = new ArrayList<>(datasets.size());
        for (String dataset : datasets) {
            renamed.add(rename(dataset, datasetMapping));
        }
        return renamed;
    }

    private String rename(String dataset, Map<String, String> datasetMapping) {
        if (dataset.equals(DatasetNames.ALL_PARAMETERS)) {
            return dataset;
        }
        if (dataset.startsWith(DatasetNames.PARAMS_PREFIX)) {
            String mapped = parameters.get(dataset);
            if (mapped != null) {
                return mapped;
            }
            return namespace == null || !prefixDatasets
                    ? dataset
                    : DatasetNames.PARAMS_PREFIX + namespace + "."
                            + dataset.substring(DatasetNames.PARAMS_PREFIX.length());
        }
        String base = DatasetNames.strip(dataset);
        String mapped = datasetMapping.get(base);
        if (mapped != null) {
            return mapped + dataset.substring(base.length());
        }
        return namespace == null || !prefixDatasets ? dataset : namespace + "." + dataset;
    }

    private static String asParameter(String name) {
        return name.startsWith(DatasetNames.PARAMS_PREFIX) ? name : DatasetNames.PARAMS_PREFIX + name;
    }

    private static Map<String, String> identity(String... names) {
        Map<String, String> same = new LinkedHashMap<>();
        Arrays.stream(names).forEach(name -> same.put(name, name));
        return same;
    }
}
