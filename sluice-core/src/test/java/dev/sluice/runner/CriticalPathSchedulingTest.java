package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.testing.FakeStore;
import dev.sluice.testing.RecordingHook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order in which ready nodes start. With one worker the order is exactly the scheduler's choice,
 * so each test reads it off the hooks.
 */
class CriticalPathSchedulingTest {
    /**
     * {@code source} feeds a leaf {@code a_leaf} (first by name) and a chain {@code b1 -> b2 -> b3}:
     * topological order by name would start the leaf first and leave the chain for last.
     */
    private static Pipeline leafAndChain() {
        return Pipeline.of(
                Node.named("source").outputs("s").fn(() -> "s"),
                Node.named("a_leaf").inputs("s").outputs("leaf").fn((String s) -> s),
                Node.named("b1").inputs("s").outputs("c1").fn((String s) -> s),
                Node.named("b2").inputs("c1").outputs("c2").fn((String s) -> s),
                Node.named("b3").inputs("c2").outputs("c3").fn((String s) -> s));
    }

    private static List<String> startOrder(Runner.Builder builder, Pipeline pipeline, DataCatalog catalog) {
        RecordingHook hook = new RecordingHook();
        builder.parallel(1).hook(hook).build().run(pipeline, catalog);
        return hook.events("beforeNodeRun:").stream()
                .map(e -> e.substring("beforeNodeRun:".length()))
                .toList();
    }

    @Test
    void parallel_noRecordedTimes_startsTheLongestRemainingPathFirst() {
        // After b2, a_leaf and b3 both have one node left: the tie goes to topological order.
        assertThat(startOrder(Runner.builder(), leafAndChain(), DataCatalog.of(Map.of())))
                .containsExactly("source", "b1", "b2", "a_leaf", "b3");
    }

    @Test
    void parallel_recordedTimes_weighThePaths() {
        Map<String, Duration> times = Map.of(
                "source", Duration.ofMillis(1),
                "a_leaf", Duration.ofSeconds(10),
                "b1", Duration.ofMillis(1),
                "b2", Duration.ofMillis(1),
                "b3", Duration.ofMillis(1));

        assertThat(startOrder(Runner.builder().expectedNodeTimes(times), leafAndChain(), DataCatalog.of(Map.of())))
                .containsExactly("source", "a_leaf", "b1", "b2", "b3");
    }

    @Test
    void parallel_someNodesRecorded_othersWeighTheMeanOfTheRecorded() {
        // a_leaf alone was recorded, at 10 s: each chain node weighs that mean too, so the chain of three
        // (30 s) comes first until only b3 (10 s) is left beside it.
        Map<String, Duration> times = Map.of("a_leaf", Duration.ofSeconds(10));

        assertThat(startOrder(Runner.builder().expectedNodeTimes(times), leafAndChain(), DataCatalog.of(Map.of())))
                .containsExactly("source", "b1", "b2", "a_leaf", "b3");
    }

    @Test
    void sync_nodeWithMoreIoOnItsPath_weighsMore() {
        // "c_heavy" saves three persisted outputs. Under sync I/O the node waits for each: four units
        // against the two of the chain a_light -> b_light. Under the tee its saves leave the path: one unit.
        FakeStore store = new FakeStore();
        Pipeline pipeline = Pipeline.of(
                Node.named("a_light").outputs("l1").fn(() -> "l"),
                Node.named("b_light").inputs("l1").outputs("l2").fn((String l) -> l),
                Node.named("c_heavy").outputs("h1", "h2", "h3").fn(() -> List.of("1", "2", "3")));
        Map<String, dev.sluice.io.Dataset<?>> datasets =
                Map.of("h1", store.dataset("h1"), "h2", store.dataset("h2"), "h3", store.dataset("h3"));

        assertThat(startOrder(Runner.builder().io(IoMode.SYNC), pipeline, DataCatalog.of(datasets)))
                .containsExactly("c_heavy", "a_light", "b_light");
        assertThat(startOrder(Runner.builder().io(IoMode.TEE), pipeline, DataCatalog.of(datasets)))
                .containsExactly("a_light", "b_light", "c_heavy");
    }
}
