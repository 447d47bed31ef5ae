package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails a four-node chain at every stage (a node's function, or its output's save), resumes from the
 * manifest, and checks that the stored result equals an uninterrupted run's and that no node whose
 * outputs were committed ran again.
 */
class ResumeTest {
    @TempDir
    Path project;

    enum Failure {
        NODE,
        SAVE
    }

    enum Mode {
        SEQUENTIAL_SYNC,
        SEQUENTIAL_TEE,
        PARALLEL_TEE,
        PARALLEL_CACHE;

        Runner.Builder runner() {
            Runner.Builder builder = Runner.builder().saveRetries(0, Duration.ZERO);
            return switch (this) {
                case SEQUENTIAL_SYNC -> builder.io(IoMode.SYNC);
                case SEQUENTIAL_TEE -> builder.io(IoMode.TEE);
                case PARALLEL_TEE -> builder.parallel(2).io(IoMode.TEE);
                case PARALLEL_CACHE -> builder.parallel(2).io(IoMode.CACHE);
            };
        }
    }

    static Stream<Arguments> everyStage() {
        List<Arguments> cases = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (Failure failure : Failure.values()) {
                for (int stage = 0; stage < Chain.NODES.size(); stage++) {
                    cases.add(Arguments.of(mode, failure, stage));
                }
            }
        }
        return cases.stream();
    }

    private static Map<String, String> uninterrupted() {
        Chain reference = new Chain();
        Runner.sequential().run(reference.pipeline(), reference.catalog());
        return reference.store.contents();
    }

    @ParameterizedTest(name = "{0}: {1} fails at {2}")
    @MethodSource("everyStage")
    void resume_afterFailureAtAnyStage_storesWhatAnUninterruptedRunStores(Mode mode, Failure failure, int stage) {
        Chain chain = new Chain();
        RunHistory history = RunHistory.of(project);
        if (failure == Failure.NODE) {
            chain.failing.add(Chain.NODES.get(stage));
        } else {
            chain.store.failSaves(Chain.OUTPUTS.get(stage), 1);
        }

        runAndFail(mode, chain, history, "r1", null);
        chain.takeRuns();
        chain.failing.clear();
        RunManifest failed = history.read("r1");
        Set<String> committed = committedNodes(failed);
        assertThat(committed).as("nodes before the failure committed").hasSizeGreaterThanOrEqualTo(stage);

        DataCatalog catalog = chain.catalog();
        ResumePlan plan = ResumePlan.resume(chain.pipeline(), catalog, history.chain(RunHistory.LAST));
        plan.pinLoadVersions(catalog);
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(history.manifestFile("r2"))
                .resumedFrom("r1")
                .build()) {
            mode.runner().hook(recorder).build().run(plan.pipeline().orElseThrow(), catalog, "r2");
        }

        Map<String, Integer> resumedRuns = chain.takeRuns();
        assertThat(chain.store.contents()).isEqualTo(uninterrupted());
        for (String node : Chain.NODES) {
            assertThat(resumedRuns.get(node))
                    .as("runs of %s in the resumed run (committed before: %s)", node, committed)
                    .isEqualTo(committed.contains(node) ? 0 : 1);
        }
        RunManifest resumed = history.read(RunHistory.LAST);
        assertThat(resumed.status()).isEqualTo(Status.COMPLETED);
        assertThat(resumed.resumedFrom()).isEqualTo("r1");
    }

    @Test
    void resume_ofAResumedRunThatFailedToo_finishesFromBothManifests() {
        Chain chain = new Chain();
        RunHistory history = RunHistory.of(project);
        chain.failing.add("n2");
        runAndFail(Mode.SEQUENTIAL_TEE, chain, history, "r1", null);
        chain.failing.clear();

        chain.failing.add("n4");
        ResumePlan second = ResumePlan.resume(chain.pipeline(), chain.catalog(), history.chain("r1"));
        runAndFail(Mode.SEQUENTIAL_TEE, chain, history, "r2", second);
        chain.failing.clear();
        chain.takeRuns();

        ResumePlan third = ResumePlan.resume(chain.pipeline(), chain.catalog(), history.chain("r2"));
        assertThat(third.nodeNames()).containsExactly("n4");
        Runner.sequential().run(third.pipeline().orElseThrow(), chain.catalog());

        assertThat(chain.takeRuns())
                .containsEntry("n1", 0)
                .containsEntry("n2", 0)
                .containsEntry("n3", 0);
        assertThat(chain.store.contents()).isEqualTo(uninterrupted());
    }

    private static void runAndFail(Mode mode, Chain chain, RunHistory history, String runId, ResumePlan plan) {
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(history.manifestFile(runId))
                .resumedFrom(plan == null ? null : "r1")
                .build()) {
            Runner runner = mode.runner().hook(recorder).build();
            assertThatThrownBy(() -> runner.run(
                            plan == null ? chain.pipeline() : plan.pipeline().orElseThrow(), chain.catalog(), runId))
                    .isInstanceOf(RunFailedException.class);
        }
    }

    /** Nodes that completed with every output committed. */
    private static Set<String> committedNodes(RunManifest manifest) {
        Set<String> done = new TreeSet<>();
        for (RunManifest.PipelineNode node : manifest.pipeline()) {
            boolean completed = manifest.nodes().get(node.name()).state() == NodeState.COMPLETED;
            boolean saved = node.outputs().stream()
                    .allMatch(o -> manifest.datasets().get(o).isCommitted());
            if (completed && saved) {
                done.add(node.name());
            }
        }
        return done;
    }
}
