package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.runner.NodeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResumeCommandTest {
    @TempDir
    Path tmp;

    private ChainProject project(String name) throws Exception {
        return new ChainProject(tmp.resolve(name)).create();
    }

    private Map<String, String> uninterrupted(String... options) throws Exception {
        ChainProject reference = project("reference");
        String[] args = new String[options.length + 3];
        args[0] = "run";
        args[1] = "--project";
        args[2] = reference.dir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        assertThat(reference.sluice(args).exitCode()).isZero();
        return reference.data();
    }

    @Test
    void run_recordsAManifestForEachRun() throws Exception {
        ChainProject project = project("p");

        ChainProject.Result result = project.sluice("run", "--project", project.dir.toString(), "--params", "suffix=!");

        assertThat(result.exitCode()).isZero();
        RunManifest manifest = project.lastManifest();
        assertThat(result.out()).contains("Run " + manifest.runId() + " completed");
        assertThat(manifest.status()).isEqualTo(Status.COMPLETED);
        assertThat(manifest.command()).isEqualTo("sluice run --project " + project.dir + " --params 'suffix=!'");
        assertThat(manifest.options())
                .containsEntry("env", "local")
                .containsEntry("pipelines", java.util.List.of("__default__"))
                .containsEntry("runtime_params", Map.of("suffix", "!"))
                .containsEntry("io", "tee");
        assertThat(manifest.datasets().get("d").bytes()).isEqualTo((long) "r|n1!|n2!|n3!|n4!".length());
        assertThat(Files.readString(project.history().manifestFile(manifest.runId())))
                .doesNotContain("hunter2-credential");
    }

    @Test
    void run_nodeFails_printsTheResumeCommandsAndResumeFinishesTheRun() throws Exception {
        ChainProject project = project("p");
        project.failing.add("n3");

        ChainProject.Result failed = project.sluice("run", "--project", project.dir.toString(), "--io", "sync");

        assertThat(failed.exitCode()).isEqualTo(4);
        String runId = project.lastManifest().runId();
        assertThat(failed.err())
                .contains("Run " + runId + " failed; its manifest is "
                        + project.history().manifestFile(runId))
                .contains("re-running only n3, n4, run:")
                .contains("  sluice run --project " + project.dir + " --resume " + runId)
                .contains("  sluice run --project " + project.dir + " --from-nodes n3");
        assertThat(project.takeRuns()).containsEntry("n3", 1).containsEntry("n4", 0);
        project.failing.clear();

        ChainProject.Result resumed = project.sluice(resumeArgs(failed.err()));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.takeRuns())
                .containsEntry("n1", 0)
                .containsEntry("n2", 0)
                .containsEntry("n3", 1)
                .containsEntry("n4", 1);
        assertThat(project.data()).isEqualTo(uninterrupted());
        RunManifest manifest = project.lastManifest();
        assertThat(manifest.resumedFrom()).isEqualTo(runId);
        assertThat(manifest.options()).as("the resumed run's options").containsEntry("io", "sync");
        assertThat(manifest.pipeline())
                .extracting(RunManifest.PipelineNode::name)
                .containsExactly("n3", "n4");
    }

    /** The arguments of the {@code --resume} command a failed run printed. */
    private static String[] resumeArgs(String err) {
        Matcher matcher =
                Pattern.compile("  sluice (run --project \\S+ --resume \\S+)").matcher(err);
        assertThat(matcher.find()).as(err).isTrue();
        return matcher.group(1).split(" ");
    }

    @Test
    void resume_givenOptionsOverrideRecordedOnes() throws Exception {
        ChainProject project = project("p");
        project.failing.add("n2");
        project.sluice(
                "run",
                "--project",
                project.dir.toString(),
                "--runner",
                "parallel",
                "--workers",
                "2",
                "--params",
                "suffix=?");
        project.failing.clear();

        ChainProject.Result resumed =
                project.sluice("run", "--project", project.dir.toString(), "--resume", "--io", "cache");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        RunManifest manifest = project.lastManifest();
        assertThat(manifest.options())
                .containsEntry("runner", "parallel")
                .containsEntry("workers", 2L)
                .containsEntry("io", "cache")
                .containsEntry("runtime_params", Map.of("suffix", "?"));
        assertThat(project.data()).isEqualTo(uninterrupted("--params", "suffix=?"));
    }

    @Test
    void resume_withSelectionOptions_isRefused() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString());

        ChainProject.Result result =
                project.sluice("run", "--project", project.dir.toString(), "--resume", "--nodes", "n1");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("Options '--resume' and '--nodes n1' conflict");
    }

    @Test
    void resume_ofACompletedRun_runsNothing() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString());
        project.takeRuns();
        String runId = project.lastManifest().runId();

        ChainProject.Result result = project.sluice("run", "--project", project.dir.toString(), "--resume", runId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Run " + runId + " completed: nothing is left to resume");
        assertThat(project.takeRuns().values()).containsOnly(0);
        assertThat(project.history().runIds()).hasSize(1);
    }

    @Test
    void resume_ofACompletedRunWithSecretParameters_saysNothingIsLeftWithoutAskingForThem() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString(), "--params", "api_token=tok-123456");
        project.takeRuns();

        ChainProject.Result result = project.sluice("run", "--project", project.dir.toString(), "--resume");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("completed: nothing is left to resume");
        assertThat(project.takeRuns().values()).containsOnly(0);
    }

    @Test
    void resume_unknownRun_suggestsTheLastOne() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString());

        ChainProject.Result result =
                project.sluice("run", "--project", project.dir.toString(), "--resume", "2020-01-01T00.00.00.000Z-0000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("The most recent run is " + project.lastManifest().runId());
    }

    @Test
    void resume_secretRuntimeParameter_mustBeGivenAgain() throws Exception {
        ChainProject project = project("p");
        project.failing.add("n1");
        project.sluice("run", "--project", project.dir.toString(), "--params", "suffix=x,api_token=tok-123456");
        project.failing.clear();
        RunManifest failed = project.lastManifest();
        assertThat(Files.readString(project.history().manifestFile(failed.runId())))
                .doesNotContain("tok-123456");
        assertThat(failed.command()).contains("api_token=********");

        ChainProject.Result refused = project.sluice("run", "--project", project.dir.toString(), "--resume");
        ChainProject.Result resumed = project.sluice(
                "run", "--project", project.dir.toString(), "--resume", "--params", "api_token=tok-123456");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("[api_token]").contains("--params api_token=...");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.data().get("d.txt")).isEqualTo("r|n1x|n2x|n3x|n4x");
    }

    @Test
    void onlyMissingOutputs_runsOnlyTheNodesWhoseOutputsAreGone() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString());
        project.takeRuns();
        Files.delete(project.dir.resolve("data/b.txt"));

        ChainProject.Result result =
                project.sluice("run", "--project", project.dir.toString(), "--only-missing-outputs");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(project.takeRuns())
                .containsEntry("n1", 0)
                .containsEntry("n2", 1)
                .containsEntry("n3", 0)
                .containsEntry("n4", 0);
        assertThat(project.data()).isEqualTo(uninterrupted());
        assertThat(project.lastManifest().options()).containsEntry("only_missing_outputs", true);
    }

    @Test
    void onlyMissingOutputs_nothingMissing_runsNothing() throws Exception {
        ChainProject project = project("p");
        project.sluice("run", "--project", project.dir.toString());
        project.takeRuns();

        ChainProject.Result result =
                project.sluice("run", "--project", project.dir.toString(), "--only-missing-outputs");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Every persisted output exists");
        assertThat(project.takeRuns().values()).containsOnly(0);
    }

    @Test
    void run_saveFails_resumeRerunsOnlyTheProducerOfTheUncommittedOutput() throws Exception {
        ChainProject project = project("p");
        project.failingSavesAfterLastNode.add("b");

        ChainProject.Result failed = project.sluice("run", "--project", project.dir.toString(), "--save-retries", "0");

        assertThat(failed.exitCode()).isEqualTo(5);
        RunManifest manifest = project.lastManifest();
        assertThat(manifest.datasets().get("b").state()).isEqualTo(dev.sluice.runner.SaveState.FAILED);
        assertThat(manifest.nodes().get("n4").state()).isEqualTo(NodeState.COMPLETED);
        assertThat(failed.err()).contains("re-running only n2, run:").contains("--from-nodes n2");
        project.takeRuns();
        project.failingSavesAfterLastNode.clear();

        ChainProject.Result resumed = project.sluice("run", "--project", project.dir.toString(), "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.takeRuns())
                .containsEntry("n1", 0)
                .containsEntry("n2", 1)
                .containsEntry("n3", 0)
                .containsEntry("n4", 0);
        assertThat(project.data()).isEqualTo(uninterrupted());
        assertThat(project.history().runIds()).hasSize(2).contains(manifest.runId());
        assertThat(project.history().read(RunHistory.LAST).resumedFrom()).isEqualTo(manifest.runId());
    }
}
