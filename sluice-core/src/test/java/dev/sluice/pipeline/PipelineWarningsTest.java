package dev.sluice.pipeline;

import static dev.sluice.pipeline.TestNodes.node;
import static dev.sluice.pipeline.TestNodes.spaceflights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Warning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipeline warnings: Kedro's namespace cases (tests/pipeline/test_pipeline_namespaces.py) and likely typos. */
class PipelineWarningsTest {
    private static Node in(String namespace, String name, String input, String output) {
        Node.Builder builder = Node.named(name).inputs(input).outputs(output);
        if (namespace != null) {
            builder.namespace(namespace);
        }
        return builder.fn(x -> x);
    }

    private static List<String> messages(Pipeline pipeline) {
        return pipeline.warnings().stream().map(Warning::message).toList();
    }

    @Test
    void warnings_interruptedNamespace_namesTheNodesBetweenAsKedroDoes() {
        Pipeline pipeline = Pipeline.of(
                in("ns1", "node1", "A", "B"),
                in(null, "node2", "B", "C"),
                in("ns1.ns2", "node3", "C", "D"),
                in("ns1", "node4", "D", "E"));

        assertThat(messages(pipeline))
                .containsExactly("Namespace 'ns1' is interrupted by nodes ['node2'] and thus invalid. Nodes outside it "
                        + "lie between its nodes, so it cannot run as one group (as 'sluice run --namespaces ns1' or "
                        + "an orchestrator would run it); move those nodes into the namespace, or split it in two.");
        assertThat(pipeline.warnings()).allSatisfy(w -> assertThat(w.source()).isEmpty());
    }

    @Test
    void warnings_continuousChildAndParallelNamespaces_areQuiet() {
        Pipeline continuous =
                Pipeline.of(in("ns1", "node1", "A", "B"), in("ns1", "node2", "B", "C"), in("ns1", "node3", "C", "D"));
        Pipeline child = Pipeline.of(
                in("ns1", "node1", "A", "B"), in("ns1.child", "node2", "B", "C"), in("ns1", "node3", "C", "D"));
        Pipeline parallel = Pipeline.of(
                Node.named("source")
                        .namespace("common")
                        .inputs("A")
                        .outputs("B", "C")
                        .fn(a -> List.of(a, a)),
                in("ns1", "node1", "B", "D"),
                in("ns2", "node2", "C", "E"));

        assertThat(continuous.warnings()).isEmpty();
        assertThat(child.warnings()).isEmpty();
        assertThat(parallel.warnings()).isEmpty();
    }

    @Test
    void warnings_complexInterruption_reportsTheOuterNamespaceAsKedroDoes() {
        Pipeline pipeline = Pipeline.of(
                in("ns1", "node1", "A", "B"),
                in("ns1.child.grandchild", "node2", "C", "D"),
                in("ns2", "node3", "D", "E"),
                in("ns1.child", "node4", "E", "F"),
                in("ns1", "node5", "F", "G"));

        assertThat(messages(pipeline))
                .anySatisfy(m -> assertThat(m).startsWith("Namespace 'ns1' is interrupted by nodes ['ns2.node3']"));
    }

    @Test
    void warnings_bigLayeredPipelineWithoutNamespaces_isQuiet() {
        // Kedro's create_a_big_pipeline(N=30, M=20).
        List<Node> nodes = new ArrayList<>();
        String previous = "input_0";
        for (int layer = 0; layer < 20; layer++) {
            List<String> fanout = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                fanout.add("w" + layer + "_" + i);
                nodes.add(node("worker_" + layer + "_" + i, previous, fanout.get(i)));
            }
            nodes.add(node("merge_" + layer, fanout, List.of("input_" + (layer + 1))));
            previous = "input_" + (layer + 1);
        }

        assertThat(Pipeline.of(nodes).warnings()).isEmpty();
    }

    @Test
    void warnings_inputThatLooksLikeAProducedDataset_suggestsTheTypo() {
        Pipeline pipeline = Pipeline.of(
                node("preprocess_shuttles", "shuttles", "preprocessed_shuttles"),
                node("create_model_input_table", List.of("preprocesed_shuttles", "reviews"), List.of("table")));

        assertThat(messages(pipeline))
                .containsExactly("Dataset 'preprocesed_shuttles', read by node 'create_model_input_table', is written "
                        + "by no node, but 'preprocessed_shuttles' (written by 'preprocess_shuttles') is: if "
                        + "'preprocesed_shuttles' is a typo, rename it; if it is meant to come from the catalog, "
                        + "ignore this warning.");
    }

    @Test
    void warnings_realisticPipelines_areQuiet() {
        Pipeline iris = Pipeline.of(
                node(
                        "split_data",
                        List.of("example_iris_data", "params:model_options"),
                        List.of("train_x", "train_y", "test_x", "test_y")),
                node("train_model", List.of("train_x", "train_y", "params:train"), List.of("model")),
                node("predict", List.of("model", "test_x"), List.of("predictions")),
                node("report_accuracy", List.of("predictions", "test_y"), List.of("accuracy")));
        Pipeline reused = Pipeline.modular(spaceflights().onlyNodesWithTags("ds"))
                .namespace("candidate")
                .inputs("model_input_table")
                .build()
                .union(spaceflights());
        Pipeline yearly = Pipeline.of(
                node("clean_2023", "sales_2023", "clean_sales_2023"),
                node("clean_2024", "sales_2024", "clean_sales_2024"),
                node("features", List.of("X_raw", "y_raw", "clean_sales_2024"), List.of("X", "y")),
                node("fit", List.of("X", "y", "x_scaler"), List.of("model_v2")),
                node("score", List.of("model_v1", "X"), List.of("scores_v1")));

        assertThat(iris.warnings()).isEmpty();
        assertThat(spaceflights().warnings()).isEmpty();
        assertThat(reused.warnings()).isEmpty();
        assertThat(yearly.warnings()).isEmpty();
    }

    @Test
    void warnings_areComputedOnceAndShared() {
        Pipeline pipeline = spaceflights();

        assertThat(pipeline.warnings()).isSameAs(pipeline.warnings());
    }
}
