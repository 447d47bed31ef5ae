package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice new} creates a project that compiles and runs; the README's command is the one tested. */
class NewProjectTest {
    @TempDir
    Path workspace;

    @Test
    void newProject_compilesAndRuns() throws Exception {
        CliRun created =
                CliRun.run(getClass().getClassLoader(), "new", "demo-project", "--directory", workspace.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        Path project = workspace.resolve("demo-project");
        assertThat(project.resolve("pom.xml")).exists();
        assertThat(Files.readString(project.resolve("README.md"))).contains("sluice run --project");

        Path classes = compile(project);
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {
                    classes.toUri().toURL(),
                    project.resolve("src/main/resources").toUri().toURL()
                },
                getClass().getClassLoader())) {
            CliRun run = CliRun.run(loader, "run", "--project", project.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(Files.readString(project.resolve("data/02_intermediate/shouted.txt")))
                .isEqualTo("HELLO WORLD!\nHELLO SLUICE!\nGOODBYE BATCH JOBS!\n");
        assertThat(Files.readString(project.resolve("data/03_primary/word_counts.json")))
                .contains("\"hello\"")
                .contains("2");
    }

    @Test
    void newProject_existingNonEmptyDirectory_isRefused() throws IOException {
        Files.createDirectories(workspace.resolve("taken"));
        Files.writeString(workspace.resolve("taken/file.txt"), "x");

        CliRun run = CliRun.run(getClass().getClassLoader(), "new", "taken", "--directory", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("already exists");
    }

    @Test
    void newProject_invalidName_isRefusedWithExample() {
        CliRun run = CliRun.run(getClass().getClassLoader(), "new", "Bad Name", "--directory", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not valid");
    }

    private Path compile(Path project) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createDirectories(workspace.resolve("classes"));
        List<String> args = new ArrayList<>(
                List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"));
        try (Stream<Path> sources = Files.walk(project.resolve("src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int result = compiler.run(null, null, null, args.toArray(String[]::new));
        assertThat(result).as("generated sources compile").isZero();
        return out;
    }
}
