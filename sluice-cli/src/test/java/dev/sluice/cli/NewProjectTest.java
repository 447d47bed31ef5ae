package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.sluice.test.SluiceProjectExtension;
import java.io.File;
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
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code sluice new} creates a project that compiles and runs, and whose tests (written with the test kit)
 * pass; the README's command is the one tested.
 */
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

        Path classes = compile(project, "src/main/java", "classes", System.getProperty("java.class.path"));
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
    void newProject_itsTestsWrittenWithTheKit_pass() throws Exception {
        CliRun created = CliRun.run(getClass().getClassLoader(), "new", "tested", "--directory", workspace.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        Path project = workspace.resolve("tested");
        String classPath = System.getProperty("java.class.path");
        Path classes = compile(project, "src/main/java", "main-classes", classPath);
        Path testClasses = compile(project, "src/test/java", "test-classes", classes + File.pathSeparator + classPath);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {
                    testClasses.toUri().toURL(),
                    classes.toUri().toURL(),
                    project.resolve("src/main/resources").toUri().toURL()
                },
                getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectPackage("com.example.tested"))
                    .configurationParameter(SluiceProjectExtension.PROJECT_DIR, project.toString())
                    .execute();

            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(project.resolve("data/03_primary"))
                .as("the project itself is not written")
                .doesNotExist();
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

    private Path compile(Path project, String sourceDir, String outDir, String classPath) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createDirectories(workspace.resolve(outDir));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath, "--release", "17"));
        try (Stream<Path> sources = Files.walk(project.resolve(sourceDir))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int result = compiler.run(null, null, null, args.toArray(String[]::new));
        assertThat(result).as("generated sources in " + sourceDir + " compile").isZero();
        return out;
    }
}
