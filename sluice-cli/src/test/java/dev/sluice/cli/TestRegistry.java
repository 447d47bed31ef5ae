package dev.sluice.cli;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A pipeline registry for CLI tests; the test picks the shape before running the CLI. */
public final class TestRegistry implements PipelineRegistry {
    /** The pipeline shapes tests can ask for. */
    enum Shape {
        CHAIN,
        CYCLE,
        FAILING
    }

    static volatile Shape shape = Shape.CHAIN;
    static final AtomicInteger NODES_RUN = new AtomicInteger();

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline pipeline =
                switch (shape) {
                    case CHAIN ->
                        Pipeline.of(
                                Node.named("upper")
                                        .inputs("raw", "params:suffix")
                                        .outputs("shouted")
                                        .fn((String raw, String s) -> {
                                            NODES_RUN.incrementAndGet();
                                            return raw.toUpperCase() + s;
                                        }),
                                Node.named("count")
                                        .inputs("shouted")
                                        .outputs("length")
                                        .fn((String shouted) -> {
                                            NODES_RUN.incrementAndGet();
                                            return String.valueOf(shouted.length());
                                        }));
                    case CYCLE ->
                        Pipeline.of(
                                Node.named("a").inputs("y").outputs("x").fn((String y) -> y),
                                Node.named("b").inputs("x").outputs("y").fn((String x) -> x));
                    case FAILING ->
                        Pipeline.of(
                                Node.named("upper")
                                        .inputs("raw")
                                        .outputs("shouted")
                                        .fn((String raw) -> {
                                            NODES_RUN.incrementAndGet();
                                            return raw.toUpperCase();
                                        }),
                                Node.named("explode")
                                        .inputs("shouted")
                                        .outputs("length")
                                        .fn((String shouted) -> {
                                            throw new IllegalStateException("boom in explode");
                                        }));
                };
        return Map.of(DEFAULT, pipeline);
    }
}
