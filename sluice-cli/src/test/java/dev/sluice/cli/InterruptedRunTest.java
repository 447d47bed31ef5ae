package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.Status;
import dev.sluice.runner.SaveState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to {@code sluice run} in a child JVM, at a moment the manifest shows:
 * the run stops starting nodes, waits for what runs, records itself as INTERRUPTED with true states,
 * prints the resume command and exits 130 or 143; a second signal stops it at once; {@code --resume}
 * then finishes the run.
 */
class InterruptedRunTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigint_whileNodeRuns_nodeFinishesNoNewNodeStarts_interruptedAndResumable() throws Exception {
        ChainProject reference = ChainProject.completed(tmp.resolve("reference"));
        ChainProject project = new ChainProject(tmp.resolve("project")).create();
        child = startChild(project, "gate:n2", RunSignals.WATCHDOG, "--runner", "parallel", "--workers", "2");
        project.awaitManifest(computing("n2"));

        signal("INT");
        awaitErr("Stopping (SIGINT): no new node starts. Waiting up to 30 s for node n2");
        Files.writeString(project.dir.resolve(ChainProject.RELEASE), "go");

        RunManifest interrupted = awaitInterrupted(project, 130);
        String err = err();
        assertThat(states(interrupted))
                .isEqualTo("n1 COMPLETED, n2 COMPLETED, n3 NOT_RUN, n4 NOT_RUN;"
                        + " a COMMITTED, b COMMITTED, c NOT_PRODUCED, d NOT_PRODUCED");
        assertThat(err)
                .contains("Run " + interrupted.runId() + " was interrupted (SIGINT)")
                .contains("To resume, re-running only n3, n4, run:")
                .contains("sluice run --project " + project.dir + " --resume " + interrupted.runId());

        ChainProject.Result resumed = project.sluice("run", "--project", project.dir.toString(), "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.takeRuns()).containsEntry("n1", 0).containsEntry("n2", 0);
        assertThat(project.data()).isEqualTo(reference.data());
        assertThat(project.lastManifest().status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void sigtermTwice_whileNodeRuns_stopsAtOnce_exit143AndManifestParses() throws Exception {
        ChainProject project = new ChainProject(tmp.resolve("project")).create();
        child = startChild(project, "n2", RunSignals.WATCHDOG);
        project.awaitManifest(computing("n2"));

        signal("TERM");
        awaitErr("Stopping (SIGTERM): no new node starts. Waiting up to 30 s for node n2");
        signal("TERM");

        RunManifest interrupted = awaitInterrupted(project, 143);
        String err = err();
        assertThat(states(interrupted))
                .isEqualTo("n1 COMPLETED, n2 INTERRUPTED, n3 NOT_RUN, n4 NOT_RUN;"
                        + " a COMMITTED, b NOT_PRODUCED, c NOT_PRODUCED, d NOT_PRODUCED");
        assertThat(err)
                .contains("Stopping now (SIGTERM again), without waiting for node n2.")
                .doesNotContain("did not end within")
                .contains("--resume " + interrupted.runId());
        ChainProject.Result resumed = project.sluice("run", "--project", project.dir.toString(), "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.takeRuns()).containsEntry("n1", 0).containsEntry("n2", 1);
    }

    @Test
    void secondSigint_nodeIgnoresInterrupts_watchdogRecordsTheRunAndEndsTheProcess() throws Exception {
        ChainProject project = new ChainProject(tmp.resolve("project")).create();
        child = startChild(project, "stubborn:n2", Duration.ofMillis(200));
        project.awaitManifest(computing("n2"));

        signal("INT");
        awaitErr("Stopping (SIGINT)");
        signal("INT");

        RunManifest abandoned = awaitInterrupted(project, 130);
        String err = err();
        assertThat(err).contains("The run did not end within 0.2 s of being stopped; ending the process.");
        assertThat(abandoned.error()).contains("stopped without waiting (SIGINT again)");
        assertThat(states(abandoned))
                .isEqualTo("n1 COMPLETED, n2 INTERRUPTED, n3 NOT_RUN, n4 NOT_RUN;"
                        + " a COMMITTED, b NOT_PRODUCED, c NOT_PRODUCED, d NOT_PRODUCED");
        assertThat(err).contains("sluice run --project " + project.dir + " --resume " + abandoned.runId());
    }

    @Test
    void gracePeriod_notADuration_usageErrorNamesOptionAndValue() {
        ChainProject.Result result =
                new ChainProject(tmp).sluice("run", "--project", tmp.toString(), "--grace-period", "soon");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err())
                .contains("Invalid value for option '--grace-period': 'soon' is not a duration; give one such as"
                        + " 30s, 2m or 500ms (0 stops at once).");
    }

    private Process startChild(ChainProject project, String blockCompute, Duration watchdog, String... options)
            throws IOException {
        // Started in the background of a shell without job control, this JVM ignores SIGINT and so would
        // its child: give the child Ctrl-C back.
        List<String> launcher = sigintIgnoredHere() ? List.of("env", "--default-signal=INT") : List.of();
        return ChildRun.start(
                project,
                tmp,
                launcher,
                List.of("-Dchain.watchdog.ms=" + watchdog.toMillis()),
                blockCompute,
                null,
                List.of(options));
    }

    /** Whether this process ignores SIGINT (its children then do too); Linux tells in /proc. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).strip(), 16);
                return (mask & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, String.valueOf(child.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private String err() throws IOException {
        return Files.readString(tmp.resolve("child.err"));
    }

    private void awaitErr(String text) throws IOException {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> err().contains(text) || !child.isAlive());
        assertThat(err()).contains(text);
    }

    /** The node's function is running, and the save before it has committed. */
    private static Predicate<RunManifest> computing(String node) {
        return m -> m.nodes().get(node).compute() != null
                && m.datasets()
                                .get(ChainProject.OUTPUTS.get(ChainProject.NODES.indexOf(node) - 1))
                                .state()
                        == SaveState.COMMITTED;
    }

    /** Waits for the child to exit with {@code exitCode}; returns the run's manifest, which must be INTERRUPTED. */
    private RunManifest awaitInterrupted(ChainProject project, int exitCode) throws Exception {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(err()).isEqualTo(exitCode);
        RunManifest manifest = project.lastManifest();
        assertThat(manifest.status()).isEqualTo(Status.INTERRUPTED);
        return manifest;
    }

    /** Each node's state, then each dataset's, such as {@code n1 COMPLETED, ...; a COMMITTED, ...}. */
    private static String states(RunManifest manifest) {
        List<String> nodes = new ArrayList<>();
        manifest.nodes().forEach((name, record) -> nodes.add(name + " " + record.state()));
        List<String> datasets = new ArrayList<>();
        manifest.datasets().forEach((name, record) -> datasets.add(name + " " + record.state()));
        return String.join(", ", nodes) + "; " + String.join(", ", datasets);
    }
}
