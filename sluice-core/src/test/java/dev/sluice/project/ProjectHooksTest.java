package dev.sluice.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.hook.ProjectContext;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import dev.sluice.testing.RecordingHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Kedro hook point, in Kedro's order, from opening a project to the end of a run. */
class ProjectHooksTest {
    @TempDir
    Path dir;

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
                """);
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "suffix: '!'\n");
        Files.writeString(dir.resolve("data/raw.txt"), "hi");
    }

    private static Pipeline pipeline(boolean failing) {
        return Pipeline.of(
                Node.named("shout")
                        .inputs("raw", "params:suffix")
                        .outputs("upper")
                        .fn((String raw, String suffix) -> raw.toUpperCase() + suffix),
                Node.named("count").inputs("upper").outputs("length").fn((String upper) -> {
                    if (failing) {
                        throw new IllegalStateException("count failed");
                    }
                    return upper.length();
                }));
    }

    private Project open(Hook hook, boolean failing) {
        return Project.at(dir)
                .registry(() -> Map.of(PipelineRegistry.DEFAULT, pipeline(failing)))
                .hook(hook)
                .open();
    }

    private static void run(Project project) {
        Runner.builder()
                .io(IoMode.SYNC)
                .hooks(project.hooks())
                .build()
                .run(project.pipeline(PipelineRegistry.DEFAULT), project.catalog());
    }

    @Test
    void run_success_firesEveryHookPointInKedrosOrder() {
        RecordingHook hook = new RecordingHook();

        run(open(hook, false));

        assertThat(hook.events().stream().filter(e -> !e.startsWith("state:")))
                .containsExactly(
                        "afterContextCreated:local",
                        "afterCatalogCreated",
                        "beforePipelineRun",
                        "beforeDatasetLoaded:raw",
                        "afterDatasetLoaded:raw",
                        "beforeDatasetLoaded:params:suffix",
                        "afterDatasetLoaded:params:suffix",
                        "beforeNodeRun:shout",
                        "afterNodeRun:shout",
                        "beforeDatasetSaved:upper",
                        "afterDatasetSaved:upper",
                        "beforeDatasetLoaded:upper",
                        "afterDatasetLoaded:upper",
                        "beforeNodeRun:count",
                        "afterNodeRun:count",
                        "beforeDatasetSaved:length",
                        "afterDatasetSaved:length",
                        "afterPipelineRun");
    }

    @Test
    void run_nodeFails_firesOnNodeErrorThenOnPipelineError() {
        RecordingHook hook = new RecordingHook();

        assertThatThrownBy(() -> run(open(hook, true))).isInstanceOf(RunFailedException.class);

        assertThat(hook.events())
                .containsSubsequence("beforeNodeRun:count", "onNodeError:count", "onPipelineError")
                .doesNotContain("afterNodeRun:count", "afterPipelineRun");
    }

    @Test
    void afterContextCreated_seesConfigurationBeforeTheCatalogExists() {
        Object[] seen = new Object[3];
        Hook hook = new Hook() {
            @Override
            public void afterContextCreated(ProjectContext context) {
                seen[0] = context.projectDir();
                seen[1] = context.params();
                seen[2] = context.config().catalogEntries().size();
            }

            @Override
            public void afterCatalogCreated(DataCatalog catalog) {
                assertThat(seen[0]).as("context before catalog").isNotNull();
            }
        };

        Project project = open(hook, false);

        assertThat(seen).containsExactly(project.dir(), Map.of("suffix", "!"), 2);
    }

    @Test
    void hook_throwing_isLoggedAndTheRunGoesOn() {
        RecordingHook recording = new RecordingHook();
        Hook broken = new Hook() {
            @Override
            public void afterContextCreated(ProjectContext context) {
                throw new IllegalStateException("broken hook");
            }
        };
        Project project = Project.at(dir)
                .registry(() -> Map.of(PipelineRegistry.DEFAULT, pipeline(false)))
                .hook(broken)
                .hook(recording)
                .open();

        run(project);

        assertThat(recording.events()).contains("afterContextCreated:local", "afterPipelineRun");
        assertThat(dir.resolve("data/upper.txt")).hasContent("HI!");
    }
}
