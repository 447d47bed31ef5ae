package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.NodeExecutionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a node knows of its function's types, and the errors a value of the wrong type gets. */
class NodeTypesTest {
    record Split(String train, List<String> test) {}

    static Split split(String rows, double ratio) {
        return new Split(rows, List.of());
    }

    static int length(String text) {
        return text.length();
    }

    @Test
    void inputTypes_methodReference_areItsParameterTypesBoxed() {
        Node node = Node.named("split")
                .inputs("rows", "params:ratio")
                .outputs("a", "b")
                .fn(NodeTypesTest::split);

        assertThat(node.inputTypes()).containsExactly(String.class, Double.class);
        assertThat(node.argumentName(0)).contains("rows");
        assertThat(node.argumentName(1)).contains("ratio");
    }

    @Test
    void outputTypes_recordReturned_areItsComponentTypes() {
        Node node = Node.named("split")
                .inputs("rows", "params:ratio")
                .outputs("a", "b")
                .fn(NodeTypesTest::split);

        assertThat(node.outputTypes()).containsExactly(String.class, List.class);
    }

    @Test
    void outputTypes_recordByKey_followTheKeys() {
        Map<String, String> byKey = new java.util.LinkedHashMap<>();
        byKey.put("test", "b");
        byKey.put("train", "a");
        Node node = Node.named("split")
                .inputs("rows", "params:ratio")
                .outputs(byKey)
                .fn(NodeTypesTest::split);

        assertThat(node.outputTypes()).containsExactly(List.class, String.class);
    }

    @Test
    void types_explicitlyTypedLambda_areTheLambdasTypes() {
        Node node = Node.named("n").inputs("x").outputs("y").fn((String text) -> text.length());

        assertThat(node.inputTypes()).containsExactly(String.class);
        assertThat(node.outputTypes()).containsExactly(Integer.class);
    }

    @Test
    void types_inputsByName_areUnknown() {
        Node node = Node.named("n").inputs(Map.of("text", "x")).outputs("y").fnByName(in -> in.get("text", String.class)
                .length());

        assertThat(node.inputTypes()).containsExactly(Object.class);
        assertThat(node.argumentName(0)).contains("text");
    }

    @Test
    void types_severalOutputsAsList_areUnknown() {
        Node node = Node.named("n").inputs("x").outputs("a", "b").fn((String x) -> List.of(x, x));

        assertThat(node.outputTypes()).containsExactly(Object.class, Object.class);
    }

    @Test
    void run_valueOfTheWrongType_namesNodeArgumentDatasetAndBothTypes() {
        Node node = Node.named("measure").inputs("text").outputs("size").fn(NodeTypesTest::length);

        assertThatThrownBy(() -> node.run(Map.of("text", List.of("not", "text"))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("Node 'measure' cannot run: argument 1 'text' of its function is declared as "
                        + "java.lang.String, but dataset 'text' gave it a java.util.ImmutableCollections$List12.")
                .hasMessageContaining("change its catalog entry's type")
                .hasNoCause();
    }

    @Test
    void run_primitiveArgumentGivenItsWrapper_runs() {
        Node node = Node.named("split")
                .inputs("rows", "params:ratio")
                .outputs("a", "b")
                .fn(NodeTypesTest::split);

        assertThat(node.run(Map.of("rows", "r", "params:ratio", 0.5))).containsEntry("a", "r");
    }

    @Test
    void run_castInsideANodeReadingByName_namesTheInputAndTypes() {
        Node node = Node.named("count")
                .inputs(Map.of("words", "tokens"))
                .outputs("n")
                .fnByName(in -> {
                    String words = in.get("words");
                    return words.length();
                });

        assertThatThrownBy(() -> node.run(Map.of("tokens", List.of("a"))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("Node 'count' failed: its code cast the value of input 'tokens' (argument 1 "
                        + "'words'), a java.util.ImmutableCollections$List12, to java.lang.String")
                .hasCauseInstanceOf(ClassCastException.class);
    }

    @Test
    void inputsGet_withTheWrongType_namesNodeArgumentAndDataset() {
        Node node = Node.named("count")
                .inputs(Map.of("words", "tokens"))
                .outputs("n")
                .fnByName(in -> in.get("words", String.class).length());

        assertThatThrownBy(() -> node.run(Map.of("tokens", 42)))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("Node 'count' reads argument 'words' as a java.lang.String, but dataset "
                        + "'tokens' gave it a java.lang.Integer.");
    }

    @Test
    void withTags_copy_keepsTheSignature() {
        Node node = Node.named("measure").inputs("text").outputs("size").fn(NodeTypesTest::length);

        assertThat(node.withTags("t").inputTypes()).containsExactly(String.class);
    }
}
