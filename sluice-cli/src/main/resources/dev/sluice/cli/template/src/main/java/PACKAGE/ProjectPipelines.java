package {{package}};

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/** The project's pipelines; Sluice finds this class through META-INF/services. */
public final class ProjectPipelines implements PipelineRegistry {
    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline words = Pipeline.of(
                Node.named("shout").inputs("greetings", "params:shout").outputs("shouted").fn(Nodes::shout),
                Node.named("count_words").inputs("shouted").outputs("word_counts").fn(Nodes::countWords));
        return Map.of(DEFAULT, words, "words", words);
    }
}
