package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import dev.sluice.testing.FakeStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResumePlanTest {
    private final Chain chain = new Chain();
    private final Pipeline pipeline = chain.pipeline();

    /** A manifest of {@code pipeline} (or the nodes named in {@code slice}) with the given states. */
    private static RunManifest manifest(
            String runId,
            String resumedFrom,
            Pipeline pipeline,
            Map<String, NodeState> nodeStates,
            Map<String, SaveState> saveStates,
            Map<String, String> versions,
            List<String> memory) {
        Map<String, NodeRecord> nodes = new LinkedHashMap<>();
        Map<String, DatasetRecord> datasets = new LinkedHashMap<>();
        List<PipelineNode> selected = pipeline.nodes().stream()
                .filter(n -> nodeStates.containsKey(n.name()))
                .map(n -> new PipelineNode(n.name(), null, List.of(), n.inputs(), n.outputs()))
                .toList();
        for (Node node : pipeline.nodes()) {
            NodeState state = nodeStates.get(node.name());
            if (state == null) {
                continue;
            }
            nodes.put(node.name(), new NodeRecord(state, 1L, 2L, List.of(), null, null));
            for (String output : node.outputs()) {
                datasets.put(
                        output,
                        new DatasetRecord(
                                saveStates.getOrDefault(output, SaveState.PENDING),
                                node.name(),
                                !memory.contains(output),
                                versions.get(output),
                                null,
                                null,
                                null));
            }
        }
        return new RunManifest(
                runId,
                Status.FAILED,
                1L,
                3L,
                "/p",
                "sluice run",
                Map.of(),
                selected,
                nodes,
                datasets,
                null,
                resumedFrom);
    }

    private static Map<String, NodeState> nodes(Object... pairs) {
        Map<String, NodeState> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (NodeState) pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, SaveState> saves(Object... pairs) {
        Map<String, SaveState> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (SaveState) pairs[i + 1]);
        }
        return map;
    }

    private void store(String... datasets) {
        for (String dataset : datasets) {
            chain.store.put(dataset, dataset + "-stored");
        }
    }

    @Test
    void resume_nodeFailedMidway_runsItAndWhatFollows() {
        store("a");
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.FAILED,
                        "n3",
                        NodeState.NOT_RUN,
                        "n4",
                        NodeState.NOT_RUN),
                saves("a", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n2", "n3", "n4");
        assertThat(plan.fromNodes()).containsExactly("n2");
        assertThat(plan.reasons().get("n2")).contains("did not complete in run r1 (FAILED)");
        assertThat(plan.pipeline())
                .hasValueSatisfying(p -> assertThat(p.inputs()).containsExactly("a"));
        assertThat(plan.loadVersions()).isEmpty();
    }

    @Test
    void resume_completedNodeWhoseSaveDidNotCommit_runsItButNotCommittedNodes() {
        store("b");
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.COMPLETED,
                        "n3",
                        NodeState.RUNNING,
                        "n4",
                        NodeState.PENDING),
                saves("a", SaveState.WRITING, "b", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n1", "n3", "n4");
        assertThat(plan.reasons().get("n1")).contains("output 'a' was not committed in run r1 (WRITING)");
        assertThat(plan.fromNodes()).containsExactly("n1", "n3");
    }

    @Test
    void resume_inputKeptInMemory_walksBackToItsProducer() {
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", chain.store.dataset("raw"))
                .add("b", chain.store.dataset("b"))
                .add("c", chain.store.dataset("c"))
                .add("d", chain.store.dataset("d"))
                .build();
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.FAILED,
                        "n3",
                        NodeState.NOT_RUN,
                        "n4",
                        NodeState.NOT_RUN),
                saves("a", SaveState.COMMITTED),
                Map.of(),
                List.of("a"));

        ResumePlan plan = ResumePlan.resume(pipeline, catalog, List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n1", "n2", "n3", "n4");
        assertThat(plan.reasons().get("n1")).isEqualTo("'n2' needs 'a', which was kept only in memory");
        assertThat(plan.fromNodes()).containsExactly("n1");
    }

    @Test
    void resume_committedInputDeletedSince_rerunsItsProducer() {
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.FAILED,
                        "n3",
                        NodeState.NOT_RUN,
                        "n4",
                        NodeState.NOT_RUN),
                saves("a", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n1", "n2", "n3", "n4");
        assertThat(plan.reasons().get("n1")).contains("is no longer in storage");
    }

    @Test
    void resume_afterAnEarlierResume_newestRecordWins() {
        store("a", "b");
        RunManifest first = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.FAILED,
                        "n3",
                        NodeState.NOT_RUN,
                        "n4",
                        NodeState.NOT_RUN),
                saves("a", SaveState.COMMITTED),
                Map.of(),
                List.of());
        RunManifest second = manifest(
                "r2",
                "r1",
                pipeline,
                nodes("n2", NodeState.COMPLETED, "n3", NodeState.FAILED, "n4", NodeState.NOT_RUN),
                saves("b", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(second, first));

        assertThat(plan.nodeNames()).containsExactly("n3", "n4");
        assertThat(plan.reasons().get("n3")).contains("run r2");
    }

    @Test
    void resume_runThatSelectedASlice_staysInsideIt() {
        store("b");
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes("n3", NodeState.FAILED, "n4", NodeState.NOT_RUN),
                Map.of(),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n3", "n4");
    }

    @Test
    void resume_completedRun_isEmpty() {
        store("a", "b", "c", "d");
        RunManifest run = manifest(
                "r1",
                null,
                pipeline,
                nodes(
                        "n1",
                        NodeState.COMPLETED,
                        "n2",
                        NodeState.COMPLETED,
                        "n3",
                        NodeState.COMPLETED,
                        "n4",
                        NodeState.COMPLETED),
                saves(
                        "a",
                        SaveState.COMMITTED,
                        "b",
                        SaveState.COMMITTED,
                        "c",
                        SaveState.COMMITTED,
                        "d",
                        SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline, chain.catalog(), List.of(run));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.pipeline()).isEmpty();
        assertThat(plan.fromNodes()).isEmpty();
    }

    @Test
    void resume_nodeChangedSinceTheRun_runsAgain() {
        store("a", "b");
        Pipeline changed = Pipeline.of(
                Node.named("n1").inputs("raw").outputs("a").fn((String s) -> s),
                Node.named("n2").inputs("a", "raw").outputs("b").fn((String s, String r) -> s));
        RunManifest run = manifest(
                "r1",
                null,
                pipeline.onlyNodes("n1", "n2"),
                nodes("n1", NodeState.COMPLETED, "n2", NodeState.COMPLETED),
                saves("a", SaveState.COMMITTED, "b", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(changed, chain.catalog(), List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n2");
        assertThat(plan.reasons().get("n2")).contains("inputs or outputs changed");
    }

    @Test
    void resume_versionedInput_loadsTheRecordedVersion() {
        FakeVersionedDataset firstRun = new FakeVersionedDataset("v1");
        firstRun.save("from run 1");
        FakeVersionedDataset later = firstRun.nextRun("v2");
        later.save("from a later run");
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", chain.store.dataset("raw"))
                .add("a", later)
                .build();
        RunManifest run = manifest(
                "r1",
                null,
                pipeline.onlyNodes("n1", "n2"),
                nodes("n1", NodeState.COMPLETED, "n2", NodeState.FAILED),
                saves("a", SaveState.COMMITTED),
                Map.of("a", "v1"),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline.onlyNodes("n1", "n2"), catalog, List.of(run));
        plan.pinLoadVersions(catalog);

        assertThat(plan.nodeNames()).containsExactly("n2");
        assertThat(plan.loadVersions()).containsExactly(Map.entry("a", "v1"));
        assertThat(catalog.load("a")).isEqualTo("from run 1");
    }

    @Test
    void resume_recordedVersionGone_rerunsItsProducer() {
        FakeVersionedDataset a = new FakeVersionedDataset("v2");
        a.save("only v2");
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", chain.store.dataset("raw"))
                .add("a", a)
                .build();
        RunManifest run = manifest(
                "r1",
                null,
                pipeline.onlyNodes("n1", "n2"),
                nodes("n1", NodeState.COMPLETED, "n2", NodeState.FAILED),
                saves("a", SaveState.COMMITTED),
                Map.of("a", "v1"),
                List.of());

        ResumePlan plan = ResumePlan.resume(pipeline.onlyNodes("n1", "n2"), catalog, List.of(run));

        assertThat(plan.nodeNames()).containsExactly("n1", "n2");
        assertThat(plan.reasons().get("n1")).contains("has no stored version v1");
        assertThat(plan.loadVersions()).isEmpty();
    }

    @Test
    void resume_transcodedInput_isAvailableWhenTheProducerCommitted() {
        FakeStore store = new FakeStore();
        store.put("x", "1");
        Pipeline transcoded = Pipeline.of(
                Node.named("make").outputs("x@text").fn(() -> "1"),
                Node.named("use").inputs("x@number").outputs("y").fn((Object x) -> x));
        DataCatalog catalog = DataCatalog.builder()
                .add("x@text", store.dataset("x"))
                .add("x@number", store.dataset("x", String::valueOf, Integer::valueOf))
                .add("y", store.dataset("y"))
                .build();
        RunManifest run = manifest(
                "r1",
                null,
                transcoded,
                nodes("make", NodeState.COMPLETED, "use", NodeState.FAILED),
                saves("x@text", SaveState.COMMITTED),
                Map.of(),
                List.of());

        ResumePlan plan = ResumePlan.resume(transcoded, catalog, List.of(run));

        assertThat(plan.nodeNames()).containsExactly("use");
    }

    @Test
    void onlyMissingOutputs_everythingStored_runsNothing() {
        store("a", "b", "c", "d");

        assertThat(ResumePlan.onlyMissingOutputs(pipeline, chain.catalog()).isEmpty())
                .isTrue();
    }

    @Test
    void onlyMissingOutputs_middleOutputMissing_runsOnlyItsProducer() {
        store("a", "c", "d");

        ResumePlan plan = ResumePlan.onlyMissingOutputs(pipeline, chain.catalog());

        assertThat(plan.nodeNames()).containsExactly("n2");
        assertThat(plan.reasons().get("n2")).isEqualTo("its output 'b' does not exist");
    }

    @Test
    void onlyMissingOutputs_inputInMemory_runsItsProducerToo() {
        chain.store.put("b", "old");
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", chain.store.dataset("raw"))
                .add("c", chain.store.dataset("c"))
                .build();
        Pipeline withMemory = Pipeline.of(
                Node.named("n1").inputs("raw").outputs("a").fn((String s) -> s),
                Node.named("n2").inputs("a").outputs("b").fn((String s) -> s),
                Node.named("n3").inputs("b").outputs("c").fn((String s) -> s),
                Node.named("report").inputs("c").outputs(List.of()).fn((String s) -> List.of()));

        ResumePlan plan = ResumePlan.onlyMissingOutputs(withMemory, catalog);

        assertThat(plan.nodeNames()).containsExactly("n1", "n2", "n3", "report");
        assertThat(plan.reasons())
                .containsEntry("report", "it has no outputs")
                .containsEntry("n3", "its output 'c' does not exist")
                .containsEntry("n2", "'n3' needs 'b', which is not persisted");
    }
}
