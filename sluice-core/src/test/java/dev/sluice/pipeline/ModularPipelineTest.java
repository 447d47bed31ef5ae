package dev.sluice.pipeline;

import static dev.sluice.pipeline.TestNodes.node;
import static dev.sluice.pipeline.TestNodes.spaceflights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.PipelineDefinitionException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reusing pipelines under namespaces, with the names Kedro's {@code pipeline(...)} gives. */
class ModularPipelineTest {
    /** Kedro's data-science pipeline from the spaceflights tutorial. */
    private final Pipeline dataScience = spaceflights().onlyNodesWithTags("ds");

    private static List<String> names(Pipeline pipeline) {
        return pipeline.nodes().stream().map(Node::name).toList();
    }

    @Test
    void build_namespace_prefixesNodesDatasetsAndParameters() {
        Pipeline reused = Pipeline.modular(dataScience).namespace("active").build();

        assertThat(names(reused)).containsExactly("active.split_data", "active.train_model", "active.evaluate_model");
        assertThat(reused.nodes()).allSatisfy(n -> assertThat(n.namespace()).contains("active"));
        assertThat(reused.inputs()).containsExactly("active.model_input_table@pandas", "params:active.model_options");
        assertThat(reused.node("active.split_data").outputs())
                .containsExactly("active.X_train", "active.X_test", "active.y_train", "active.y_test");
        assertThat(reused.outputs()).containsExactly("active.metrics");
    }

    @Test
    void build_withoutPrefixingDatasets_namespacesOnlyTheNodes() {
        Pipeline grouped = Pipeline.modular(dataScience)
                .namespace("modelling")
                .prefixDatasetsWithNamespace(false)
                .build();

        assertThat(names(grouped))
                .containsExactly("modelling.split_data", "modelling.train_model", "modelling.evaluate_model");
        assertThat(grouped.nodes()).allSatisfy(n -> assertThat(n.namespace()).contains("modelling"));
        assertThat(grouped.inputs()).containsExactly("model_input_table@pandas", "params:model_options");
        assertThat(grouped.outputs()).containsExactly("metrics");
        assertThat(grouped.datasets()).isEqualTo(dataScience.datasets());
        // The original pipeline and the grouped one are the same graph under other node names.
        assertThat(spaceflights().onlyNodesWithTags("dp").union(grouped).nodes())
                .hasSize(6);
    }

    @Test
    void build_withoutPrefixingDatasets_stillAppliesMappings() {
        Pipeline grouped = Pipeline.modular(dataScience)
                .namespace("modelling")
                .prefixDatasetsWithNamespace(false)
                .inputs(Map.of("model_input_table", "features"))
                .outputs(Map.of("metrics", "candidate_metrics"))
                .parameters(Map.of("model_options", "candidate_options"))
                .build();

        assertThat(grouped.inputs()).containsExactly("features@pandas", "params:candidate_options");
        assertThat(grouped.outputs()).containsExactly("candidate_metrics");
        assertThat(grouped.node("modelling.train_model").inputs()).containsExactly("X_train", "y_train");
    }

    @Test
    void build_withoutPrefixingDatasets_nestsNodeNamespaces() {
        Pipeline inner = Pipeline.modular(dataScience).namespace("inner").build();

        Pipeline outer = Pipeline.modular(inner)
                .namespace("outer")
                .prefixDatasetsWithNamespace(false)
                .build();

        assertThat(outer.node("outer.inner.split_data").namespace()).contains("outer.inner");
        assertThat(outer.inputs()).containsExactly("inner.model_input_table@pandas", "params:inner.model_options");
    }

    @Test
    void build_inputsKeptAsTheyAre_areSharedByTwoReuses() {
        Pipeline active = Pipeline.modular(dataScience)
                .namespace("active_modelling_pipeline")
                .inputs("model_input_table")
                .build();
        Pipeline candidate = Pipeline.modular(dataScience)
                .namespace("candidate_modelling_pipeline")
                .inputs("model_input_table")
                .build();

        Pipeline both = active.union(candidate);

        assertThat(both.nodes()).hasSize(6);
        assertThat(both.inputs())
                .containsExactly(
                        "model_input_table@pandas",
                        "params:active_modelling_pipeline.model_options",
                        "params:candidate_modelling_pipeline.model_options");
        assertThat(both.consumersOf("model_input_table"))
                .extracting(Node::name)
                .containsExactly("active_modelling_pipeline.split_data", "candidate_modelling_pipeline.split_data");
    }

    @Test
    void build_reusedUnderNamespaceAndJoinedToProducer_connectsThroughTheKeptInput() {
        Pipeline pipeline = spaceflights();
        Pipeline dataProcessing = pipeline.onlyNodesWithTags("dp");
        Pipeline candidate = Pipeline.modular(dataScience)
                .namespace("candidate")
                .inputs("model_input_table")
                .build();

        Pipeline joined = dataProcessing.union(candidate);

        assertThat(joined.producerOf("model_input_table@pandas").name()).isEqualTo("create_model_input_table");
        assertThat(names(joined.fromNodes("create_model_input_table")))
                .containsExactly(
                        "create_model_input_table",
                        "candidate.split_data",
                        "candidate.train_model",
                        "candidate.evaluate_model");
    }

    @Test
    void build_renamedInputAndOutput_takeTheNewNamesWithoutPrefix() {
        Pipeline reused = Pipeline.modular(dataScience)
                .namespace("ns")
                .inputs(Map.of("model_input_table", "features"))
                .outputs(Map.of("metrics", "ns_metrics_report"))
                .build();

        assertThat(reused.inputs()).containsExactly("features@pandas", "params:ns.model_options");
        assertThat(reused.outputs()).containsExactly("ns_metrics_report");
    }

    @Test
    void build_intermediateOutputMapped_isExposedToProducerAndConsumers() {
        Pipeline reused = Pipeline.modular(dataScience)
                .namespace("ns")
                .outputs(Map.of("regressor", "shared_regressor"))
                .build();

        assertThat(reused.node("ns.train_model").outputs()).containsExactly("shared_regressor");
        assertThat(reused.node("ns.evaluate_model").inputs())
                .containsExactly("shared_regressor", "ns.X_test", "ns.y_test");
    }

    @Test
    void build_parametersMapped_withOrWithoutPrefix_takeTheNewNames() {
        Pipeline plain = Pipeline.modular(dataScience)
                .namespace("ns")
                .parameters(Map.of("model_options", "candidate_options"))
                .build();
        Pipeline prefixed = Pipeline.modular(dataScience)
                .namespace("ns")
                .parameters(Map.of("params:model_options", "params:candidate_options"))
                .build();
        Pipeline kept = Pipeline.modular(dataScience)
                .namespace("ns")
                .parameters("model_options")
                .build();

        assertThat(plain.inputs()).contains("params:candidate_options");
        assertThat(prefixed.inputs()).contains("params:candidate_options");
        assertThat(kept.inputs()).contains("params:model_options");
    }

    @Test
    void build_allParametersInput_isNeverPrefixed() {
        Pipeline pipeline = Pipeline.of(node("report", List.of("data", "parameters"), List.of("out")));

        Pipeline reused = Pipeline.modular(pipeline).namespace("ns").build();

        assertThat(reused.inputs()).containsExactly("ns.data", "parameters");
    }

    @Test
    void build_transcodedNames_keepTheirSuffix() {
        Pipeline dataProcessing = spaceflights().onlyNodesWithTags("dp");

        Pipeline prefixed = Pipeline.modular(dataProcessing).namespace("dp").build();
        Pipeline mapped = Pipeline.modular(dataProcessing)
                .namespace("dp")
                .outputs(Map.of("model_input_table", "table"))
                .build();

        assertThat(prefixed.outputs()).containsExactly("dp.model_input_table@spark");
        assertThat(mapped.outputs()).containsExactly("table@spark");
    }

    @Test
    void build_transcodedKey_mapsTheBaseName() {
        Pipeline dataProcessing = spaceflights().onlyNodesWithTags("dp");

        Pipeline mapped = Pipeline.modular(dataProcessing)
                .outputs(Map.of("model_input_table@spark", "table"))
                .build();

        assertThat(mapped.outputs()).containsExactly("table@spark");
    }

    @Test
    void build_nodesAlreadyInANamespace_nestTheNamespaces() {
        Pipeline inner = Pipeline.of(Node.named("clean")
                .namespace("inner")
                .inputs("raw")
                .outputs("clean")
                .fn(x -> x));

        Pipeline reused = Pipeline.modular(inner).namespace("outer").build();

        Node node = reused.nodes().get(0);
        assertThat(node.name()).isEqualTo("outer.inner.clean");
        assertThat(node.namespace()).contains("outer.inner");
        assertThat(reused.onlyNodesWithNamespaces("outer").nodes()).containsExactly(node);
    }

    @Test
    void build_noNamespaceNoMappings_returnsTheNodesTagged() {
        Pipeline reused = Pipeline.modular(dataScience).tags("reused").build();

        assertThat(names(reused)).isEqualTo(names(dataScience));
        assertThat(reused.datasets()).isEqualTo(dataScience.datasets());
        assertThat(reused.nodes()).allSatisfy(n -> assertThat(n.tags()).contains("reused", "ds"));
    }

    @Test
    void build_mappingsWithoutNamespace_renameOnlyTheMappedNames() {
        Pipeline reused = Pipeline.modular(dataScience)
                .inputs(Map.of("model_input_table", "features"))
                .build();

        assertThat(names(reused)).isEqualTo(names(dataScience));
        assertThat(reused.inputs()).containsExactly("features@pandas", "params:model_options");
    }

    @Test
    void build_renamedNode_stillRunsItsFunction() {
        Pipeline pipeline =
                Pipeline.of(Node.named("double").inputs("n").outputs("twice").fn((Integer n) -> n * 2));

        Node reused = Pipeline.modular(pipeline).namespace("ns").build().node("ns.double");

        assertThat(reused.run(Map.of("ns.n", 21))).containsExactly(Map.entry("ns.twice", 42));
    }

    @Test
    void build_unknownMappedName_throwsWithSuggestion() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .namespace("ns")
                        .inputs(Map.of("model_input_tabel", "x"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Cannot reuse the pipeline under namespace 'ns': it has no dataset or parameter "
                        + "[model_input_tabel] (did you mean 'model_input_table'?); map only names that its nodes "
                        + "read or write.");
    }

    @Test
    void build_unknownParameter_throwsWithSuggestion() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .parameters(Map.of("model_option", "x"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("[params:model_option] (did you mean 'params:model_options'?)");
    }

    @Test
    void build_inputThatANodeProduces_throwsNamingTheProducer() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .namespace("ns")
                        .inputs(Map.of("X_train", "shared_train"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Cannot reuse the pipeline under namespace 'ns': 'X_train' is mapped as an input but "
                        + "node 'split_data' produces it inside the pipeline. Map it with outputs(...) to expose it,"
                        + " or map one of the free inputs [model_input_table, params:model_options].");
    }

    @Test
    void build_outputThatIsAFreeInput_throws() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .outputs(Map.of("model_input_table", "x"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("'model_input_table' is mapped as an output but no node produces it");
    }

    @Test
    void build_parameterMappedAsInput_throws() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .inputs(Map.of("params:model_options", "params:other"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("'params:model_options' is a parameter; map it with parameters(...)");
    }

    @Test
    void parameters_renamingAllParameters_throws() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience).parameters(Map.of("parameters", "others")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("the input 'parameters' (every parameter as one map) cannot be renamed");
    }

    @Test
    void build_twoTranscodingsOfOneNameMappedApart_throws() {
        Pipeline pipeline = Pipeline.of(node("a", "t@csv", "x"), node("b", List.of("t@pandas", "x"), List.of("y")));
        Map<String, String> mapping = new TreeMap<>(Map.of("t@csv", "one", "t@pandas", "two"));

        assertThatThrownBy(() -> Pipeline.modular(pipeline).inputs(mapping).build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("'t' is mapped both to 'one' and to 'two'");
    }

    @Test
    void build_mappedNameWithSuffixOnTranscodedUse_throwsNamingTheNode() {
        Pipeline dataProcessing = spaceflights().onlyNodesWithTags("dp");

        assertThatThrownBy(() -> Pipeline.modular(dataProcessing)
                        .outputs(Map.of("model_input_table", "table@delta"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining(
                        "Dataset 'table@delta@spark' of node 'create_model_input_table' has more than " + "one '@'");
    }

    @Test
    void build_twoOutputsMappedToOneName_throwsProducedTwice() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience)
                        .outputs(Map.of("y_test", "same", "regressor", "same"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Dataset 'same' is an output of more than one node [split_data, train_model]");
    }

    @Test
    void build_inputMappedOntoTheNodesOwnOutput_throws() {
        Pipeline pipeline = Pipeline.of(node("n", "raw", "out"));

        assertThatThrownBy(() -> Pipeline.modular(pipeline)
                        .inputs(Map.of("raw", "loop"))
                        .outputs(Map.of("out", "loop"))
                        .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Node 'n' reads 'loop' and also writes it");
    }

    @Test
    void namespace_invalid_throws() {
        assertThatThrownBy(() -> Pipeline.modular(dataScience).namespace("bad name"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Invalid namespace 'bad name'");
    }
}
