package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        String html = live(PipelineView.render(spaceflights(), "__default__"));

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
                .contains(">ds, training</text>")
                .contains("<g class=\"group open\" data-group=\"ds\"")
                .contains("<g class=\"group open\" data-group=\"dp\"");
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

    @Test
    void render_twoNamespaces_drawsEachAsAnOpenGroupLabellingItsMembersByTheirOwnNames() {
        String html = PipelineView.render(Spaceflights.pipeline(), "__default__");
        String live = live(html);

        for (String ns : List.of(Spaceflights.ACTIVE, Spaceflights.CANDIDATE)) {
            assertThat(live).contains("<g class=\"group open\" data-group=\"" + ns + "\"");
            assertThat(pill(live, ns + ".X_train"))
                    .contains(">X_train</text>")
                    .contains("data-tip=\"" + ns + ".X_train");
            assertThat(live).contains(">" + ns + "</text>");
        }
        assertThat(live).doesNotContain("…");
        // Two groups: four states, the default on the page and three in templates.
        assertThat(html)
                .contains("<div class=\"dag-view\" data-state=\"" + Spaceflights.ACTIVE + "|" + Spaceflights.CANDIDATE
                        + "\"")
                .contains("<template class=\"dag-state\" data-state=\"\">")
                .contains("<template class=\"dag-state\" data-state=\"" + Spaceflights.ACTIVE + "\">")
                .contains("<template class=\"dag-state\" data-state=\"" + Spaceflights.CANDIDATE + "\">");
        assertThat(html.split("<template ", -1)).hasSize(4);
    }

    @Test
    void render_namespaceAboveTheSize_startsClosedWithItsNodesInTheOpenDrawing() {
        List<Node> nodes = new ArrayList<>();
        String previous = "raw";
        for (int i = 0; i <= DagDrawing.COLLAPSE_ABOVE; i++) {
            nodes.add(node("big", "step_" + i, List.of(previous), List.of("big.out_" + i)));
            previous = "big.out_" + i;
        }
        nodes.add(node(null, "report", List.of(previous), List.of("summary")));

        String html = PipelineView.render(Pipeline.of(nodes), "__default__");

        String live = live(html);
        assertThat(live)
                .contains("<g class=\"vertex group closed\" data-group=\"big\"")
                .contains(">" + (DagDrawing.COLLAPSE_ABOVE + 1) + " nodes · " + (DagDrawing.COLLAPSE_ABOVE + 1)
                        + " datasets</text>")
                .doesNotContain("data-node=\"big.step_0\"")
                .contains("data-node=\"report\"");
        String open = template(html, "big");
        assertThat(open).contains("<g class=\"group open\" data-group=\"big\"").contains("data-node=\"big.step_0\"");
    }

    @Test
    void render_nestedNamespaces_drawTheInnerGroupInsideTheOuter() {
        Pipeline pipeline = Pipeline.of(
                node("reporting.plots", "scatter", List.of("table"), List.of("reporting.plots.scatter")),
                node("reporting.plots", "histogram", List.of("table"), List.of("reporting.plots.histogram")),
                node(
                        "reporting",
                        "publish",
                        List.of("reporting.plots.scatter", "reporting.plots.histogram"),
                        List.of("site")));

        String html = PipelineView.render(pipeline, "__default__");

        assertThat(html).contains("data-groups=\"reporting|reporting.plots\"");
        String live = live(html);
        double[] outer = groupBox(live, "reporting");
        double[] inner = groupBox(live, "reporting.plots");
        assertThat(inner[0]).isGreaterThan(outer[0]);
        assertThat(inner[1]).isGreaterThan(outer[1]);
        assertThat(inner[0] + inner[2]).isLessThan(outer[0] + outer[2]);
        assertThat(inner[1] + inner[3]).isLessThan(outer[1] + outer[3]);
        // The inner group's header shows its own part of the name; the tooltip shows all of it.
        assertThat(live).contains(">plots</text>").contains("data-tip=\"reporting.plots (namespace)");
        // Closing the outer group hides the inner one, whatever its own state.
        assertThat(template(html, ""))
                .contains("data-group=\"reporting\"")
                .doesNotContain("data-group=\"reporting.plots\"");
    }

    @Test
    void render_manyNamespaces_drawsTheDefaultAndEachNamespaceToggledFromIt() {
        List<Node> nodes = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String ns = "ns" + i;
            namespaces.add(ns);
            nodes.add(node(ns, "a", List.of("raw"), List.of(ns + ".x")));
            nodes.add(node(ns, "b", List.of(ns + ".x"), List.of(ns + ".y")));
        }

        String html = PipelineView.render(Pipeline.of(nodes), "__default__");

        // 64 combinations are too many: the default (all open), each closed on its own, and all closed.
        assertThat(html.split("<template ", -1)).hasSize(1 + 6 + 1);
        for (String ns : namespaces) {
            List<String> others = new ArrayList<>(namespaces);
            others.remove(ns);
            assertThat(html).contains("<template class=\"dag-state\" data-state=\"" + String.join("|", others) + "\">");
        }
    }

    /** The drawing the page shows before any click. */
    static String live(String html) {
        int start = html.indexOf("<div class=\"scroll dag-stage\">");
        assertThat(start).isNotNegative();
        return html.substring(start, html.indexOf("</svg>", start));
    }

    /** The drawing of the state {@code key}, kept in a template. */
    static String template(String html, String key) {
        String open = "<template class=\"dag-state\" data-state=\"" + key + "\">";
        int start = html.indexOf(open);
        assertThat(start).as("template %s", key).isNotNegative();
        return html.substring(start, html.indexOf("</template>", start));
    }

    /** x, y, width and height of an open group in {@code drawing}. */
    private static double[] groupBox(String drawing, String namespace) {
        Matcher m = Pattern.compile(
                        "<g class=\"group open\" data-group=\""
                                + Pattern.quote(namespace)
                                + "\"[^>]*transform=\"translate\\(([-0-9.]+),([-0-9.]+)\\)\"><rect class=\"group-box\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"")
                .matcher(drawing);
        assertThat(m.find()).as("open group %s", namespace).isTrue();
        return new double[] {
            Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4))
        };
    }

    private static String pill(String html, String dataset) {
        int start = html.indexOf("<g class=\"vertex dataset\" data-dataset=\"" + dataset + "\"");
        assertThat(start).as("pill of %s", dataset).isNotNegative();
        return html.substring(start, html.indexOf("</g>", start));
    }
}
