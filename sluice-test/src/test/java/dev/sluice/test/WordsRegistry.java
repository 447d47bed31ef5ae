package dev.sluice.test;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;
import java.util.TreeMap;

/** The pipelines of the test project under src/test/resources/projects/words, and of the in-memory tests. */
public final class WordsRegistry implements PipelineRegistry {
    /** The parameters of {@code shout}. */
    public record ShoutOptions(String suffix) {}

    static String shout(String text, ShoutOptions options) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.toUpperCase()).append(options.suffix()).append('\n');
            }
        }
        return out.toString();
    }

    static Map<String, Integer> countWords(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : text.split("[^\\p{L}]+")) {
            if (!word.isEmpty()) {
                counts.merge(word.toLowerCase(), 1, Integer::sum);
            }
        }
        return counts;
    }

    static Integer total(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no words to total");
        }
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static Pipeline words() {
        return Pipeline.of(
                Node.named("shout")
                        .inputs("greetings", "params:shout")
                        .outputs("shouted")
                        .fn(WordsRegistry::shout),
                Node.named("count_words")
                        .inputs("shouted")
                        .outputs("word_counts")
                        .fn(WordsRegistry::countWords),
                Node.named("total").inputs("word_counts").outputs("word_total").fn(WordsRegistry::total));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT, words());
    }
}
