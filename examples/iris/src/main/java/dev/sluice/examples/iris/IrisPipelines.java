package dev.sluice.examples.iris;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/** The Iris project's pipelines: split the data, train a classifier, predict and report accuracy. */
public final class IrisPipelines implements PipelineRegistry {

    /** The whole Iris pipeline: four nodes joined by six intermediate datasets. */
    public static Pipeline irisPipeline() {
        return Pipeline.of(
                Node.named("split_data")
                        .inputs("example_iris_data", "params:model_options")
                        .outputs("train_x", "train_y", "test_x", "test_y")
                        .tags("split")
                        .fn(IrisNodes::splitData),
                Node.named("train_model")
                        .inputs("train_x", "train_y", "params:train")
                        .outputs("model")
                        .tags("train")
                        .fn(IrisNodes::trainModel),
                Node.named("predict")
                        .inputs("model", "test_x")
                        .outputs("predictions")
                        .tags("evaluate")
                        .fn(IrisNodes::predict),
                Node.named("report_accuracy")
                        .inputs("predictions", "test_y")
                        .outputs("accuracy")
                        .tags("evaluate")
                        .fn(IrisNodes::reportAccuracy));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline iris = irisPipeline();
        return Map.of(DEFAULT, iris, "iris", iris);
    }
}
