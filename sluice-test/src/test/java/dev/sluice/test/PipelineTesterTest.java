package dev.sluice.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.MemoryDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.RunFailedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTesterTest {
    @Test
    void run_inputsAndParams_keepsEveryOutputIntermediatesIncluded() {
        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .input("greetings", "hello world\nhello you\n")
                .param("shout", Map.of("suffix", "!"))
                .run();

        assertThat(result.output("shouted")).isEqualTo("HELLO WORLD!\nHELLO YOU!\n");
        assertThat(result.output("word_counts", Map.class)).isEqualTo(Map.of("hello", 2, "world", 1, "you", 1));
        result.assertOutput("word_total", 4);
        assertThat(result.nodesRun()).containsExactly("shout", "count_words", "total");
        assertThat(result.outputs()).containsOnlyKeys("shouted", "word_counts", "word_total");
    }

    @Test
    void run_dottedParam_setsTheNestedValue() {
        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .input("greetings", "hi\n")
                .param("shout.suffix", "?")
                .toOutputs("shouted")
                .run();

        result.assertOutput("shouted", "HI?\n");
    }

    @Test
    void run_slice_runsOnlyTheSelectedNodesFromTheirGivenInputs() {
        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .input("shouted", "A B A\n")
                .fromNodes("count_words")
                .run();

        assertThat(result.nodesRun()).containsExactly("count_words", "total");
        result.assertOutput("word_counts", Map.of("a", 2, "b", 1)).assertOutput("word_total", 3);
    }

    @Test
    void run_parallelSyncRunner_producesTheSameOutputs() {
        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .input("greetings", "one two\n")
                .param("shout", Map.of("suffix", ""))
                .runner(r -> r.parallel(2).io(IoMode.SYNC))
                .run();

        result.assertOutput("word_total", 2);
        assertThat(result.runResult().nodeStates()).containsValues(NodeState.COMPLETED);
    }

    @Test
    void run_inputMissing_failsBeforeAnyNodeNamingItAndTheFix() {
        PipelineTester tester = PipelineTester.of(WordsRegistry.words()).input("greetings", "x");

        assertThatThrownBy(tester::run)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[params:shout]")
                .hasMessageContaining("param(\"name\", value)")
                .hasMessageContaining("No node was run");
    }

    @Test
    void run_inputsFromACatalog_readsOnlyWhatTheTestDoesNotGive() {
        DataCatalog source = DataCatalog.builder()
                .add(new CatalogEntry("greetings", new MemoryDataset<>("from catalog\n"), true, "test"))
                .add(new CatalogEntry("params:shout", new MemoryDataset<>(Map.of("suffix", ".")), true, "test"))
                .build();

        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .catalog(source)
                .input("greetings", "from test\n")
                .toOutputs("shouted")
                .run();

        result.assertOutput("shouted", "FROM TEST.\n");
    }

    @Test
    void run_sliceSelectsNothing_saysWhatEachFilterSelected() {
        PipelineTester tester = PipelineTester.of(WordsRegistry.words()).tags("nightly");

        assertThatThrownBy(tester::run)
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("contains no nodes")
                .hasMessageContaining("nightly");
    }

    @Test
    void runExpectingFailure_nodeThrows_returnsTheFailureWithTheNodesException() {
        RunFailedException failure = PipelineTester.of(WordsRegistry.words())
                .input("shouted", "\n")
                .fromNodes("count_words")
                .runExpectingFailure();

        assertThat(failure.primary()).hasMessageContaining("total");
        assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(failure.result().nodeStates()).containsEntry("total", NodeState.FAILED);
    }

    @Test
    void runExpectingFailure_runCompletes_failsSayingWhatRan() {
        PipelineTester tester =
                PipelineTester.of(WordsRegistry.words()).input("shouted", "a\n").fromNodes("count_words");

        assertThatThrownBy(tester::runExpectingFailure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[count_words, total]");
    }

    @Test
    void assertOutput_differs_showsBothValues() {
        PipelineTestResult result = PipelineTester.of(WordsRegistry.words())
                .input("shouted", "a\n")
                .fromNodes("count_words")
                .run();

        assertThatThrownBy(() -> result.assertOutput("word_total", 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected: 2")
                .hasMessageContaining("but was:  1");
        assertThatThrownBy(() -> result.output("shouted"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[word_counts, word_total]");
        assertThatThrownBy(() -> result.output("word_total", String.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.lang.Integer, not a java.lang.String");
    }

    @Test
    void assertOutput_arrays_comparesContent() {
        Pipeline pipeline =
                Pipeline.of(Node.named("split").inputs("text").outputs("words").fn((String text) -> text.split(" ")));

        PipelineTestResult result =
                PipelineTester.of(pipeline).input("text", "a b").run();

        result.assertOutput("words", new String[] {"a", "b"});
        assertThatThrownBy(() -> result.assertOutput("words", new String[] {"a"}))
                .hasMessageContaining("expected: [a]")
                .hasMessageContaining("but was:  [a, b]");
        assertThat(result.outputs()).containsOnlyKeys(List.of("words"));
    }
}
