package dev.sluice.cli;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/** The pipelines of the project that {@link VizCommandTest} opens, found through a service file it writes. */
public final class VizTestRegistry implements PipelineRegistry {
    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline pipeline = Pipeline.of(
                Node.named("clean")
                        .namespace("prep")
                        .inputs("raw")
                        .outputs("cleaned")
                        .tags("daily")
                        .fn((String raw) -> raw.trim()),
                Node.named("count").inputs("cleaned").outputs("length").fn((String text) -> text.length()));
        return Map.of(DEFAULT, pipeline);
    }
}
