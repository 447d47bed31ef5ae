package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhysicalLimitTest {
    private static final Duration D = Duration.ofSeconds(1);

    @Test
    void chain_everyOutputPersisted_limitIsComputePlusOneSave() {
        Pipeline chain =
                Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"), node("c", List.of("y"), "z"));

        PhysicalLimit limit =
                PhysicalLimit.of(chain, ms(Map.of("a", 100, "b", 200, "c", 300)), Map.of(), saves("x", "y", "z"), 1);

        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(1600));
        assertThat(limit.pathCompute()).isEqualTo(Duration.ofMillis(600));
        assertThat(limit.boundByWorkers()).isFalse();
    }

    @Test
    void withCpu_moreCpuWorkThanTheCoresDoInThePath_cpuSetsTheLimit() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));
        PhysicalLimit path = PhysicalLimit.of(chain, ms(Map.of("a", 100, "b", 100)), Map.of(), saves("x", "y"), 2);

        PhysicalLimit cpu = path.withCpu(Duration.ofMillis(3000), 2);

        assertThat(path.limit()).isEqualTo(Duration.ofMillis(1200));
        assertThat(cpu.limit()).isEqualTo(Duration.ofMillis(1500));
        assertThat(cpu.boundByCpu()).isTrue();
        assertThat(cpu.setBy(2, 2)).isEqualTo("CPU on 2 cores");
        assertThat(path.withCpu(Duration.ofMillis(1000), 2).limit())
                .as("less CPU work than the path takes changes nothing")
                .isEqualTo(Duration.ofMillis(1200));
        assertThat(path.withCpu(Duration.ofMillis(1000), 2).setBy(2, 2)).isEqualTo("critical path");
    }

    @Test
    void iris_lastNodeWritesMemoryAndIsQuick_limitEndsWithTheSaveBeforeIt() {
        PhysicalLimit limit = PhysicalLimit.of(
                iris(),
                ms(Map.of("split_data", 10, "train_model", 500, "predict", 20, "report_accuracy", 5)),
                Map.of(),
                saves("train_x", "train_y", "test_x", "test_y", "model", "predictions"),
                1);

        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(530 + 1000));
    }

    @Test
    void iris_lastNodeWritesMemoryAndIsSlow_limitIsItsFinish() {
        PhysicalLimit limit = PhysicalLimit.of(
                iris(),
                ms(Map.of("split_data", 10, "train_model", 500, "predict", 20, "report_accuracy", 2000)),
                Map.of(),
                saves("train_x", "train_y", "test_x", "test_y", "model", "predictions"),
                1);

        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(2530));
    }

    @Test
    void freeInput_slowToLoad_delaysOnlyItsConsumers() {
        Pipeline pipeline = Pipeline.of(
                node("a", List.of("raw"), "x"), node("b", List.of(), "y"), node("c", List.of("x", "y"), "z"));

        PhysicalLimit limit = PhysicalLimit.of(
                pipeline,
                ms(Map.of("a", 100, "b", 700, "c", 100)),
                Map.of("raw", Duration.ofMillis(400)),
                saves("z"),
                3);

        // a ends at 400 + 100, b at 700: c starts at 700 and its save ends at 800 + 1000.
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(1800));
    }

    @Test
    void wide_fewWorkers_workersSetTheLimit() {
        Map<String, Duration> compute = wideCompute();

        PhysicalLimit limit = PhysicalLimit.of(wide(), compute, Map.of(), wideSaves(), 2);

        // The source and 16 branches of 300 ms must compute on 2 workers before the last branch saves.
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis((100 + 16 * 300) / 2 + 1000));
        assertThat(limit.pathBound()).isEqualTo(Duration.ofMillis(100 + 300 + 1000));
        assertThat(limit.boundByWorkers()).isTrue();
    }

    @Test
    void wide_workerPerBranch_criticalPathSetsTheLimit() {
        PhysicalLimit limit = PhysicalLimit.of(wide(), wideCompute(), Map.of(), wideSaves(), 16);

        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(100 + 300 + 1000));
        assertThat(limit.boundByWorkers()).isFalse();
    }

    @Test
    void noPersistedOutputs_oneWorker_limitIsTotalCompute() {
        Pipeline pipeline = Pipeline.of(node("a", List.of(), "x"), node("b", List.of(), "y"));

        PhysicalLimit limit = PhysicalLimit.of(pipeline, ms(Map.of("a", 300, "b", 200)), Map.of(), Map.of(), 1);

        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void nodeWithoutComputeTime_failsNamingTheNode() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));

        assertThatThrownBy(() -> PhysicalLimit.of(chain, ms(Map.of("a", 100)), Map.of(), Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'");
    }

    private static Pipeline iris() {
        return Pipeline.of(
                node(
                        "split_data",
                        List.of("example_iris_data", "params:model_options"),
                        "train_x",
                        "train_y",
                        "test_x",
                        "test_y"),
                node("train_model", List.of("train_x", "train_y", "params:train"), "model"),
                node("predict", List.of("model", "test_x"), "predictions"),
                node("report_accuracy", List.of("predictions", "test_y"), "accuracy"));
    }

    private static Pipeline wide() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(node("source", List.of(), "samples"));
        List<String> histograms = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            nodes.add(node("branch_" + i, List.of("samples"), "h" + i));
            histograms.add("h" + i);
        }
        nodes.add(node("join", histograms, "total"));
        return Pipeline.of(nodes);
    }

    private static Map<String, Duration> wideCompute() {
        Map<String, Integer> millis = new HashMap<>(Map.of("source", 100, "join", 10));
        for (int i = 1; i <= 16; i++) {
            millis.put("branch_" + i, 300);
        }
        return ms(millis);
    }

    private static Map<String, Duration> wideSaves() {
        Map<String, Duration> saves = new HashMap<>(Map.of("samples", D));
        for (int i = 1; i <= 16; i++) {
            saves.put("h" + i, D);
        }
        return saves;
    }

    /** A node whose function is never called: the limit reads only the graph. */
    private static Node node(String name, List<String> inputs, String... outputs) {
        Map<String, String> byArgument = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byArgument.put("in" + i, inputs.get(i));
        }
        return Node.named(name).inputs(byArgument).outputs(outputs).fnByName(in -> null);
    }

    private static Map<String, Duration> ms(Map<String, Integer> millis) {
        Map<String, Duration> durations = new HashMap<>();
        millis.forEach((node, ms) -> durations.put(node, Duration.ofMillis(ms)));
        return durations;
    }

    private static Map<String, Duration> saves(String... datasets) {
        Map<String, Duration> saves = new HashMap<>();
        for (String dataset : datasets) {
            saves.put(dataset, D);
        }
        return saves;
    }
}
