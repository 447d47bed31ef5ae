package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path project;

    /** A two-node run as the manifest hook writes it, by hand; {@code started} orders the runs. */
    private void run(String id, long started) throws IOException {
        Path dir = Files.createDirectories(project.resolve(".sluice/runs").resolve(id));
        Files.writeString(dir.resolve("manifest.json"), """
                {"format": 1, "run_id": "%s", "status": "COMPLETED", "started_ms": %d, "finished_ms": %d,
                 "project": "/p", "command": "sluice run", "options": {"runner": "sequential", "io": "tee"},
                 "pipeline": {"nodes": [
                   {"name": "make", "namespace": null, "tags": [], "inputs": ["raw"], "outputs": ["x"]},
                   {"name": "use", "namespace": null, "tags": [], "inputs": ["x"], "outputs": ["y"]}]},
                 "nodes": {
                   "make": {"state": "COMPLETED", "start_ms": %d, "end_ms": %d, "load": [],
                            "compute": {"start_ms": %d, "end_ms": %d}, "error": null},
                   "use": {"state": "COMPLETED", "start_ms": %d, "end_ms": %d, "load": [],
                           "compute": {"start_ms": %d, "end_ms": %d}, "error": null}},
                 "datasets": {"x": {"state": "COMMITTED", "producer": "make", "persistent": true, "version": null,
                                    "bytes": 10, "save": {"start_ms": %d, "end_ms": %d}, "error": null}},
                 "error": null}
                """.formatted(
                        id,
                        started,
                        started + 500,
                        started,
                        started + 10,
                        started,
                        started + 10,
                        started + 10,
                        started + 20,
                        started + 10,
                        started + 20,
                        started + 10,
                        started + 500));
    }

    private int sluice(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void report_last_writesTheNewestRunsReportNextToItsManifest() throws IOException {
        run("run-b", 2_000);
        run("run-a", 1_000);

        int exit = sluice("report", "last", "--project", project.toString());

        Path report = project.resolve(".sluice/runs/run-b/report.html");
        assertThat(exit).isZero();
        assertThat(out.toString().trim()).isEqualTo(report.toString());
        assertThat(Files.readString(report))
                .startsWith("<!DOCTYPE html>")
                .contains("run-b")
                .doesNotContain("run-a");
    }

    @Test
    void report_runIdAndOutput_writesThatRunWhereAsked() throws IOException {
        run("run-b", 2_000);
        run("run-a", 1_000);
        Path output = project.resolve("reports/a.html");

        int exit = sluice("report", "run-a", "--project", project.toString(), "--output", output.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(output)).contains("run-a");
    }

    @Test
    void report_unknownRun_failsWithAConfigurationErrorNamingTheRuns() throws IOException {
        run("run-a", 1_000);

        int exit = sluice("report", "run-z", "--project", project.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no run 'run-z'").contains("[run-a]");
    }

    @Test
    void report_uniquePrefixOfARunId_writesThatRun() throws IOException {
        run("2026-01-01T10.00.00.000Z-3f2a", 1_000);
        run("2026-01-01T11.00.00.000Z-3f7b", 2_000);

        int exit = sluice("report", "2026-01-01T10", "--project", project.toString());

        assertThat(exit).isZero();
        assertThat(out.toString().trim())
                .isEqualTo(project.resolve(".sluice/runs/2026-01-01T10.00.00.000Z-3f2a/report.html")
                        .toString());
    }

    @Test
    void report_prefixOfSeveralRuns_failsAskingForMoreCharacters() throws IOException {
        run("2026-01-01T10.00.00.000Z-3f2a", 1_000);
        run("2026-01-01T11.00.00.000Z-3f7b", 2_000);

        int exit = sluice("report", "2026-01-01T1", "--project", project.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("It starts 2 run ids; give more characters");
    }

    @Test
    void report_noRuns_failsSayingHowToRecordOne() {
        int exit = sluice("report", "last", "--project", project.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(".sluice").contains("run the pipeline first ('sluice run'");
    }

    @Test
    void report_ofRecordedSyncRun_drawsEveryNodeAndTheSavesItWaitedFor(@TempDir Path tmp) throws Exception {
        ChainProject chain = new ChainProject(tmp.resolve("chain")).create();
        assertThat(chain.sluice("run", "--project", chain.dir.toString(), "--io", "sync")
                        .exitCode())
                .isZero();
        String runId = chain.lastManifest().runId();

        ChainProject.Result result =
                chain.sluice("report", runId.substring(0, runId.length() - 2), "--project", chain.dir.toString());

        assertThat(result.exitCode()).isZero();
        String html = Files.readString(Path.of(result.out().trim()));
        for (String node : ChainProject.NODES) {
            assertThat(html).contains("<g class=\"lane\" data-node=\"" + node + "\">");
        }
        assertThat(html)
                .contains("<span>project <code>chain</code></span>")
                .contains("Rendered by Sluice from <code>.sluice/runs/" + runId + "/manifest.json</code>")
                .contains("the node waited for it")
                .doesNotContain("seg save background")
                .doesNotContain("load params:");
        // The command is quoted as typed; nothing else shows where the project lies on this machine.
        assertThat(html.replace("sluice run --project " + chain.dir + " --io sync", ""))
                .doesNotContain(tmp.toString());
    }

    @Test
    void report_ofRecordedTeeRun_drawsSavesInTheBackground(@TempDir Path tmp) throws Exception {
        ChainProject chain = new ChainProject(tmp.resolve("chain")).create();
        assertThat(chain.sluice("run", "--project", chain.dir.toString(), "--io", "tee")
                        .exitCode())
                .isZero();

        ChainProject.Result result = chain.sluice("report", "last", "--project", chain.dir.toString());

        assertThat(result.exitCode()).isZero();
        String html = Files.readString(Path.of(result.out().trim()));
        assertThat(html)
                .contains("class=\"seg save background\"")
                .doesNotContain("the node waited for it")
                .contains("<span class=\"badge s-completed\">COMPLETED</span>");
    }

    @Test
    void report_withoutRunId_isAUsageError() {
        int exit = sluice("report", "--project", project.toString());

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("RUN_ID");
    }
}
