package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice jshell} fed a script: the project's catalog, pipelines, params and session are ready. */
class JShellCommandTest {
    @TempDir
    Path dir;

    private ChainProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = new ChainProject(dir).create();
    }

    private record Result(int exitCode, String out) {}

    private Result jshell(String script, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        JShellCommand jshell =
                (JShellCommand) cli.getSubcommands().get("jshell").getCommand();
        jshell.project.configure = builder -> builder.registry(project.registry());
        jshell.in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
        jshell.out = capture;
        jshell.err = capture;
        String[] all = new String[args.length + 3];
        all[0] = "jshell";
        all[1] = "--project";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        // Snippets run in this JVM, so what they print goes to System.out.
        PrintStream previous = System.out;
        System.setOut(capture);
        try {
            int code = cli.execute(all);
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    @Test
    void jshell_script_seesTheProjectAndRunsASlice() {
        Result result = jshell("""
                System.out.println("raw=" + catalog.load("raw"));
                System.out.println("suffix=[" + params.get("suffix") + "]");
                System.out.println("nodes=" + pipelines.get("__default__").nodeNames());
                var run = session.run(Pipeline.Filter.none().withToNodes(List.of("n2")));
                System.out.println("ran=" + run.nodeStates().keySet());
                /exit
                """, "--feedback", "silent");

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .contains("raw=r")
                .contains("suffix=[]")
                .contains("nodes=[n1, n2, n3, n4]")
                .contains("ran=[n1, n2]");
        assertThat(project.data()).containsEntry("b.txt", "r|n1|n2").doesNotContainKey("c.txt");
        assertThat(project.history().runIds()).hasSize(1);
        assertThat(project.lastManifest().options()).containsEntry("pipelines", List.of("__default__"));
        ChainProject.Result report = project.sluice(
                "report",
                "last",
                "--project",
                dir.toString(),
                "--output",
                dir.resolve("r.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(dir.resolve("r.html")).content().contains("n2");
    }

    @Test
    void jshell_scriptFile_runsAPipelineSliceBuiltInTheSession() throws IOException {
        Path script = dir.resolve("slice.jsh");
        Files.writeString(script, """
                Pipeline tail = pipelines.get("__default__").fromNodes("n3");
                session.run(pipelines.get("__default__").toNodes("n2"));
                session.run(tail);
                System.out.println("done " + tail.nodeNames());
                /exit
                """);

        Result result = jshell("", "--feedback", "silent", script.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("done [n3, n4]");
        assertThat(project.data()).containsEntry("d.txt", "r|n1|n2|n3|n4");
    }

    @Test
    void jshell_failingRun_reportsTheErrorAndGoesOn() {
        project.failing.add("n2");

        Result result = jshell("""
                session.run();
                System.out.println("still here");
                /exit
                """);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("RunFailedException")
                .contains("injected failure in n2")
                .contains("still here");
    }
}
