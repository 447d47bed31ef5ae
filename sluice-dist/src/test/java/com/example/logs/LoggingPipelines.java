package com.example.logs;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A user's project outside dev.sluice whose node logs at INFO and DEBUG, as a user's nodes do. */
public final class LoggingPipelines implements PipelineRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingPipelines.class);

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(
                DEFAULT,
                Pipeline.of(Node.named("greet")
                        .inputs("params:name")
                        .outputs("greeting")
                        .fn(LoggingPipelines::greet)));
    }

    static String greet(String name) {
        LOG.info("greeting {} from a user's node", name);
        LOG.debug("detail only -v shows");
        return "hello " + name;
    }
}
