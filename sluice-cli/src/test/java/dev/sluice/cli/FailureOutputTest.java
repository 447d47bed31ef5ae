package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ShopRegistry;
import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a developer sees when a node fails or a type does not fit: on stderr, in the manifest, in the report. */
class FailureOutputTest {
    @TempDir
    Path project;

    @TempDir
    Path classes;

    private ClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        loader = CliRun.withRegistry(classes, ShopRegistry.class);
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                orders:
                  type: text
                  filepath: data/orders.txt
                train:
                  type: text
                  filepath: data/train.txt
                """);
        Files.writeString(project.resolve("data/orders.txt"), "a\nb\n");
    }

    private CliRun sluice(String... args) {
        return CliRun.inProject(loader, project, args);
    }

    @Test
    void run_nodeThrows_printsTheUsersStackTraceWithSluiceFramesFolded() {
        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .contains("Error: Run ")
                .contains("Node 'split_data' failed: java.lang.IndexOutOfBoundsException")
                .contains("\njava.lang.IndexOutOfBoundsException: toIndex = 12576\n")
                .contains("\tat com.example.shop.ShopRegistry.firstRows(ShopRegistry.java:26)\n"
                        + "\tat com.example.shop.ShopRegistry.split(ShopRegistry.java:21)\n")
                .containsPattern("\n\t\\.\\.\\. \\d+ Sluice frames\n")
                .contains("add --stacktrace to see every frame")
                .doesNotContain("at dev.sluice.")
                .contains("To resume");
        // The error and its trace come before the resume hint.
        assertThat(run.err().indexOf("Sluice frames")).isLessThan(run.err().indexOf("To resume"));
    }

    @Test
    void run_withStacktrace_printsEveryFrame() {
        CliRun run = sluice("run", "--stacktrace");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .contains("dev.sluice.runner.RunFailedException: Run ")
                .contains("Caused by: java.lang.IndexOutOfBoundsException: toIndex = 12576")
                .contains("\tat dev.sluice.pipeline.Node.run(")
                .doesNotContain("Sluice frames");
    }

    @Test
    void run_stacktraceBeforeTheCommand_isAcceptedToo() {
        CliRun run = CliRun.run(loader, "--stacktrace", "run", "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("\tat dev.sluice.pipeline.Node.run(");
    }

    @Test
    void run_nodeThrows_manifestAndReportKeepTheStackTrace() throws IOException {
        Path report = project.resolve("report.html");

        sluice("run", "--report", report.toString());

        RunManifest manifest = RunHistory.of(project).read(RunHistory.LAST);
        assertThat(manifest.node("split_data").orElseThrow().stackTrace())
                .startsWith("java.lang.IndexOutOfBoundsException: toIndex = 12576\n")
                .contains("\tat com.example.shop.ShopRegistry.firstRows(ShopRegistry.java:26)\n");
        assertThat(Files.readString(report))
                .contains("<details class=\"trace\"><summary>Stack trace: <code>java.lang.IndexOutOfBoundsException: "
                        + "toIndex = 12576</code></summary>")
                .contains("<div>\tat com.example.shop.ShopRegistry.split(ShopRegistry.java:21)</div>");
    }

    @Test
    void run_datasetTypeDoesNotFitTheFunction_failsBeforeAnyNodeNamingEverything() {
        CliRun run = sluice("run", "--pipeline", "mismatched");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Error: Node 'count_rows' argument 1 'rows' (input 'orders') is declared as java.util.List, "
                        + "but dataset 'orders' (text, ")
                .contains("catalog.yml:1) loads java.lang.String.")
                .contains("No node was run.")
                .doesNotContain("ClassCastException");
        assertThat(project.resolve(".sluice/runs")).doesNotExist();
    }

    @Test
    void run_typeOfAModuleNotOnTheClassPath_namesTheModuleOnce() throws IOException {
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                orders:
                  type: parquet
                  filepath: data/orders.parquet
                train:
                  type: parquet
                  filepath: data/train.parquet
                """);

        CliRun run = sluice("run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("catalog.yml:2: dataset 'orders' has unknown type 'parquet' (so do 'train' at ")
                .contains("It is provided by Sluice's module dev.sluice:sluice-parquet")
                .contains("Gradle: implementation(\"dev.sluice:sluice-parquet:")
                .doesNotContain("Known types");
        assertThat(run.err().split("sluice-parquet</artifactId>", -1)).hasSize(2);
    }
}
