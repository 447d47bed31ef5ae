package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.benchmarks.StorageLimit.Bound;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageLimitTest {
    private static final long MB = 1_000_000;
    /** 100 MB per second: a megabyte takes 10 ms. */
    private static final double W = 100 * MB;

    @Test
    void of_slowStore_everyByteAfterTheFirstNodeSetsTheLimit() {
        Map<String, Long> written = new HashMap<>();
        for (String output : StorageBenchmark.OUTPUTS) {
            written.put(output, 100 * MB);
        }

        StorageLimit limit = StorageLimit.of(StorageBenchmark.pipeline(8), storageCompute(10), Map.of(), written, W, 1);

        // generate ends at 10 ms; from then on 500 MB must pass at 100 MB/s.
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(10 + 5000));
        assertThat(limit.setBy()).isEqualTo(Bound.WRITE_THROUGHPUT);
        assertThat(limit.physical().pathBound()).isEqualTo(Duration.ofMillis(40 + 1000));
    }

    @Test
    void of_outputsReleasedTogether_shareTheStore() {
        Pipeline pipeline =
                Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"), node("c", List.of("x"), "z"));

        StorageLimit limit = StorageLimit.of(
                pipeline,
                ms(Map.of("a", 1000, "b", 1000, "c", 1000)),
                Map.of(),
                Map.of("x", 10 * MB, "y", 200 * MB, "z", 200 * MB),
                W,
                2);

        // y and z are both released at 2 s: 400 MB take 4 s more, where each alone would take 2 s.
        assertThat(limit.writeBound()).isEqualTo(Duration.ofSeconds(6));
        assertThat(limit.physical().pathBound()).isEqualTo(Duration.ofSeconds(4));
        assertThat(limit.limit()).isEqualTo(Duration.ofSeconds(6));
        assertThat(limit.setBy()).isEqualTo(Bound.WRITE_THROUGHPUT);
    }

    @Test
    void of_fastStore_criticalPathSetsTheLimit() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));

        StorageLimit limit = StorageLimit.of(
                chain, ms(Map.of("a", 1000, "b", 1000)), Map.of(), Map.of("x", 10 * MB, "y", 10 * MB), W, 1);

        // b ends at 2 s and its own 10 MB take 100 ms; x was written while b computed.
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(2100));
        assertThat(limit.setBy()).isEqualTo(Bound.CRITICAL_PATH);
    }

    @Test
    void of_branchesOnOneWorker_workersSetTheLimit() {
        Pipeline pipeline =
                Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"), node("c", List.of("x"), "z"));

        StorageLimit limit = StorageLimit.of(
                pipeline,
                ms(Map.of("a", 1000, "b", 1000, "c", 1000)),
                Map.of(),
                Map.of("x", MB, "y", MB, "z", MB),
                W,
                1);

        // All 3 s of compute on one worker, then the shortest save (10 ms).
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(3010));
        assertThat(limit.setBy()).isEqualTo(Bound.WORKERS);
    }

    @Test
    void of_nothingPersisted_noWriteBound() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));

        StorageLimit limit = StorageLimit.of(chain, ms(Map.of("a", 300, "b", 200)), Map.of(), Map.of(), W, 1);

        assertThat(limit.writeBound()).isZero();
        assertThat(limit.limit()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void of_throughputNotPositive_fails() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"));

        assertThatThrownBy(() -> StorageLimit.of(chain, ms(Map.of("a", 1)), Map.of(), Map.of("x", MB), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void withCpu_moreCpuThanTheCoresGiveInTheLimit_cpuSetsTheLimit() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));
        StorageLimit limit = StorageLimit.of(
                chain, ms(Map.of("a", 1000, "b", 1000)), Map.of(), Map.of("x", 10 * MB, "y", 10 * MB), W, 1);

        // 2.1 s by the path; 5 s of CPU (compute plus encoding, say) on 2 cores need 2.5 s.
        StorageLimit withCpu = limit.withCpu(Duration.ofSeconds(5), 2);

        assertThat(withCpu.limit()).isEqualTo(Duration.ofMillis(2500));
        assertThat(withCpu.setBy()).isEqualTo(Bound.CPU);
        assertThat(withCpu.cpuBound()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void withCpu_lessCpuThanTheLimit_keepsTheLimitAndRecordsTheBound() {
        Pipeline chain = Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"));
        StorageLimit limit = StorageLimit.of(
                chain, ms(Map.of("a", 1000, "b", 1000)), Map.of(), Map.of("x", 10 * MB, "y", 10 * MB), W, 1);

        StorageLimit withCpu = limit.withCpu(Duration.ofSeconds(3), 2);

        assertThat(withCpu.limit()).isEqualTo(Duration.ofMillis(2100));
        assertThat(withCpu.setBy()).isEqualTo(Bound.CRITICAL_PATH);
        assertThat(withCpu.cpuBound()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void inSeries_storageDiamond_addsComputeEveryWriteAndEveryLoadOfAStoredInput() {
        Map<String, Long> stored = new HashMap<>();
        for (String output : StorageBenchmark.OUTPUTS) {
            stored.put(output, 100 * MB);
        }

        Duration inSeries = StorageLimit.inSeries(StorageBenchmark.pipeline(8), storageCompute(10), stored, W, 2 * W);

        // 5 nodes of 10 ms; 500 MB written at 100 MB/s; raw read twice, three more once: 500 MB at 200 MB/s.
        assertThat(inSeries).isEqualTo(Duration.ofMillis(50 + 5000 + 2500));
    }

    @Test
    void transfer_bytesAtARate_isTheirTime() {
        assertThat(StorageLimit.transfer(250 * MB, W)).isEqualTo(Duration.ofMillis(2500));
    }

    private static Map<String, Duration> storageCompute(int millis) {
        Map<String, Duration> compute = new HashMap<>();
        for (Node node : StorageBenchmark.pipeline(8).nodes()) {
            compute.put(node.name(), Duration.ofMillis(millis));
        }
        return compute;
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
}
