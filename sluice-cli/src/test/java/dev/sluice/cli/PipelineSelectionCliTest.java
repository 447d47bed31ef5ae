package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run}'s selection options when they leave nothing to run, on the chain n1 -> n2 -> n3 -> n4. */
class PipelineSelectionCliTest {
    @TempDir
    Path dir;

    private ChainProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = new ChainProject(dir).create();
    }

    @Test
    void run_disjointOptions_refusesNamingWhatEachOptionSelected() {
        ChainProject.Result run =
                project.sluice("run", "--project", dir.toString(), "--from-nodes", "n3", "--to-nodes", "n2");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("Error: Pipeline '__default__' contains no nodes after applying all provided filters: "
                        + "--from-nodes [n3] selects [n3, n4]; --to-nodes [n2] selects [n1, n2]. A node is selected "
                        + "only if every filter selects it: loosen or drop one of them.");
        assertThat(project.takeRuns()).containsValues(0, 0, 0, 0);
        assertThat(project.history().runIds()).isEmpty();
    }

    @Test
    void run_tagNoNodeHas_refusesNamingTheOption() {
        ChainProject.Result run = project.sluice("run", "--project", dir.toString(), "--tags", "nightly");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("after applying all provided filters: --tags [nightly] selects no node: no node has any "
                        + "of these tags; tags in this pipeline are [].");
        assertThat(project.takeRuns()).containsValues(0, 0, 0, 0);
    }

    @Test
    void run_fromInputsOfAFreeOutput_refusesListingThePipelinesInputs() {
        ChainProject.Result run = project.sluice("run", "--project", dir.toString(), "--from-inputs", "d");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("--from-inputs [d] selects no node: no node reads [d]")
                .contains("such as the pipeline's inputs [params:suffix, raw].");
    }

    @Test
    void pipelineDescribe_groups_listsTopologicalGroups() {
        ChainProject.Result run = project.sluice("pipeline", "describe", "--groups", "--project", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "Groups (each depends only on earlier groups):\n  1: [n1]\n  2: [n2]\n  3: [n3]\n  4: [n4]\n");
    }
}
