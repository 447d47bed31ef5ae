package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.pipeline.Pipeline;
import dev.sluice.test.PipelineTestResult;
import dev.sluice.test.PipelineTester;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words pipeline in memory, with Sluice's test kit: inputs given here, every output kept. */
class WordsPipelineTest {
    private final Pipeline words = new ProjectPipelines().pipelines().get("words");

    @Test
    void words_greetings_shoutsAndCountsTheWords() {
        PipelineTester.of(words)
                .input("greetings", "hi you\nhi\n")
                .param("shout.suffix", "!")
                .run()
                .assertOutput("shouted", "HI YOU!\nHI!\n")
                .assertOutput("word_counts", Map.of("hi", 2, "you", 1));
    }

    @Test
    void countWords_alone_countsCaseInsensitively() {
        PipelineTestResult result = PipelineTester.of(words)
                .input("shouted", "Hi you, hi!")
                .nodes("count_words")
                .run();

        assertEquals(Map.of("hi", 2, "you", 1), result.output("word_counts"));
    }
}
