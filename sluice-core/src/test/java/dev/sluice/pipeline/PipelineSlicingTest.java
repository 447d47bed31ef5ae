package dev.sluice.pipeline;

import static dev.sluice.pipeline.TestNodes.node;
import static dev.sluice.pipeline.TestNodes.spaceflights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.PipelineDefinitionException;
import dev.sluice.pipeline.Pipeline.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each slice on Kedro's spaceflights graph, with the nodes Kedro selects for the same call. */
class PipelineSlicingTest {
    private final Pipeline pipeline = spaceflights();

    private static List<String> names(Pipeline pipeline) {
        return pipeline.nodes().stream().map(Node::name).toList();
    }

    /** Nodes with namespaces: ingest, ingest.validate (nested) and ingestion (a lookalike). */
    private static Pipeline namespaced() {
        return Pipeline.of(
                Node.named("load")
                        .namespace("ingest")
                        .inputs("raw")
                        .outputs("loaded")
                        .fn(x -> x),
                Node.named("check")
                        .namespace("ingest.validate")
                        .inputs("loaded")
                        .outputs("checked")
                        .fn(x -> x),
                Node.named("load")
                        .namespace("ingestion")
                        .inputs("other")
                        .outputs("other_loaded")
                        .fn(x -> x),
                Node.named("report").inputs("checked").outputs("summary").fn(x -> x));
    }

    @Test
    void onlyNodes_selectsExactlyThoseNodes() {
        Pipeline slice = pipeline.onlyNodes("train_model", "split_data");

        assertThat(names(slice)).containsExactly("split_data", "train_model");
        assertThat(slice.inputs()).containsExactly("model_input_table@pandas", "params:model_options");
        assertThat(slice.outputs()).containsExactly("X_test", "regressor", "y_test");
    }

    @Test
    void onlyNodes_unknownName_throwsWithSuggestion() {
        assertThatThrownBy(() -> pipeline.onlyNodes("split_data", "trian_model"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline does not contain node(s) [trian_model] (did you mean 'train_model'?); "
                        + "run 'sluice pipeline describe' to list the nodes.");
    }

    @Test
    void onlyNodes_nameWithoutItsNamespace_suggestsTheNamespacedNode() {
        assertThatThrownBy(() -> namespaced().onlyNodes("check"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("(did you mean 'ingest.validate.check'?)");
    }

    @Test
    void selections_noName_areEmptyAsInKedro() {
        assertThat(pipeline.onlyNodes().isEmpty()).isTrue();
        assertThat(pipeline.fromNodes().isEmpty()).isTrue();
        assertThat(pipeline.toNodes().isEmpty()).isTrue();
        assertThat(pipeline.fromInputs().isEmpty()).isTrue();
        assertThat(pipeline.toOutputs().isEmpty()).isTrue();
        assertThat(pipeline.onlyNodesWithInputs().isEmpty()).isTrue();
        assertThat(pipeline.onlyNodesWithOutputs().isEmpty()).isTrue();
        assertThat(pipeline.onlyNodesWithTags().isEmpty()).isTrue();
        assertThat(namespaced().onlyNodesWithNamespaces().isEmpty()).isTrue();
    }

    @Test
    void fromNodes_selectsNodesAndEverythingDownstream() {
        assertThat(names(pipeline.fromNodes("create_model_input_table")))
                .containsExactly("create_model_input_table", "split_data", "train_model", "evaluate_model");
        assertThat(names(pipeline.fromNodes("train_model"))).containsExactly("train_model", "evaluate_model");
        assertThat(names(pipeline.fromNodes("preprocess_companies", "evaluate_model")))
                .containsExactly(
                        "preprocess_companies",
                        "create_model_input_table",
                        "split_data",
                        "train_model",
                        "evaluate_model");
    }

    @Test
    void fromNodes_unknownName_throwsWithSuggestion() {
        assertThatThrownBy(() -> pipeline.fromNodes("split"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("does not contain node(s) [split] (did you mean 'split_data'?)");
    }

    @Test
    void toNodes_selectsNodesAndEverythingUpstream() {
        assertThat(names(pipeline.toNodes("train_model")))
                .containsExactly(
                        "preprocess_companies",
                        "preprocess_shuttles",
                        "create_model_input_table",
                        "split_data",
                        "train_model");
        assertThat(names(pipeline.toNodes("preprocess_shuttles"))).containsExactly("preprocess_shuttles");
    }

    @Test
    void toNodes_unknownName_throws() {
        assertThatThrownBy(() -> pipeline.toNodes("nothing_like_it"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("Pipeline does not contain node(s) [nothing_like_it];");
    }

    @Test
    void fromInputs_selectsReadersAndDownstreamButNotTheProducer() {
        assertThat(names(pipeline.fromInputs("reviews")))
                .containsExactly("create_model_input_table", "split_data", "train_model", "evaluate_model");
        assertThat(names(pipeline.fromInputs("X_test"))).containsExactly("evaluate_model");
        assertThat(names(pipeline.fromInputs("preprocessed_shuttles", "X_train")))
                .containsExactly("create_model_input_table", "split_data", "train_model", "evaluate_model");
    }

    @Test
    void fromInputs_plainNameOfTranscodedDataset_matchesEveryTranscoding() {
        assertThat(names(pipeline.fromInputs("model_input_table")))
                .containsExactly("split_data", "train_model", "evaluate_model");
        assertThat(names(pipeline.fromInputs("model_input_table@pandas")))
                .containsExactly("split_data", "train_model", "evaluate_model");
    }

    @Test
    void fromInputs_transcodingThatNoNodeReads_isAnEmptySlice() {
        // As in Kedro: split_data reads @pandas, not @spark.
        assertThat(pipeline.fromInputs("model_input_table@spark").isEmpty()).isTrue();
    }

    @Test
    void fromInputs_freeOutput_isAnEmptySlice() {
        assertThat(pipeline.fromInputs("metrics").nodes()).isEmpty();
    }

    @Test
    void onlyNodesWithInputs_selectsDirectReadersOnly() {
        assertThat(names(pipeline.onlyNodesWithInputs("X_test"))).containsExactly("evaluate_model");
        assertThat(names(pipeline.onlyNodesWithInputs("preprocessed_shuttles", "X_train")))
                .containsExactly("create_model_input_table", "train_model");
        assertThat(names(pipeline.onlyNodesWithInputs("params:model_options"))).containsExactly("split_data");
    }

    @Test
    void onlyNodesWithInputs_transcoding_matchesPlainNameOrTheReadTranscoding() {
        assertThat(names(pipeline.onlyNodesWithInputs("model_input_table"))).containsExactly("split_data");
        assertThat(names(pipeline.onlyNodesWithInputs("model_input_table@pandas")))
                .containsExactly("split_data");
        assertThat(pipeline.onlyNodesWithInputs("model_input_table@spark").isEmpty())
                .isTrue();
    }

    @Test
    void onlyNodesWithInputs_freeOutput_isEmpty() {
        assertThat(pipeline.onlyNodesWithInputs("metrics").isEmpty()).isTrue();
    }

    @Test
    void onlyNodesWithInputs_unknownDataset_throwsWithSuggestion() {
        assertThatThrownBy(() -> pipeline.onlyNodesWithInputs("X_tset"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Cannot slice the pipeline with onlyNodesWithInputs [X_tset]: it has no dataset(s) "
                        + "[X_tset] (did you mean 'X_test'?); pass names of datasets its nodes read or write.");
    }

    @Test
    void onlyNodesWithOutputs_selectsDirectWritersOnly() {
        assertThat(names(pipeline.onlyNodesWithOutputs("X_train", "metrics")))
                .containsExactly("split_data", "evaluate_model");
        assertThat(names(pipeline.onlyNodesWithOutputs("model_input_table@spark")))
                .containsExactly("create_model_input_table");
        assertThat(pipeline.onlyNodesWithOutputs("model_input_table@pandas").isEmpty())
                .isTrue();
        assertThat(pipeline.onlyNodesWithOutputs("companies").isEmpty()).isTrue();
    }

    @Test
    void onlyNodesWithOutputs_unknownDataset_throws() {
        assertThatThrownBy(() -> pipeline.onlyNodesWithOutputs("metric"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("has no dataset(s) [metric] (did you mean 'metrics'?)");
    }

    @Test
    void onlyNodesWithInputsAndOutputs_composeWithSetAlgebra() {
        // Nodes that read X_train or X_test, except those that write metrics.
        Pipeline selected =
                pipeline.onlyNodesWithInputs("X_train", "X_test").minus(pipeline.onlyNodesWithOutputs("metrics"));

        assertThat(names(selected)).containsExactly("train_model");
        assertThat(pipeline.onlyNodesWithTags("no_such_tag").union(selected)).isEqualTo(selected);
    }

    @Test
    void fromInputs_unknownDataset_throwsWithSuggestion() {
        assertThatThrownBy(() -> pipeline.fromInputs("shutles"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Cannot slice the pipeline with fromInputs [shutles]: it has no dataset(s) [shutles] "
                        + "(did you mean 'shuttles'?); pass names of datasets its nodes read or write.");
    }

    @Test
    void toOutputs_selectsWritersAndUpstream() {
        assertThat(names(pipeline.toOutputs("X_train")))
                .containsExactly(
                        "preprocess_companies", "preprocess_shuttles", "create_model_input_table", "split_data");
        assertThat(names(pipeline.toOutputs("preprocessed_companies"))).containsExactly("preprocess_companies");
    }

    @Test
    void toOutputs_transcodedDataset_matchesPlainNameOrTheWrittenTranscoding() {
        List<String> dataProcessing =
                List.of("preprocess_companies", "preprocess_shuttles", "create_model_input_table");

        assertThat(names(pipeline.toOutputs("model_input_table"))).isEqualTo(dataProcessing);
        assertThat(names(pipeline.toOutputs("model_input_table@spark"))).isEqualTo(dataProcessing);
        assertThat(pipeline.toOutputs("model_input_table@pandas").isEmpty()).isTrue();
    }

    @Test
    void toOutputs_freeInput_isAnEmptySlice() {
        assertThat(pipeline.toOutputs("companies").isEmpty()).isTrue();
    }

    @Test
    void toOutputs_unknownDataset_throwsWithSuggestion() {
        assertThatThrownBy(() -> pipeline.toOutputs("metric"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("has no dataset(s) [metric] (did you mean 'metrics'?)");
    }

    @Test
    void onlyNodesWithTags_selectsNodesWithAnyTag() {
        assertThat(names(pipeline.onlyNodesWithTags("training"))).containsExactly("train_model");
        assertThat(names(pipeline.onlyNodesWithTags("dp", "training")))
                .containsExactly(
                        "preprocess_companies", "preprocess_shuttles", "create_model_input_table", "train_model");
    }

    @Test
    void onlyNodesWithTags_unknownTagBesideAKnownOne_isIgnoredAsInKedro() {
        assertThat(names(pipeline.onlyNodesWithTags("training", "no_such_tag"))).containsExactly("train_model");
    }

    @Test
    void onlyNodesWithTags_noNodeHasTheTags_isEmptyAsInKedro() {
        assertThat(pipeline.onlyNodesWithTags("trainig").isEmpty()).isTrue();
    }

    @Test
    void onlyNodesWithNamespaces_selectsNamespaceAndNestedOnes() {
        assertThat(names(namespaced().onlyNodesWithNamespaces("ingest")))
                .containsExactly("ingest.load", "ingest.validate.check");
        assertThat(names(namespaced().onlyNodesWithNamespaces("ingest.validate")))
                .containsExactly("ingest.validate.check");
        assertThat(names(namespaced().onlyNodesWithNamespaces("ingestion", "ingest.validate")))
                .containsExactly("ingest.validate.check", "ingestion.load");
    }

    @Test
    void onlyNodesWithNamespaces_anyNamespaceWithoutNodes_throwsWithSuggestion() {
        assertThatThrownBy(() -> namespaced().onlyNodesWithNamespaces("ingest", "ingset"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline has no nodes in namespace(s) [ingset] (did you mean 'ingest'?); "
                        + "namespaces in this pipeline are [ingest, ingest.validate, ingestion].");
    }

    @Test
    void onlyNodesWithNamespaces_partOfANamespaceName_doesNotMatch() {
        assertThatThrownBy(() -> namespaced().onlyNodesWithNamespaces("inge"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("Pipeline has no nodes in namespace(s) [inge]");
    }

    @Test
    void filter_noFilters_keepsTheWholePipeline() {
        assertThat(pipeline.filter(Filter.none())).isEqualTo(pipeline);
        assertThat(pipeline.filter(new Filter(null, List.of(), null, null, null, null, null)))
                .isEqualTo(pipeline);
    }

    @Test
    void filter_fromNodesAndToNodes_intersectsBothSlices() {
        Filter filter =
                Filter.none().withFromNodes(List.of("preprocess_shuttles")).withToNodes(List.of("split_data"));

        assertThat(names(pipeline.filter(filter)))
                .containsExactly("preprocess_shuttles", "create_model_input_table", "split_data");
    }

    @Test
    void filter_kedroDocstringExample_appliesEveryFilterToTheWholePipeline() {
        Pipeline chain = Pipeline.of(node("node1", "A", "B"), node("node2", "B", "C"), node("node3", "C", "D"));

        Pipeline filtered = chain.filter(
                Filter.none().withNodeNames(List.of("node1", "node3")).withFromInputs(List.of("A")));

        assertThat(names(filtered)).containsExactly("node1", "node3");
    }

    @Test
    void filter_everyKindOfFilter_keepsOnlyNodesThatPassAll() {
        Filter filter = new Filter(
                List.of("ds"),
                List.of("create_model_input_table"),
                List.of("evaluate_model"),
                List.of("train_model", "evaluate_model", "preprocess_shuttles"),
                List.of("model_input_table"),
                List.of("metrics"),
                null);

        assertThat(names(pipeline.filter(filter))).containsExactly("train_model", "evaluate_model");
    }

    @Test
    void filter_namespaces_selectsLikeOnlyNodesWithNamespaces() {
        Filter filter = Filter.none().withNodeNamespaces(List.of("ingest")).withToOutputs(List.of("loaded"));

        assertThat(names(namespaced().filter(filter))).containsExactly("ingest.load");
    }

    @Test
    void filter_disjointFilters_isEmpty() {
        Filter filter = Filter.none().withTags(List.of("dp")).withFromNodes(List.of("train_model"));

        assertThat(pipeline.filter(filter).isEmpty()).isTrue();
    }

    @Test
    void selections_disjointFilters_sayWhatEachSelected() {
        Filter filter = Filter.none().withTags(List.of("dp")).withFromNodes(List.of("train_model"));

        List<Pipeline.Selection> selections = pipeline.selections(filter);

        assertThat(selections).extracting(Pipeline.Selection::filter).containsExactly("tags", "fromNodes");
        assertThat(selections.get(0).describe("--tags"))
                .isEqualTo("--tags [dp] selects [create_model_input_table, preprocess_companies, "
                        + "preprocess_shuttles]");
        assertThat(selections.get(1).describe("fromNodes"))
                .isEqualTo("fromNodes [train_model] selects [evaluate_model, train_model]");
    }

    @Test
    void selections_filterSelectingNothing_explainsWhy() {
        Filter filter = Filter.none()
                .withTags(List.of("trainig"))
                .withFromInputs(List.of("metrics"))
                .withToOutputs(List.of("companies"));

        List<Pipeline.Selection> selections = pipeline.selections(filter);

        assertThat(selections).allSatisfy(s -> assertThat(s.nodes()).isEmpty());
        assertThat(selections.get(0).describe("--tags"))
                .isEqualTo("--tags [trainig] selects no node: no node has any of these tags (did you mean "
                        + "'training'?); tags in this pipeline are [dp, ds, training]");
        assertThat(selections.get(1).describe("--from-inputs"))
                .isEqualTo("--from-inputs [metrics] selects no node: no node reads [metrics] (with exactly that "
                        + "transcoding suffix, if one is given); pass datasets that nodes consume, such as the "
                        + "pipeline's inputs [companies, params:model_options, reviews, shuttles]");
        assertThat(selections.get(2).hint()).startsWith("no node writes [companies]");
    }

    @Test
    void selections_noFilter_isEmpty() {
        assertThat(pipeline.selections(Filter.none())).isEmpty();
    }

    @Test
    void filter_unknownNameInOneFilter_throwsThatFiltersError() {
        Filter filter = Filter.none().withTags(List.of("ds")).withToNodes(List.of("evalute_model"));

        assertThatThrownBy(() -> pipeline.filter(filter))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("[evalute_model] (did you mean 'evaluate_model'?)");
    }

    @Test
    void filter_emptyPipeline_isEmpty() {
        assertThat(Pipeline.of().filter(Filter.none()).isEmpty()).isTrue();
        assertThat(Pipeline.of().filter(Filter.none().withTags(List.of("dp"))).isEmpty())
                .isTrue();
    }

    @Test
    void filter_isEmpty_reportsWhetherAnyFilterIsGiven() {
        assertThat(Filter.none().isEmpty()).isTrue();
        assertThat(Filter.none().withTags(List.of("x")).isEmpty()).isFalse();
    }

    @Test
    void slices_leaveTheOriginalPipelineUnchanged() {
        pipeline.fromNodes("train_model");
        pipeline.tag("extra");

        assertThat(pipeline.nodes()).hasSize(6);
        assertThat(pipeline.tags()).containsExactly("dp", "ds", "training");
    }
}
