package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.NodeExecutionException;
import dev.sluice.PipelineDefinitionException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeTest {
    record Split(String train, String test) {}

    static String shout(String text) {
        return text.toUpperCase();
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/name", "", "colon:name", "ümlaut?", "tab\tname", "emoji😀"})
    void named_invalidName_throwsWithAllowedCharacters(String name) {
        assertThatThrownBy(() -> Node.named(name).inputs("a").outputs("b").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Invalid node name '" + name + "'")
                .hasMessageContaining("use only letters, digits, '_', '.' and '-'");
    }

    @Test
    void named_lettersDigitsDotsDashes_isAccepted() {
        Node node = Node.named("Clean.v2-final_1").inputs("a").outputs("b").fn(x -> x);

        assertThat(node.name()).isEqualTo("Clean.v2-final_1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"café", "naïve_bayes", "Straße", "données.nettoyées", "模型_训练", "шаг-2", "x٣"})
    void named_unicodeLettersAndDigits_areAcceptedAsInKedro(String name) {
        Node node = Node.named(name)
                .tags(name)
                .namespace("équipe")
                .inputs("a")
                .outputs("b")
                .fn(x -> x);

        assertThat(node.name()).isEqualTo("équipe." + name);
        assertThat(node.tags()).containsExactly(name);
    }

    @Test
    void named_decomposedAccent_isAccepted() {
        // "café" typed with a combining accent: e followed by U+0301.
        Node node = Node.named("cafe\u0301").inputs("a").outputs("b").fn(x -> x);

        assertThat(node.name()).isEqualTo("cafe\u0301");
    }

    @Test
    void fn_neitherInputsNorOutputs_throwsWhenBuilt() {
        assertThatThrownBy(() -> Node.named("side_effect").fn(() -> 1))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Node 'side_effect' has neither inputs nor outputs, so no other node can depend on it "
                        + "and nothing it does is recorded; declare what it reads with inputs(...) or what it "
                        + "writes with outputs(...).");
    }

    @Test
    void fn_unnamedMethodWithoutInputsOrOutputs_namesTheMethod() {
        assertThatThrownBy(() -> Node.builder().fn(NodeTest::nothing))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("Node 'nothing' has neither inputs nor outputs");
    }

    static String nothing() {
        return "";
    }

    @Test
    void tags_invalidTag_throwsNamingTheTag() {
        assertThatThrownBy(
                        () -> Node.named("n").tags("ok", "not ok").outputs("b").fn(() -> 1))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Invalid tag 'not ok'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".a", "a.", "a b"})
    void namespace_invalid_throws(String namespace) {
        assertThatThrownBy(
                        () -> Node.named("n").namespace(namespace).outputs("b").fn(() -> 1))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Invalid namespace");
    }

    @Test
    void namespace_given_prefixesTheName() {
        Node node = Node.named("clean").namespace("ingest.raw").outputs("b").fn(() -> 1);

        assertThat(node.name()).isEqualTo("ingest.raw.clean");
        assertThat(node.namespace()).contains("ingest.raw");
    }

    @Test
    void fn_arityDiffersFromInputs_throwsWithCounts() {
        assertThatThrownBy(() -> Node.named("n").inputs("a", "b").outputs("c").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Node 'n' has a function of 1 argument(s) but declares 2 input(s) [a, b]; "
                        + "declare one input per function argument.");
    }

    @Test
    void fn_inputIsOwnOutput_throws() {
        assertThatThrownBy(() -> Node.named("n").inputs("a").outputs("a").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Node 'n' reads 'a' and also writes it");
    }

    @Test
    void fn_inputIsOwnOutputUnderAnotherTranscoding_throws() {
        assertThatThrownBy(() ->
                        Node.named("n").inputs("a@csv").outputs("a@pandas").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("reads 'a@csv' (written as 'a@pandas') and also writes it");
    }

    @Test
    void fn_sameOutputTwice_throws() {
        assertThatThrownBy(() -> Node.named("n").outputs("a", "a").fn(() -> List.of(1, 2)))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("declares output 'a' twice");
    }

    @Test
    void fn_twoTranscodingsOfOneOutput_throws() {
        assertThatThrownBy(() -> Node.named("n").outputs("a@csv", "a@json").fn(() -> List.of(1, 2)))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("declares output 'a@csv' and 'a@json'");
    }

    @Test
    void fn_datasetWithTwoAts_throws() {
        assertThatThrownBy(() -> Node.named("n").inputs("a@b@c").outputs("d").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Dataset 'a@b@c' of node 'n' has more than one '@'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@csv", "table@"})
    void fn_emptyNameOrFormatAroundAt_throws(String dataset) {
        assertThatThrownBy(() -> Node.named("n").inputs(dataset).outputs("d").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("empty name or format around '@'");
    }

    @Test
    void fn_blankDataset_throws() {
        assertThatThrownBy(() -> Node.named("n").inputs(" ").outputs("d").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("blank dataset name");
    }

    @Test
    void fn_outputIsParameter_throws() {
        assertThatThrownBy(() -> Node.named("n").outputs("params:rate").fn(() -> 1))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("writes 'params:rate', which names a parameter");
    }

    @Test
    void builder_methodReference_isNamedAfterTheMethod() {
        Node node = Node.builder().inputs("text").outputs("loud").fn(NodeTest::shout);

        assertThat(node.name()).isEqualTo("shout");
    }

    @Test
    void builder_lambda_isNamedAfterItsFirstOutput() {
        Node node = Node.builder().inputs("text").outputs("loud@csv").fn(x -> x);

        assertThat(node.name()).isEqualTo("loud_node");
    }

    @Test
    void builder_lambdaWithoutOutputs_requiresAName() {
        assertThatThrownBy(() -> Node.builder().inputs("text").fn(x -> x))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("needs a name: use Node.named");
    }

    @Test
    void run_singleOutput_takesTheReturnValue() {
        Node node = Node.named("n").inputs("a", "b").outputs("sum").fn((Integer a, Integer b) -> a + b);

        assertThat(node.run(Map.of("a", 2, "b", 3))).containsExactly(Map.entry("sum", 5));
    }

    @Test
    void run_listResult_fillsOutputsByPosition() {
        Node node = Node.named("n").outputs("x", "y").fn(() -> List.of(1, 2));

        assertThat(node.run(Map.of())).containsExactly(Map.entry("x", 1), Map.entry("y", 2));
    }

    @Test
    void run_arrayResult_fillsOutputsByPosition() {
        Node node = Node.named("n").outputs("x", "y").fn(() -> new int[] {1, 2});

        assertThat(node.run(Map.of())).containsExactly(Map.entry("x", 1), Map.entry("y", 2));
    }

    @Test
    void run_recordResult_fillsOutputsByComponentOrder() {
        Node node = Node.named("n").outputs("train", "test").fn(() -> new Split("tr", "te"));

        assertThat(node.run(Map.of())).containsExactly(Map.entry("train", "tr"), Map.entry("test", "te"));
    }

    @Test
    void run_mapResultWithKeyedOutputs_mapsKeysToDatasets() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("left", "l_data");
        keys.put("right", "r_data");
        Node node = Node.named("n").outputs(keys).fn(() -> Map.of("right", 2, "left", 1));

        assertThat(node.run(Map.of())).containsExactly(Map.entry("l_data", 1), Map.entry("r_data", 2));
    }

    @Test
    void run_recordResultWithKeyedOutputs_mapsComponentNames() {
        Node node = Node.named("n").outputs(Map.of("test", "t2", "train", "t1")).fn(() -> new Split("tr", "te"));

        assertThat(node.run(Map.of())).containsEntry("t1", "tr").containsEntry("t2", "te");
    }

    @Test
    void run_mapResultMissingAKey_throwsNamingTheKey() {
        Node node = Node.named("n").outputs(Map.of("left", "l")).fn(() -> Map.of("other", 1));

        assertThatThrownBy(() -> node.run(Map.of()))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("Node 'n' returned no value for key 'left'");
    }

    @Test
    void run_wrongNumberOfValues_throwsWithCounts() {
        Node node = Node.named("n").outputs("x", "y").fn(() -> List.of(1, 2, 3));

        assertThatThrownBy(() -> node.run(Map.of()))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("returned 3 values but declares 2 outputs [x, y]");
    }

    @Test
    void run_scalarForSeveralOutputs_throws() {
        Node node = Node.named("n").outputs("x", "y").fn(() -> 1);

        assertThatThrownBy(() -> node.run(Map.of()))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("must return a List, an array or a record");
    }

    @Test
    void run_nullOutput_throws() {
        Node node = Node.named("n").outputs("x").fn(() -> null);

        assertThatThrownBy(() -> node.run(Map.of()))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("returned null for output 'x'");
    }

    @Test
    void run_functionThrows_wrapsWithNodeName() {
        Node node = Node.named("loader").outputs("x").fn(() -> {
            throw new IOException("disk gone");
        });

        assertThatThrownBy(() -> node.run(Map.of()))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("Node 'loader' failed")
                .hasCauseInstanceOf(IOException.class)
                .satisfies(
                        e -> assertThat(((NodeExecutionException) e).nodeName()).isEqualTo("loader"));
    }

    @Test
    void fnByName_readsInputsByArgument() {
        Node node = Node.named("n")
                .inputs(Map.of("base", "b_data", "rate", "params:rate"))
                .outputs("out")
                .fnByName(in -> in.<Integer>get("base") * in.get("rate", Integer.class));

        assertThat(node.run(Map.of("b_data", 4, "params:rate", 3))).containsEntry("out", 12);
    }

    @Test
    void fnByName_positionalInputs_throws() {
        assertThatThrownBy(() -> Node.named("n").inputs("a").outputs("b").fnByName(in -> 1))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("reads its inputs by name");
    }

    @Test
    void inputs_unorderedMap_isTakenInArgumentOrder() {
        Node node = Node.named("n")
                .inputs(Map.of("zeta", "z_data", "alpha", "a_data", "mid", "m_data"))
                .outputs("out")
                .fnByName(in -> 1);

        assertThat(node.inputs()).containsExactly("a_data", "m_data", "z_data");
    }

    @Test
    void withTags_addsTagsAndKeepsTheRest() {
        Node node = Node.named("n").tags("a").inputs("x").outputs("y").fn(v -> v);

        Node tagged = node.withTags("b");

        assertThat(tagged.tags()).containsExactlyInAnyOrder("a", "b");
        assertThat(tagged.name()).isEqualTo("n");
        assertThat(tagged.run(Map.of("x", 7))).containsEntry("y", 7);
        assertThat(node.tags()).containsExactly("a");
    }
}
