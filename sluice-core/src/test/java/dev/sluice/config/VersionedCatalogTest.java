package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.Versioned;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.Project;
import dev.sluice.runner.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedCatalogTest {
    @TempDir
    Path project;

    private static final Pipeline PIPELINE = Pipeline.of(
            Node.named("write").inputs("params:text").outputs("report").fn((String text) -> text));

    private ConfTree conf(String catalog) {
        return new ConfTree(project).file("base/catalog.yml", catalog).file("base/parameters.yml", "text: hello\n");
    }

    @Test
    void versionedEntry_eachRunSavesOneNewVersion() {
        ConfTree tree = conf("report:\n  type: text\n  filepath: data/report.txt\n  versioned: true\n");

        DataCatalog first = tree.load().toCatalog(project, DatasetTypes.discover());
        Runner.sequential().run(PIPELINE, first);
        DataCatalog second = tree.load().toCatalog(project, DatasetTypes.discover());
        Runner.sequential().run(PIPELINE, second);

        Versioned versioned = (Versioned) second.dataset("report");
        assertThat(versioned.versions())
                .hasSize(2)
                .containsExactly(((Versioned) first.dataset("report")).saveVersion(), versioned.saveVersion());
        assertThat(second.load("report")).isEqualTo("hello");
    }

    @Test
    void versionedSlowWrapper_versionsTheNestedFile() throws Exception {
        ConfTree tree = conf("report:\n  type: slow\n  versioned: true\n  dataset:\n    type: text\n"
                + "    filepath: data/report.txt\n");

        DataCatalog catalog = tree.load().toCatalog(project, DatasetTypes.discover());
        Runner.sequential().run(PIPELINE, catalog);

        String version = ((Versioned) catalog.dataset("report")).saveVersion();
        assertThat(Files.readString(project.resolve("data/report.txt/" + version + "/report.txt")))
                .isEqualTo("hello");
    }

    @Test
    void versionedNotBoolean_failsNamingFileAndLine() {
        ConfTree tree = conf("report:\n  type: text\n  filepath: data/report.txt\n  versioned: yes please\n");

        assertThatThrownBy(tree::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:4")
                .hasMessageContaining("'versioned: true' or 'versioned: false'");
    }

    @Test
    void loadVersions_pinsTheVersionAndRejectsUnversionedEntries() {
        ConfTree tree = conf("report:\n  type: text\n  filepath: data/report.txt\n  versioned: true\n"
                + "plain:\n  type: text\n  filepath: data/plain.txt\n");
        DataCatalog catalog = tree.load().toCatalog(project, DatasetTypes.discover());
        Runner.sequential().run(PIPELINE, catalog);
        String version = ((Versioned) catalog.dataset("report")).saveVersion();

        Project pinned = Project.at(project)
                .registry(() -> Map.of("__default__", PIPELINE))
                .loadVersions(Map.of("report", version))
                .open();
        assertThat(((Versioned) pinned.catalog().dataset("report")).resolvedLoadVersion())
                .contains(version);

        assertThatThrownBy(() -> Project.at(project)
                        .registry(() -> Map.of("__default__", PIPELINE))
                        .loadVersions(Map.of("plain", version))
                        .open())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'plain'")
                .hasMessageContaining("not versioned");
    }
}
