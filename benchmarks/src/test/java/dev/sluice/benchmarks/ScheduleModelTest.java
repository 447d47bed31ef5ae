package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScheduleModelTest {
    private static Node node(String name, List<String> inputs, String output) {
        Map<String, String> byArgument = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byArgument.put("in" + i, inputs.get(i));
        }
        return Node.named(name).inputs(byArgument).outputs(output).fnByName(in -> name);
    }

    /** A leaf and a chain of three behind one source; every node costs one second. */
    private static ScheduleModel leafAndChain() {
        Pipeline pipeline = Pipeline.of(
                node("source", List.of(), "s"),
                node("a_leaf", List.of("s"), "leaf"),
                node("b1", List.of("s"), "c1"),
                node("b2", List.of("c1"), "c2"),
                node("b3", List.of("c2"), "c3"));
        Map<Node, Duration> cost = new HashMap<>();
        pipeline.nodes().forEach(n -> cost.put(n, Duration.ofSeconds(1)));
        return new ScheduleModel(pipeline, cost, 1);
    }

    @Test
    void syncCosts_loadsComputeAndSavesAddUp() {
        Pipeline pipeline = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x", "x"), "y"));

        Map<Node, Duration> costs = ScheduleModel.syncCosts(
                pipeline, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(300));

        assertThat(costs.get(pipeline.node("a"))).isEqualTo(Duration.ofMillis(350));
        assertThat(costs.get(pipeline.node("b")))
                .as("one load of a repeated input")
                .isEqualTo(Duration.ofMillis(550));
    }

    @Test
    void oneWorker_everyOrderTakesTheSum() {
        ScheduleModel model = leafAndChain();

        assertThat(model.longestPathFirst()).isEqualTo(Duration.ofSeconds(5));
        assertThat(model.kedro(new Random(1))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void twoWorkers_longestPathFirstBeatsAnUnluckyKedroOrder() {
        // Two workers, source then {leaf, b1} in parallel: any order takes 4 s here, so make the leaf long.
        Pipeline pipeline = Pipeline.of(
                node("source", List.of(), "s"),
                node("x1", List.of("s"), "x1o"),
                node("x2", List.of("s"), "x2o"),
                node("y1", List.of("s"), "y1o"),
                node("y2", List.of("y1o"), "y2o"),
                node("y3", List.of("y2o"), "y3o"));
        Map<Node, Duration> cost = new HashMap<>();
        pipeline.nodes().forEach(n -> cost.put(n, Duration.ofSeconds(1)));
        ScheduleModel model = new ScheduleModel(pipeline, cost, 2);

        // Longest path first: source, then y1 with x1, y2 with x2, y3: 4 s. Kedro's worst order runs x1 and x2
        // first, and the chain after them: 5 s.
        assertThat(model.longestPathFirst()).isEqualTo(Duration.ofSeconds(4));
        Random random = new Random(3);
        Duration worst = Duration.ZERO;
        Duration best = Duration.ofDays(1);
        for (int i = 0; i < 100; i++) {
            Duration run = model.kedro(random);
            worst = run.compareTo(worst) > 0 ? run : worst;
            best = run.compareTo(best) < 0 ? run : best;
        }
        assertThat(best).isEqualTo(Duration.ofSeconds(4));
        assertThat(worst).isEqualTo(Duration.ofSeconds(5));
    }
}
