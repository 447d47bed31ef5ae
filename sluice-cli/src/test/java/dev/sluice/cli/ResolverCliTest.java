package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config resolvers found with ServiceLoader on the project's class path, as Kedro's CUSTOM_RESOLVERS. */
class ResolverCliTest {
    @TempDir
    Path project;

    @TempDir
    Path classes;

    private ClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        TestRegistry.shape = TestRegistry.Shape.CHAIN;
        loader = CliRun.withRegistry(classes, TestRegistry.class);
        Files.writeString(
                classes.resolve("META-INF/services/dev.sluice.config.ConfigResolver"), ShoutResolver.class.getName());
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw:
                  type: text
                  filepath: data/raw.txt
                length:
                  type: text
                  filepath: data/${shout:length}.txt
                """);
        Files.writeString(project.resolve("data/raw.txt"), "hello");
    }

    @Test
    void run_resolverOnTheClassPath_resolvesInParametersAndCatalog() throws IOException {
        Files.writeString(project.resolve("conf/base/parameters.yml"), "suffix: ${shout:'!ok'}\n");

        CliRun run = CliRun.run(loader, "run", "--project", project.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(project.resolve("data/LENGTH.txt"))).isEqualTo("8");
    }

    @Test
    void run_environmentVariableInParameters_isRefusedWithTheWayToAllowIt() throws IOException {
        Files.writeString(project.resolve("conf/base/parameters.yml"), "suffix: ${oc.env:HOME}\n");

        CliRun run = CliRun.run(loader, "run", "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("conf/base/parameters.yml:1:9: ${oc.env:HOME} reads an environment variable, which is only "
                        + "allowed in credentials files");
    }
}
