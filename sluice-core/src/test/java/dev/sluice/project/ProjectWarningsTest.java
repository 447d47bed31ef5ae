package dev.sluice.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Warning;
import dev.sluice.Warnings;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings a project tells when it opens: its pipelines' and its catalog's likely typos. */
class ProjectWarningsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void conf() throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                companies:
                  type: text
                  filepath: data/companies.txt
                preprocesed_companies:
                  type: text
                  filepath: data/preprocessed_companies.txt
                reference_table:
                  type: text
                  filepath: data/reference.txt
                "{name}_csv":
                  type: text
                  filepath: data/{name}.csv
                """);
    }

    private static Node step(String namespace, String name, String input, String output) {
        Node.Builder builder = Node.named(name).inputs(input).outputs(output);
        if (namespace != null) {
            builder.namespace(namespace);
        }
        return builder.fn((String x) -> x);
    }

    private List<Warning> open(Map<String, Pipeline> pipelines) {
        List<Warning> told = new CopyOnWriteArrayList<>();
        Project.at(dir)
                .registry(() -> pipelines)
                .warnings(Warnings.create().onWarning(told::add))
                .open();
        return told;
    }

    @Test
    void open_interruptedNamespaceInSeveralPipelines_isToldOnceForTheDefault() {
        Pipeline data = Pipeline.of(
                step("ingest", "load", "companies", "loaded"),
                step(null, "mid", "loaded", "checked"),
                step("ingest", "store", "checked", "stored"));

        List<Warning> told = open(Map.of("data", data, PipelineRegistry.DEFAULT, data));

        assertThat(told).singleElement().satisfies(w -> {
            assertThat(w.source()).isEqualTo("pipeline '__default__'");
            assertThat(w.message()).startsWith("Namespace 'ingest' is interrupted by nodes ['mid'] and thus invalid.");
        });
    }

    @Test
    void open_unusedCatalogEntryLikeADatasetWithoutEntry_pointsAtTheEntry() {
        Pipeline pipeline = Pipeline.of(
                step(null, "preprocess", "companies", "preprocessed_companies"),
                step(null, "report", "preprocessed_companies", "report_csv"));

        List<Warning> told = open(Map.of(PipelineRegistry.DEFAULT, pipeline));

        assertThat(told)
                .containsExactly(new Warning(
                        "conf/base/catalog.yml:4",
                        "catalog entry 'preprocesed_companies' is used by no pipeline, and dataset "
                                + "'preprocessed_companies' has no catalog entry, so it will be kept in memory and "
                                + "not saved. If the entry's name is a typo, rename it to 'preprocessed_companies'."));
    }

    @Test
    void open_everyDatasetDefinedOrMatchedByAFactory_isQuiet() {
        Pipeline pipeline = Pipeline.of(
                step(null, "preprocess", "companies", "preprocesed_companies"),
                step(null, "report", "preprocesed_companies", "report_csv"));

        assertThat(open(Map.of(PipelineRegistry.DEFAULT, pipeline))).isEmpty();
    }
}
