package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VizCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path project;

    @TempDir
    Path services;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(Files.createDirectories(project.resolve("conf/base")).resolve("catalog.yml"), """
                cleaned:
                  type: text
                  filepath: data/cleaned.txt
                """);
        Files.writeString(
                Files.createDirectories(services.resolve("META-INF/services"))
                        .resolve("dev.sluice.project.PipelineRegistry"),
                VizTestRegistry.class.getName() + "\n");
    }

    /** Runs the CLI with the test registry on the context class path, as a project's classes would be. */
    private int sluice(String... args) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new java.net.URL[] {services.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void viz_defaultPipeline_writesThePageUnderTheProjectAndPrintsThePath() throws IOException {
        int exit = sluice("viz", "--project", project.toString());

        Path page = project.resolve(".sluice/viz/__default__.html");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().trim()).isEqualTo(page.toString());
        assertThat(Files.readString(page))
                .contains("data-node=\"prep.clean\" data-tags=\"daily\"")
                .contains("data-node=\"count\"")
                .contains("<li data-tag-filter=\"daily\"")
                .contains("</span>prep</li>")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void viz_catalogEntries_markPersistedDatasetsWithTheirType() throws IOException {
        Path output = project.resolve("out/viz.html");

        int exit = sluice("viz", "--project", project.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        String html = Files.readString(output);
        int pill = html.indexOf("data-dataset=\"cleaned\"");
        assertThat(html.substring(pill, html.indexOf("</g>", pill)))
                .contains("<rect class=\"s-persisted\"")
                .contains("persisted: text file:");
        int memory = html.indexOf("data-dataset=\"length\"");
        assertThat(html.substring(memory, html.indexOf("</g>", memory))).contains("<rect class=\"s-memory\"");
    }

    @Test
    void viz_unknownPipeline_failsWithAConfigurationError() throws IOException {
        int exit = sluice("viz", "--project", project.toString(), "--pipeline", "nope");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no pipeline 'nope'");
    }
}
