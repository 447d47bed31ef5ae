package dev.sluice.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.manifest.RunHistory;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session runs the project's pipelines, or slices of them, as Kedro's session does in a notebook. */
class SessionTest {
    @TempDir
    Path dir;

    record Options(String suffix, int repeat) {}

    static String shout(String raw, Options options) {
        return (raw.toUpperCase() + options.suffix()).repeat(options.repeat());
    }

    private static Pipeline pipeline() {
        return Pipeline.of(
                Node.named("shout")
                        .inputs("raw", "params:options")
                        .outputs("upper")
                        .tags("first")
                        .fn(SessionTest::shout),
                Node.named("count")
                        .inputs("upper")
                        .outputs("length")
                        .fn((String upper) -> String.valueOf(upper.length())));
    }

    @BeforeEach
    void conf() throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                raw:
                  type: text
                  filepath: data/raw.txt
                upper:
                  type: text
                  filepath: data/upper.txt
                length:
                  type: text
                  filepath: data/length.txt
                """);
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "options: {suffix: '!', repeat: 1}\n");
        Files.writeString(dir.resolve("data/raw.txt"), "hi");
    }

    private Session session() {
        return Session.open(Project.at(dir).registry(() -> Map.of(PipelineRegistry.DEFAULT, pipeline())));
    }

    @Test
    void open_exposesCatalogPipelinesAndParams() {
        Session session = session();

        assertThat(session.catalog().load("raw")).isEqualTo("hi");
        assertThat(session.pipelines()).containsOnlyKeys(PipelineRegistry.DEFAULT);
        assertThat(session.params()).isEqualTo(Map.of("options", Map.of("suffix", "!", "repeat", 1)));
    }

    @Test
    void run_default_runsEveryNodeAndRecordsTheRun() throws IOException {
        RunResult result = session().run();

        assertThat(result.nodeStates()).containsOnlyKeys("shout", "count");
        assertThat(Files.readString(dir.resolve("data/length.txt"))).isEqualTo("3");
        assertThat(RunHistory.of(dir).runIds()).containsExactly(result.runId());
    }

    @Test
    void run_filterOrSlice_runsOnlyThatPart() throws IOException {
        Session session = session().runner(runner -> runner.io(IoMode.SYNC));

        session.run(Pipeline.Filter.none().withTags(List.of("first")));
        assertThat(dir.resolve("data/upper.txt")).hasContent("HI!");
        assertThat(dir.resolve("data/length.txt")).doesNotExist();

        session.run(session.pipelines().get(PipelineRegistry.DEFAULT).fromNodes("count"));
        assertThat(dir.resolve("data/length.txt")).hasContent("3");
    }

    @Test
    void run_readsTheConfigurationAsItIsNow() throws IOException {
        Session session = session();
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "options: {suffix: '?', repeat: 2}\n");

        session.run();

        assertThat(dir.resolve("data/upper.txt")).hasContent("HI?HI?");
    }

    @Test
    void run_filterSelectingNothing_refusesSayingWhatEachFilterSelected() {
        Pipeline.Filter filter = Pipeline.Filter.none().withTags(List.of("frist"));

        assertThatThrownBy(() -> session().run(filter))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline '__default__' contains no nodes after applying all provided filters: tags "
                        + "[frist] selects no node: no node has any of these tags (did you mean 'first'?); tags in this "
                        + "pipeline are [first].");
    }

    @Test
    void run_parameterThatDoesNotFit_failsBeforeAnyNodeRuns() throws IOException {
        Session session = session();
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "options: {suffix: '!', repeat: many}\n");

        assertThatThrownBy(session::run)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/parameters.yml:1:32: parameter 'options.repeat' does not fit");
        assertThat(dir.resolve("data/upper.txt")).doesNotExist();
    }
}
