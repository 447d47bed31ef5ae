package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.runner.NodeState;
import dev.sluice.runner.SaveState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills {@code sluice run} in a child JVM at every stage of a four-node chain (inside a node's function,
 * or while an output is being written), as the manifest shows it, then resumes in this JVM: the stored
 * files equal an uninterrupted run's, and no node whose outputs the manifest shows committed runs again.
 */
class KilledRunResumeTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> stages() {
        List<Arguments> stages = new ArrayList<>();
        for (int i = 0; i < ChainProject.NODES.size(); i++) {
            stages.add(Arguments.of("tee", ChainProject.NODES.get(i), null));
            stages.add(Arguments.of("tee", null, ChainProject.OUTPUTS.get(i)));
        }
        stages.add(Arguments.of("sync", null, "b"));
        stages.add(Arguments.of("sync", "n3", null));
        return stages.stream();
    }

    @ParameterizedTest(name = "io {0}: killed in node {1} / saving {2}")
    @MethodSource("stages")
    void resume_afterTheProcessIsKilled_finishesAsAnUninterruptedRun(String io, String inNode, String saving)
            throws Exception {
        ChainProject reference = ChainProject.completed(tmp.resolve("reference"));
        ChainProject project = new ChainProject(tmp.resolve("project")).create();

        Process child = ChildRun.start(project, tmp, List.of(), List.of(), inNode, saving, List.of("--io", io));
        RunManifest killed;
        try {
            killed = project.awaitManifest(inNode != null ? blockedIn(inNode) : blockedSaving(saving));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(killed.status()).isEqualTo(Status.RUNNING);
        Set<String> committed = committedNodes(killed);

        ChainProject.Result resumed = project.sluice("run", "--project", project.dir.toString(), "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Map<String, Integer> runs = project.takeRuns();
        for (String node : ChainProject.NODES) {
            assertThat(runs.get(node))
                    .as("runs of %s after the kill (committed before: %s)", node, committed)
                    .isEqualTo(committed.contains(node) ? 0 : 1);
        }
        assertThat(project.data()).isEqualTo(reference.data());
        RunManifest finished = project.lastManifest();
        assertThat(finished.resumedFrom()).isEqualTo(killed.runId());
        assertThat(finished.status()).isEqualTo(Status.COMPLETED);
    }

    /** The node's function is running, and every save before it has committed. */
    private static Predicate<RunManifest> blockedIn(String node) {
        return m -> m.nodes().get(node).compute() != null
                && ChainProject.OUTPUTS.subList(0, ChainProject.NODES.indexOf(node)).stream()
                        .allMatch(o -> m.datasets().get(o).state() == SaveState.COMMITTED);
    }

    /**
     * The dataset is being written and the run can go no further: in tee mode every other node has
     * completed and every other output committed; in sync mode nothing after it has started.
     */
    private static Predicate<RunManifest> blockedSaving(String dataset) {
        return m -> {
            if (m.datasets().get(dataset).state() != SaveState.WRITING) {
                return false;
            }
            boolean tee = "tee".equals(m.options().get("io"));
            int stage = ChainProject.OUTPUTS.indexOf(dataset);
            for (int i = 0; i < ChainProject.NODES.size(); i++) {
                String output = ChainProject.OUTPUTS.get(i);
                if (i != stage && (tee || i < stage) && m.datasets().get(output).state() != SaveState.COMMITTED) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Set<String> committedNodes(RunManifest manifest) {
        Set<String> done = new TreeSet<>();
        manifest.nodes().forEach((name, record) -> {
            int i = ChainProject.NODES.indexOf(name);
            if (record.state() == NodeState.COMPLETED
                    && manifest.datasets().get(ChainProject.OUTPUTS.get(i)).isCommitted()) {
                done.add(name);
            }
        });
        return done;
    }
}
