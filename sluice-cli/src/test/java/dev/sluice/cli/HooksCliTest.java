package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hook class named with {@code --hooks} sees every Kedro hook point of a run. */
class HooksCliTest {
    @TempDir
    Path dir;

    private ChainProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = new ChainProject(dir).create();
        AllPointsHook.EVENTS.clear();
    }

    @Test
    void run_hooksOption_firesEveryPointInOrder() {
        ChainProject.Result run = project.sluice(
                "run", "--project", dir.toString(), "--io", "sync", "--hooks", AllPointsHook.class.getName());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(AllPointsHook.EVENTS)
                .startsWith("afterContextCreated", "afterCatalogCreated", "beforePipelineRun")
                .endsWith("afterPipelineRun")
                .containsSubsequence(
                        "beforeDatasetLoaded:raw",
                        "afterDatasetLoaded:raw",
                        "beforeNodeRun:n1",
                        "afterNodeRun:n1",
                        "beforeDatasetSaved:a",
                        "afterDatasetSaved:a",
                        "beforeDatasetLoaded:a",
                        "beforeNodeRun:n2",
                        "afterNodeRun:n4",
                        "afterDatasetSaved:d");
    }

    @Test
    void run_nodeFails_hooksSeeTheNodeAndPipelineErrors() {
        project.failing.add("n3");

        ChainProject.Result run =
                project.sluice("run", "--project", dir.toString(), "--hooks", AllPointsHook.class.getName());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(AllPointsHook.EVENTS)
                .containsSubsequence("beforeNodeRun:n3", "onNodeError:n3", "onPipelineError")
                .doesNotContain("afterPipelineRun", "beforeNodeRun:n4");
    }
}
