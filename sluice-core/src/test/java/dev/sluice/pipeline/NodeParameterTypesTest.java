package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.NodeExecutionException;
import dev.sluice.PipelineDefinitionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nodes that take typed parameters: the types they declare and the binding when they run. */
class NodeParameterTypesTest {
    record SplitOptions(double testSize, int randomState) {}

    record Split(String train, String test) {}

    static Split split(String table, SplitOptions options) {
        return new Split(table + "@" + options.testSize(), table + "#" + options.randomState());
    }

    static String scale(List<Double> factors, double offset) {
        return factors + "+" + offset;
    }

    static final class Scaler {
        String apply(String text, SplitOptions options) {
            return text + options.randomState();
        }
    }

    @Test
    void methodReference_parameterTypes_areReadFromTheMethod() {
        Node node = Node.named("split")
                .inputs("table", "params:model_options")
                .outputs("train", "test")
                .fn(NodeParameterTypesTest::split);

        assertThat(node.parameterTypes()).isEqualTo(Map.of("params:model_options", SplitOptions.class));
    }

    @Test
    void run_recordParameter_isBoundFromTheYamlMapping() {
        Node node = Node.named("split")
                .inputs("table", "params:model_options")
                .outputs("train", "test")
                .fn(NodeParameterTypesTest::split);

        Map<String, Object> outputs =
                node.run(Map.of("table", "t", "params:model_options", Map.of("test_size", 0.2, "random_state", 3)));

        assertThat(outputs).isEqualTo(Map.of("train", "t@0.2", "test", "t#3"));
    }

    @Test
    void run_genericAndPrimitiveParameters_areConverted() {
        Node node = Node.named("scale")
                .inputs("params:factors", "params:offset")
                .outputs("scaled")
                .fn(NodeParameterTypesTest::scale);

        assertThat(node.run(Map.of("params:factors", List.of(1, 2.5), "params:offset", 2)))
                .containsEntry("scaled", "[1.0, 2.5]+2.0");
    }

    @Test
    void run_parameterThatDoesNotFit_failsNamingNodeParameterAndComponent() {
        Node node = Node.named("split")
                .inputs("table", "params:model_options")
                .outputs("train", "test")
                .fn(NodeParameterTypesTest::split);

        assertThatThrownBy(() -> node.run(Map.of(
                        "table", "t", "params:model_options", Map.of("test_size", "a fifth", "random_state", 3))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessage("Node 'split' cannot take parameter 'params:model_options' as "
                        + SplitOptions.class.getName() + ": 'test_size' (component double testSize of record "
                        + SplitOptions.class.getName() + "): it is the text 'a fifth', not a number.");
    }

    @Test
    void unboundInstanceMethodReference_skipsTheReceiver() {
        Node node = Node.named("apply")
                .inputs("scaler", "text", "params:options")
                .outputs("out")
                .fn(Scaler::apply);

        assertThat(node.parameterTypes()).isEqualTo(Map.of("params:options", SplitOptions.class));
    }

    @Test
    void constructorReference_takesTheConstructorsTypes() {
        Node node = Node.named("options")
                .inputs("params:test_size", "params:seed")
                .outputs("options")
                .fn(SplitOptions::new);

        assertThat(node.parameterTypes()).isEqualTo(Map.of("params:test_size", double.class, "params:seed", int.class));
        assertThat(node.run(Map.of("params:test_size", 1, "params:seed", 7)))
                .containsEntry("options", new SplitOptions(1.0, 7));
    }

    @Test
    void lambdaWithTypedParameters_isReadToo() {
        Node node = Node.named("label")
                .inputs("x", "params:options")
                .outputs("label")
                .fn((String x, SplitOptions options) -> x + options.randomState());

        assertThat(node.parameterTypes()).containsEntry("params:options", SplitOptions.class);
        assertThat(node.run(Map.of("x", "n", "params:options", Map.of("test_size", 0.5, "random_state", 9))))
                .containsEntry("label", "n9");
    }

    @Test
    void lambdaWithoutTypes_declaresNothingAndPassesValuesAsTheyAre() {
        Map<String, Object> options = Map.of("test_size", 0.5);
        Node node = Node.named("pass").inputs("params:options").outputs("out").fn(o -> o);

        assertThat(node.parameterTypes()).isEmpty();
        assertThat(node.run(Map.of("params:options", options)).get("out")).isSameAs(options);
    }

    @Test
    void inputType_declaresTheTypeForAFunctionByName() {
        Node node = Node.named("named")
                .inputs(Map.of("options", "params:model_options"))
                .inputType("params:model_options", SplitOptions.class)
                .outputs("seed")
                .fnByName(in -> in.get("options", SplitOptions.class).randomState());

        assertThat(node.run(Map.of("params:model_options", Map.of("test_size", 0.5, "random_state", 4))))
                .containsEntry("seed", 4);
    }

    @Test
    void inputType_forAnInputTheNodeLacks_failsWhenBuilt() {
        assertThatThrownBy(() -> Node.named("n")
                        .inputs("params:model_options")
                        .inputType("params:model_option", SplitOptions.class)
                        .outputs("o")
                        .fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Node 'n' declares input types for [params:model_option], which are not among its inputs "
                        + "[params:model_options] (did you mean 'params:model_options'?); declare types only for its "
                        + "inputs.");
    }

    @Test
    void modularCopy_keepsTheTypesUnderRenamedParameters() {
        Pipeline reused = Pipeline.modular(Pipeline.of(Node.named("split")
                        .inputs("table", "params:model_options")
                        .outputs("train", "test")
                        .fn(NodeParameterTypesTest::split)))
                .namespace("candidate")
                .build();

        assertThat(reused.node("candidate.split").parameterTypes())
                .isEqualTo(Map.of("params:candidate.model_options", SplitOptions.class));
    }
}
