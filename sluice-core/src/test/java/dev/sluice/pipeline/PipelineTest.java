package dev.sluice.pipeline;

import static dev.sluice.pipeline.TestNodes.node;
import static dev.sluice.pipeline.TestNodes.spaceflights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.PipelineDefinitionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static List<String> names(Pipeline pipeline) {
        return pipeline.nodes().stream().map(Node::name).toList();
    }

    @Test
    void of_twoNodesWithOneName_throwsNamingIt() {
        assertThatThrownBy(() -> Pipeline.of(node("clean", "a", "b"), node("clean", "c", "d")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline has more than one node named [clean]; give each node a unique name "
                        + "(or put reused nodes under different namespaces).");
    }

    @Test
    void of_sameNodeTwice_keepsItOnce() {
        Node clean = node("clean", "a", "b");

        assertThat(Pipeline.of(clean, clean).nodes()).containsExactly(clean);
    }

    @Test
    void of_outputProducedTwice_throwsNamingDatasetAndNodes() {
        assertThatThrownBy(() -> Pipeline.of(node("one", "a", "out"), node("two", "b", "out")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("Dataset 'out' is an output of more than one node [one, two]");
    }

    @Test
    void of_outputProducedTwiceUnderTwoTranscodings_throws() {
        assertThatThrownBy(() -> Pipeline.of(node("one", "a", "out@csv"), node("two", "b", "out@parquet")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("Dataset 'out' is an output of more than one node [one, two]");
    }

    @Test
    void of_cycle_printsTheCycle() {
        assertThatThrownBy(() -> Pipeline.of(
                        node("start", "raw", "x"), node("a", List.of("x", "z"), List.of("y")), node("b", "y", "z")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline has a cycle: a -> b -> a; a pipeline must be acyclic, so break the loop "
                        + "by writing to a new dataset.");
    }

    @Test
    void of_cycleThroughTranscodedNames_isFound() {
        assertThatThrownBy(() -> Pipeline.of(node("a", "x@csv", "y@csv"), node("b", "y@pandas", "x@pandas")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Pipeline has a cycle: a -> b -> a");
    }

    @Test
    void of_datasetWithAndWithoutTranscoding_throws() {
        assertThatThrownBy(() -> Pipeline.of(node("write", "a", "table@spark"), node("read", "table", "b")))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Dataset 'table' is used both with and without a transcoding suffix [table, table@spark];"
                        + " use 'table@<format>' everywhere or the plain name everywhere.");
    }

    @Test
    void inputsAndOutputs_transcodedEdge_isNeitherFreeInputNorFreeOutput() {
        Pipeline pipeline = Pipeline.of(node("write", "raw", "table@spark"), node("read", "table@pandas", "report"));

        assertThat(pipeline.inputs()).containsExactly("raw");
        assertThat(pipeline.outputs()).containsExactly("report");
        assertThat(pipeline.datasets()).containsExactly("raw", "report", "table@pandas", "table@spark");
        assertThat(pipeline.allInputs()).containsExactly("raw", "table@pandas");
        assertThat(pipeline.allOutputs()).containsExactly("report", "table@spark");
    }

    @Test
    void inputs_spaceflights_areTheCatalogEntriesAndParameters() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.inputs()).containsExactly("companies", "params:model_options", "reviews", "shuttles");
        assertThat(pipeline.outputs()).containsExactly("metrics");
    }

    @Test
    void producerAndConsumers_anyTranscoding_resolveToTheSameNodes() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.producerOf("model_input_table@pandas").name()).isEqualTo("create_model_input_table");
        assertThat(pipeline.producerOf("model_input_table").name()).isEqualTo("create_model_input_table");
        assertThat(pipeline.producerOf("companies")).isNull();
        assertThat(pipeline.consumersOf("model_input_table@spark"))
                .extracting(Node::name)
                .containsExactly("split_data");
    }

    @Test
    void nodes_independentNodes_areOrderedByName() {
        Pipeline pipeline = Pipeline.of(node("c", "x", "c_out"), node("a", "x", "a_out"), node("b", "x", "b_out"));

        assertThat(names(pipeline)).containsExactly("a", "b", "c");
    }

    @Test
    void nodes_dependencies_putProducersFirstWhateverTheNames() {
        Pipeline pipeline =
                Pipeline.of(node("a_last", "mid", "out"), node("z_first", "raw", "mid"), node("m_other", "raw", "o"));

        assertThat(names(pipeline)).containsExactly("m_other", "z_first", "a_last");
    }

    @Test
    void nodes_anyInsertionOrder_givesTheSameOrder() {
        Pipeline pipeline = spaceflights();
        List<Node> nodes = new ArrayList<>(pipeline.nodes());
        Collections.reverse(nodes);
        Pipeline reversed = Pipeline.of(nodes);

        assertThat(names(reversed))
                .containsExactly(
                        "preprocess_companies",
                        "preprocess_shuttles",
                        "create_model_input_table",
                        "split_data",
                        "train_model",
                        "evaluate_model");
        assertThat(reversed).isEqualTo(pipeline);
    }

    @Test
    void groupedNodes_spaceflights_areTheTopologicalLevels() {
        List<List<String>> groups = spaceflights().groupedNodes().stream()
                .map(group -> group.stream().map(Node::name).toList())
                .toList();

        assertThat(groups)
                .containsExactly(
                        List.of("preprocess_companies", "preprocess_shuttles"),
                        List.of("create_model_input_table"),
                        List.of("split_data"),
                        List.of("train_model"),
                        List.of("evaluate_model"));
    }

    @Test
    void groupedNodes_nodeWithParentsOnTwoLevels_goesAfterTheDeeperOne() {
        // Kedro's grouped_nodes: 'late' needs 'a' (level 0) and 'b' (level 1), so it is on level 2.
        Pipeline pipeline = Pipeline.of(
                node("late", List.of("raw_out", "mid"), List.of("out")),
                node("b", "raw_out", "mid"),
                node("a", "raw", "raw_out"),
                node("z_free", "raw", "other"));

        assertThat(pipeline.groupedNodes())
                .map(group -> group.stream().map(Node::name).toList())
                .containsExactly(List.of("a", "z_free"), List.of("b"), List.of("late"));
    }

    @Test
    void groupedNodes_emptyPipeline_hasNoGroups() {
        assertThat(Pipeline.of().groupedNodes()).isEmpty();
    }

    @Test
    void consumersOf_isInTopologicalOrder() {
        Pipeline pipeline = Pipeline.of(
                node("a_late", List.of("shared", "mid"), List.of("out1")),
                node("z_early", "shared", "mid"),
                node("b_other", "shared", "out2"));

        assertThat(pipeline.consumersOf("shared"))
                .extracting(Node::name)
                .containsExactly("b_other", "z_early", "a_late");
    }

    @Test
    void parentsOf_isInTopologicalOrder() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.parentsOf(pipeline.node("evaluate_model")))
                .extracting(Node::name)
                .containsExactly("split_data", "train_model");
        assertThat(pipeline.parentsOf(pipeline.node("preprocess_shuttles"))).isEmpty();
    }

    @Test
    void childrenOf_isInTopologicalOrderAndEachChildOnce() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.childrenOf(pipeline.node("split_data")))
                .extracting(Node::name)
                .containsExactly("train_model", "evaluate_model");
        assertThat(pipeline.childrenOf(pipeline.node("evaluate_model"))).isEmpty();
    }

    @Test
    void parentsOf_nodeOfAnotherPipeline_throwsNamingIt() {
        assertThatThrownBy(() -> spaceflights().parentsOf(node("stranger", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Node 'stranger' is not in this pipeline");
    }

    @Test
    void of_joinOfManyBranches_indexesEveryEdge() {
        int branches = 50_000;
        List<Node> nodes = new ArrayList<>();
        nodes.add(node("source", List.of(), List.of("s")));
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            nodes.add(node("branch_" + i, "s", "b" + i));
            joined.add("b" + i);
        }
        nodes.add(node("join", joined, List.of("out")));

        Pipeline pipeline = Pipeline.of(nodes);

        Node join = pipeline.node("join");
        assertThat(pipeline.parentsOf(join)).hasSize(branches);
        assertThat(pipeline.childrenOf(pipeline.node("source"))).hasSize(branches);
        assertThat(pipeline.childrenOf(pipeline.node("branch_7"))).containsExactly(join);
        assertThat(pipeline.nodes().get(pipeline.nodes().size() - 1)).isEqualTo(join);
    }

    @Test
    void node_unknownName_suggestsTheClosest() {
        assertThatThrownBy(() -> spaceflights().node("train_modle"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline does not contain node(s) [train_modle] (did you mean 'train_model'?); "
                        + "run 'sluice pipeline describe' to list the nodes.");
    }

    @Test
    void tags_listsEveryTag() {
        assertThat(spaceflights().tags()).containsExactly("dp", "ds", "training");
    }

    @Test
    void tag_addsTagsToEveryNode() {
        Pipeline tagged = spaceflights().tag("nightly", "v2");

        assertThat(tagged.nodes()).allSatisfy(n -> assertThat(n.tags()).contains("nightly", "v2"));
        assertThat(tagged.node("train_model").tags()).containsExactlyInAnyOrder("ds", "training", "nightly", "v2");
        assertThat(spaceflights().tags()).doesNotContain("nightly");
    }

    @Test
    void tag_invalidTag_throws() {
        assertThatThrownBy(() -> spaceflights().tag("bad tag"))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Invalid tag 'bad tag'");
    }

    @Test
    void union_disjointPipelines_joinsThemThroughSharedDatasets() {
        Pipeline first = Pipeline.of(node("a", "raw", "mid"));
        Pipeline second = Pipeline.of(node("b", "mid", "out"));

        Pipeline both = first.union(second);

        assertThat(names(both)).containsExactly("a", "b");
        assertThat(both.inputs()).containsExactly("raw");
        assertThat(both.outputs()).containsExactly("out");
    }

    @Test
    void union_sharedNode_isKeptOnce() {
        Pipeline pipeline = spaceflights();

        Pipeline union = pipeline.onlyNodesWithTags("dp").union(pipeline.toNodes("split_data"));

        assertThat(names(union))
                .containsExactly(
                        "preprocess_companies", "preprocess_shuttles", "create_model_input_table", "split_data");
    }

    @Test
    void union_nodeRebuiltWithSameNameInputsAndOutputs_isTheSameNodeAndLeftCopyWins() {
        Pipeline tagged = Pipeline.of(node("a", "raw", "mid", "first"));
        Pipeline rebuilt = Pipeline.of(node("a", "raw", "mid", "second"), node("b", "mid", "out"));

        Pipeline union = tagged.union(rebuilt);

        assertThat(names(union)).containsExactly("a", "b");
        assertThat(union.node("a").tags()).containsExactly("first");
    }

    @Test
    void union_differentNodesWithOneName_throws() {
        Pipeline first = Pipeline.of(node("a", "raw", "mid"));
        Pipeline second = Pipeline.of(node("a", "other", "mid2"));

        assertThatThrownBy(() -> first.union(second))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("more than one node named [a]");
    }

    @Test
    void concat_registryOfPipelines_isTheirUnion() {
        Pipeline pipeline = spaceflights();
        Pipeline dp = pipeline.onlyNodesWithTags("dp");
        Pipeline ds = pipeline.onlyNodesWithTags("ds");

        assertThat(Pipeline.concat(dp, ds, dp)).isEqualTo(pipeline);
        assertThat(Pipeline.concat(List.of())).matches(Pipeline::isEmpty);
    }

    @Test
    void minus_removesTheOtherPipelinesNodes() {
        Pipeline pipeline = spaceflights();

        Pipeline rest = pipeline.minus(pipeline.onlyNodesWithTags("dp"));

        assertThat(names(rest)).containsExactly("split_data", "train_model", "evaluate_model");
        assertThat(rest.inputs()).contains("model_input_table@pandas");
    }

    @Test
    void minus_matchesNodesByNameInputsAndOutputsNotTags() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.tag("extra").minus(pipeline).isEmpty()).isTrue();
    }

    @Test
    void minus_everything_isEmpty() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.minus(pipeline).nodes()).isEmpty();
    }

    @Test
    void intersect_keepsCommonNodesInThisPipelinesCopy() {
        Pipeline pipeline = spaceflights();

        Pipeline common = pipeline.tag("extra").intersect(pipeline.fromNodes("split_data"));

        assertThat(names(common)).containsExactly("split_data", "train_model", "evaluate_model");
        assertThat(common.nodes()).allSatisfy(n -> assertThat(n.tags()).contains("extra"));
    }

    @Test
    void intersect_disjoint_isEmpty() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.onlyNodesWithTags("dp")
                        .intersect(pipeline.onlyNodesWithTags("ds"))
                        .isEmpty())
                .isTrue();
    }
}
