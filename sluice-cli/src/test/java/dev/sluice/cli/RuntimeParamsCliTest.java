package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.manifest.RunManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --params} with lists, mappings and quoted text, through a run, its manifest and its resume hint. */
class RuntimeParamsCliTest {
    @TempDir
    Path dir;

    private ChainProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = new ChainProject(dir).create();
    }

    @Test
    void run_listsAndQuotedText_reachTheRunAndItsManifest() {
        ChainProject.Result run = project.sluice(
                "run",
                "--project",
                dir.toString(),
                "--params",
                "suffix='+a,b',features=[engines,crew],api_token=[tok-1,tok-2]");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(project.data().get("d.txt")).isEqualTo("r|n1+a,b|n2+a,b|n3+a,b|n4+a,b");
        RunManifest manifest = project.lastManifest();
        assertThat(manifest.options().get("runtime_params"))
                .isEqualTo(Map.of(
                        "suffix",
                        "+a,b",
                        "features",
                        List.of("engines", "crew"),
                        "api_token",
                        List.of("********", "********")));
        assertThat(manifest.command())
                .endsWith("--params 'suffix='\\''+a,b'\\'',features=[engines,crew],api_token=********'")
                .doesNotContain("tok-");
    }

    @Test
    void run_failure_printsAFromNodesCommandWhoseParamsReadBack() {
        project.failing.add("n2");

        ChainProject.Result run = project.sluice(
                "run", "--project", dir.toString(), "--params", "suffix=x,features=[engines,crew],title='a, b'");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .contains("features=[engines, crew]")
                .contains("title='\\''a, b'\\''")
                .contains("suffix=x")
                .contains(" --from-nodes n2");
    }

    @Test
    void run_parameterThatDoesNotFitTheNodesType_failsBeforeAnyNodeRuns() {
        ChainProject.Result run = project.sluice("run", "--project", dir.toString(), "--params", "suffix=[a,b]");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "Error: --params: parameter 'suffix' does not fit java.lang.String, the type nodes 'n1', 'n2', "
                                + "'n3', 'n4' take it as: it is a list, not text; quote it in YAML to make it text.");
        assertThat(project.takeRuns()).containsValues(0, 0, 0, 0);
        assertThat(project.history().runIds()).isEmpty();
    }
}
