package dev.sluice.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds nodes of any shape for graph tests; their functions return placeholder values. */
final class TestNodes {
    private TestNodes() {}

    static Node node(String name, List<String> inputs, List<String> outputs, String... tags) {
        Map<String, String> byArgument = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byArgument.put("arg" + i, inputs.get(i));
        }
        return Node.named(name)
                .inputs(byArgument)
                .outputs(outputs)
                .tags(tags)
                .fnByName(in -> outputs.size() == 1 ? name : List.copyOf(outputs));
    }

    static Node node(String name, String input, String output, String... tags) {
        return node(name, List.of(input), List.of(output), tags);
    }

    /**
     * Kedro's spaceflights example: data processing (tag dp) feeds data science (tag ds) through a
     * transcoded table written as {@code @spark} and read as {@code @pandas}.
     */
    static Pipeline spaceflights() {
        return Pipeline.of(
                node("preprocess_companies", "companies", "preprocessed_companies", "dp"),
                node("preprocess_shuttles", "shuttles", "preprocessed_shuttles", "dp"),
                node(
                        "create_model_input_table",
                        List.of("preprocessed_shuttles", "preprocessed_companies", "reviews"),
                        List.of("model_input_table@spark"),
                        "dp"),
                node(
                        "split_data",
                        List.of("model_input_table@pandas", "params:model_options"),
                        List.of("X_train", "X_test", "y_train", "y_test"),
                        "ds"),
                node("train_model", List.of("X_train", "y_train"), List.of("regressor"), "ds", "training"),
                node("evaluate_model", List.of("regressor", "X_test", "y_test"), List.of("metrics"), "ds"));
    }
}
