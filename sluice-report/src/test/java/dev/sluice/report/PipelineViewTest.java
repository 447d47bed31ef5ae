package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineViewTest {

    private static Node node(String namespace, String name, List<String> inputs, List<String> outputs, String... tags) {
        Map<String, String> byArgument = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byArgument.put("arg" + i, inputs.get(i));
        }
        Node.Builder builder =
                Node.named(name).inputs(byArgument).outputs(outputs).tags(tags);
        if (namespace != null) {
            builder.namespace(namespace);
        }
        return builder.fnByName(in -> outputs.size() == 1 ? name : List.copyOf(outputs));
    }

    /** Kedro's spaceflights: data processing, then data science reading a transcoded table. */
    private static Pipeline spaceflights() {
        return Pipeline.of(
                node("dp", "preprocess_companies", List.of("companies"), List.of("preprocessed_companies"), "dp"),
                node("dp", "preprocess_shuttles", List.of("shuttles"), List.of("preprocessed_shuttles"), "dp"),
                node(
                        "dp",
                        "create_model_input_table",
                        List.of("preprocessed_shuttles", "preprocessed_companies", "reviews"),
                        List.of("model_input_table@spark"),
                        "dp"),
                node(
                        "ds",
                        "split_data",
                        List.of("model_input_table@pandas", "params:model_options"),
                        List.of("X_train", "X_test", "y_train", "y_test"),
                        "ds"),
                node("ds", "train_model", List.of("X_train", "y_train"), List.of("regressor"), "ds", "training"),
                node("ds", "evaluate_model", List.of("regressor", "X_test", "y_test"), List.of("metrics"), "ds"));
    }

    @Test
    void render_pipeline_drawsEveryNodeAndDatasetButNoParameter() {
        Pipeline pipeline = spaceflights();

        String html = PipelineView.render(pipeline, "__default__");

        for (Node node : pipeline.nodes()) {
            assertThat(html).contains("<g class=\"vertex node\" data-node=\"" + node.name() + "\"");
        }
        for (String dataset : List.of("companies", "shuttles", "reviews", "X_train", "regressor", "metrics")) {
            assertThat(html).contains("data-dataset=\"" + dataset + "\"");
        }
        assertThat(html).doesNotContain("data-dataset=\"params:").contains("parameters: params:model_options");
    }

    @Test
    void render_transcodedDataset_isOnePillNamingBothTranscodings() {
        String html = PipelineView.render(spaceflights(), "__default__");

        assertThat(html.split("data-dataset=\"model_input_table\"", -1)).hasSize(2);
        assertThat(html)
                .doesNotContain("data-dataset=\"model_input_table@")
                .contains("model_input_table (as model_input_table@spark, model_input_table@pandas)");
    }

    @Test
    void render_namespacesAndTags_areInTheLegendAndOnTheNodes() {
        String html = PipelineView.render(spaceflights(), "__default__");

        assertThat(html)
                .contains("aria-label=\"Namespaces\"")
                .contains("</span>dp</li>")
                .contains("</span>ds</li>")
                .contains("<li data-tag-filter=\"training\"")
                .contains("<li data-tag-filter=\"dp\"")
                .contains("data-node=\"ds.train_model\" data-tags=\"ds training\"")
                .contains(">ds · ds, training</text>");
        // Each namespace has its own stripe colour.
        assertThat(html)
                .contains("class=\"stripe\"")
                .contains("fill=\"#3b78dc\"")
                .contains("fill=\"#e07b24\"");
    }

    @Test
    void render_persistedDatasets_drawnApartFromMemoryOnes() {
        String html = PipelineView.render(
                spaceflights(),
                "__default__",
                Map.of("model_input_table@spark", "spark data/03_primary/model_input", "regressor", "object"));

        assertThat(html)
                .contains("<span class=\"sw pill s-persisted\"></span>persisted dataset")
                .contains("<span class=\"sw pill s-memory\"></span>memory dataset");
        assertThat(pill(html, "model_input_table"))
                .contains("<rect class=\"s-persisted\"")
                .contains("persisted: spark data/03_primary/model_input");
        assertThat(pill(html, "regressor")).contains("<rect class=\"s-persisted\"");
        assertThat(pill(html, "X_train")).contains("<rect class=\"s-memory\"");
        assertThat(pill(html, "companies")).contains("<rect class=\"s-input\"");
    }

    @Test
    void render_anyPipeline_loadsNothingFromOutsideThePage() {
        String html = PipelineView.render(spaceflights(), "__default__");

        assertThat(html)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain(" src=")
                .doesNotContain("@import");
    }

    private static String pill(String html, String dataset) {
        int start = html.indexOf("<g class=\"vertex dataset\" data-dataset=\"" + dataset + "\"");
        assertThat(start).as("pill of %s", dataset).isNotNegative();
        return html.substring(start, html.indexOf("</g>", start));
    }
}
