package dev.sluice.project;

import dev.sluice.pipeline.Pipeline;
import java.util.Map;

/**
 * A project's pipelines by name; Kedro's {@code register_pipelines()}. The pipeline named
 * {@value #DEFAULT} runs when no {@code --pipeline} is given.
 *
 * <p>A project provides exactly one implementation, listed in
 * {@code META-INF/services/dev.sluice.project.PipelineRegistry}, with a public no-argument constructor.
 */
public interface PipelineRegistry {
    /** The name of the pipeline {@code sluice run} runs by default. */
    String DEFAULT = "__default__";

    /** The project's pipelines; include {@value #DEFAULT}. Called once per command. */
    Map<String, Pipeline> pipelines();
}
