package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project run from an application jar that carries its conf/, as sluice:package builds it. */
class PackagedConfTest {
    @TempDir
    Path project;

    @TempDir
    Path build;

    private ClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        TestRegistry.shape = TestRegistry.Shape.CHAIN;
        Path jar = build.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            entry(out, "META-INF/", null);
            entry(out, "META-INF/services/", null);
            entry(out, "META-INF/services/dev.sluice.project.PipelineRegistry", TestRegistry.class.getName());
            entry(out, "META-INF/sluice/", null);
            entry(out, "META-INF/sluice/conf/", null);
            entry(out, "META-INF/sluice/conf/base/", null);
            entry(out, "META-INF/sluice/conf/base/catalog.yml", """
                    raw: {type: text, filepath: data/raw.txt}
                    shouted: {type: text, filepath: data/shouted.txt}
                    length: {type: text, filepath: data/length.txt}
                    """);
            entry(out, "META-INF/sluice/conf/base/parameters.yml", "suffix: ' (packed)'\n");
        }
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/raw.txt"), "hello");
    }

    @Test
    void run_projectWithoutConf_readsTheConfPackedInTheJarAndResolvesPathsInTheProject() throws IOException {
        CliRun run = CliRun.inProject(loader, project, "run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(project.resolve("data/shouted.txt"))).isEqualTo("HELLO (packed)");
    }

    @Test
    void run_projectWithConf_readsItsOwnConf() throws IOException {
        Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw: {type: text, filepath: data/raw.txt}
                shouted: {type: text, filepath: data/shouted.txt}
                """);
        Files.writeString(project.resolve("conf/base/parameters.yml"), "suffix: ' (directory)'\n");

        CliRun run = CliRun.inProject(loader, project, "run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(project.resolve("data/shouted.txt"))).isEqualTo("HELLO (directory)");
    }

    @Test
    void find_noPackedConf_empty() {
        assertThat(PackagedConf.find(getClass().getClassLoader())).isEmpty();
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (text != null) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
