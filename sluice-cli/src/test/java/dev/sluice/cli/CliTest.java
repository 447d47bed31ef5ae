package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path project;

    @TempDir
    Path classes;

    private ClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        TestRegistry.shape = TestRegistry.Shape.CHAIN;
        TestRegistry.NODES_RUN.set(0);
        loader = CliRun.withRegistry(classes, TestRegistry.class);
        write("conf/base/catalog.yml", """
                raw:
                  type: text
                  filepath: data/raw.txt
                shouted:
                  type: text
                  filepath: data/shouted.txt
                length:
                  type: text
                  filepath: data/length.txt
                """);
        write("conf/base/parameters.yml", "suffix: '!'\n");
        write("data/raw.txt", "hello");
    }

    private void write(String path, String content) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private CliRun sluice(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--project";
        all[args.length + 1] = project.toString();
        return CliRun.run(loader, all);
    }

    @Test
    void run_everyRunnerAndIoMode_writesOutputsAndExitsZero() throws IOException {
        for (String runner : new String[] {"sequential", "parallel"}) {
            for (String io : new String[] {"sync", "async", "cache", "tee"}) {
                Files.deleteIfExists(project.resolve("data/length.txt"));

                CliRun run = sluice("run", "--runner", runner, "--io", io);

                assertThat(run.exitCode())
                        .as(runner + "/" + io + ": " + run.err())
                        .isZero();
                assertThat(run.out()).contains("completed: 2 node(s)");
                assertThat(Files.readString(project.resolve("data/length.txt"))).isEqualTo("6");
            }
        }
    }

    @Test
    void run_paramsOverrideParametersFile() throws IOException {
        CliRun run = sluice("run", "--params", "suffix=???");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(project.resolve("data/shouted.txt"))).isEqualTo("HELLO???");
    }

    @Test
    void run_maxPendingBytesWithAUnit_runs() {
        CliRun run = sluice("run", "--max-pending-bytes", "8 MiB");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestRegistry.NODES_RUN).hasValue(2);
    }

    @Test
    void run_malformedYaml_failsWithFileAndLineBeforeAnyNodeRuns() throws IOException {
        write("conf/base/catalog.yml", "raw:\n  type: text\n  filepath: [unclosed\n");

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("catalog.yml:");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    @Test
    void run_unknownDatasetType_failsNamingEntryAndClosestType() throws IOException {
        write("conf/base/catalog.yml", "raw:\n  type: txet\n  filepath: data/raw.txt\n");

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("catalog.yml:2")
                .contains("'raw'")
                .contains("txet")
                .contains("text");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    @Test
    void run_cycle_failsPrintingTheCycleWithDefinitionExitCode() {
        TestRegistry.shape = TestRegistry.Shape.CYCLE;

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cycle").contains("a -> b -> a");
    }

    @Test
    void run_missingFreeInput_failsListingItBeforeAnyNodeRuns() throws IOException {
        write("conf/base/catalog.yml", "shouted:\n  type: text\n  filepath: data/shouted.txt\n");

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[raw]").contains("not in the data catalog");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    @Test
    void run_unknownNodeInFromNodes_failsWithSuggestionBeforeAnyNodeRuns() {
        CliRun run = sluice("run", "--from-nodes", "uper");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("uper").contains("did you mean 'upper'");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    @Test
    void run_nodeFails_exitCodeFourAndResumeHint() {
        TestRegistry.shape = TestRegistry.Shape.FAILING;

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("boom in explode").contains("--from-nodes explode");
    }

    @Test
    void run_fromNodes_runsOnlyTheSlice() throws IOException {
        sluice("run");
        TestRegistry.NODES_RUN.set(0);
        Files.writeString(project.resolve("data/shouted.txt"), "ABCDEFGHIJ");

        CliRun run = sluice("run", "--from-nodes", "count");

        assertThat(run.exitCode()).isZero();
        assertThat(TestRegistry.NODES_RUN).hasValue(1);
        assertThat(Files.readString(project.resolve("data/length.txt"))).isEqualTo("10");
    }

    @Test
    void run_badOption_isUsageError() {
        CliRun run = sluice("run", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void pipelineDescribe_listsNodesInRunOrder() {
        CliRun run = sluice("pipeline", "describe");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Free inputs:  [params:suffix, raw]");
        assertThat(run.out().indexOf("upper")).isLessThan(run.out().indexOf("count"));
    }

    @Test
    void catalogDescribe_masksCredentials() throws IOException {
        write("conf/base/credentials.yml", "store:\n  key: AKIAEXAMPLE\n  secret: s3cr3t-value\n");
        write("conf/base/catalog.yml", """
                raw:
                  type: text
                  filepath: data/raw.txt
                  credentials: store
                """);

        CliRun list = sluice("catalog", "list");
        CliRun describe = sluice("catalog", "describe", "raw");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("raw").contains("text");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out() + describe.err())
                .doesNotContain("s3cr3t-value")
                .doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void run_loadVersions_readsThePinnedVersion() throws IOException {
        write("conf/base/catalog.yml", """
                raw:
                  type: text
                  filepath: data/raw.txt
                shouted:
                  type: text
                  filepath: data/shouted.txt
                  versioned: true
                length:
                  type: text
                  filepath: data/length.txt
                """);
        assertThat(sluice("run").exitCode()).isZero();
        String first = Files.list(project.resolve("data/shouted.txt"))
                .findFirst()
                .orElseThrow()
                .getFileName()
                .toString();
        write("data/raw.txt", "hello, world");
        assertThat(sluice("run").exitCode()).isZero();
        assertThat(Files.readString(project.resolve("data/length.txt"))).isEqualTo("13");

        CliRun pinned = sluice("run", "--from-nodes", "count", "--load-versions", "shouted:" + first);

        assertThat(pinned.exitCode()).as(pinned.err()).isZero();
        assertThat(Files.readString(project.resolve("data/length.txt"))).isEqualTo("6");
    }

    @Test
    void run_report_writesSelfContainedHtmlAlsoForAFailedRun() throws IOException {
        Path ok = project.resolve("ok.html");
        CliRun run = sluice("run", "--report", ok.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(ok))
                .contains("<svg")
                .contains("upper")
                .contains("count")
                .doesNotContain("<script src");

        TestRegistry.shape = TestRegistry.Shape.FAILING;
        Path failed = project.resolve("failed.html");
        CliRun failing = sluice("run", "--report", failed.toString());

        assertThat(failing.exitCode()).isEqualTo(4);
        assertThat(Files.readString(failed)).contains("explode");
    }

    @Test
    void run_storeConcurrency_isRecorded() throws IOException {
        CliRun run = sluice("run", "--store-concurrency", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var runs = Files.list(project.resolve(".sluice/runs"))) {
            Path manifest = runs.findFirst().orElseThrow().resolve("manifest.json");
            assertThat(Files.readString(manifest)).containsPattern("\"store_concurrency\"\\s*:\\s*1\\b");
        }
    }
}
