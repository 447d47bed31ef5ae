package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.hook.ProjectContext;
import dev.sluice.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProjectConfig#get}: a plugin's own files, such as {@code spark.yml}, read like parameters. */
class OtherConfigKindsTest {
    @TempDir
    Path project;

    @Test
    void get_environmentOverridesBaseKeyByKeyAndInterpolates() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "partitions: 8\n")
                .file("base/spark.yml", """
                        spark.master: local[*]
                        spark.sql.shuffle.partitions: ${globals:partitions}
                        _template: unused
                        """)
                .file("prod/spark.yml", "spark.master: spark://cluster:7077\n");

        Map<String, Object> spark =
                conf.loader().env("prod").runtimeParams(Map.of()).load().get("spark");

        assertThat(spark)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("spark.master", "spark://cluster:7077", "spark.sql.shuffle.partitions", 8));
    }

    @Test
    void afterContextCreated_firesWithTheConfigurationBeforeTheCatalogIsBuilt() {
        new ConfTree(project)
                .file("base/spark.yml", "spark.app.name: demo\n")
                .file("base/catalog.yml", "a:\n  type: memory\n");
        List<String> calls = new ArrayList<>();
        Hook hook = new Hook() {
            @Override
            public void afterContextCreated(ProjectContext context) {
                calls.add("context " + context.projectDir().getFileName() + " "
                        + context.config().get("spark"));
            }

            @Override
            public void afterCatalogCreated(DataCatalog catalog) {
                calls.add("catalog " + catalog.names());
            }
        };

        Project.at(project).registry(Map::of).hook(hook).open();

        assertThat(calls)
                .containsExactly(
                        "context " + project.getFileName() + " {spark.app.name=demo}", "catalog [a, parameters]");
    }

    @Test
    void get_noFiles_isEmpty() {
        assertThat(new ConfTree(project).load().get("spark")).isEmpty();
    }

    @Test
    void get_badFile_namesFileAndLine() {
        ConfTree conf = new ConfTree(project).file("base/spark.yml", "spark.master: local\nspark.master: other\n");

        assertThatThrownBy(() -> conf.load().get("spark"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spark.yml:2");
    }

    @Test
    void get_sluicesOwnKinds_areRefused() {
        ProjectConfig config = new ConfTree(project).load();

        assertThatThrownBy(() -> config.get("credentials")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.get("../spark")).isInstanceOf(IllegalArgumentException.class);
    }
}
