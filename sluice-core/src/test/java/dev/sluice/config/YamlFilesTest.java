package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFilesTest {
    @TempDir
    Path project;

    @Test
    void malformedYaml_unclosedFlowList_namesFileLineColumnAndProblem() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: fake
                  columns: [a, b
                boats:
                  type: fake
                """);

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:4:")
                .hasMessageContaining("invalid YAML")
                .hasMessageContaining("expected ',' or ']'");
    }

    @Test
    void malformedYaml_tabIndentation_namesLineAndTabs() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: 1\n\tb: 2\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/parameters.yml:2:1:")
                .hasMessageContaining("TAB");
    }

    @Test
    void malformedYaml_inCredentials_doesNotQuoteTheLine() {
        ConfTree conf = new ConfTree(project).file("local/credentials.yml", """
                db:
                  password: "hunter2
                """);

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/local/credentials.yml:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void duplicateKey_inOneFile_namesBothLines() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: fake
                boats:
                  type: fake
                cars:
                  type: fake
                """);

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:5:1: duplicate key 'cars'")
                .hasMessageContaining("first defined at line 1");
    }

    @Test
    void duplicateKey_nested_namesBothLines() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model:
                  rate: 1
                  rate: 2
                """);

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:3:3: duplicate key 'rate'")
                .hasMessageContaining("line 2");
    }

    @Test
    void mergeKey_withUnderscoreAnchor_mergesSettingsAndDropsTheTemplate() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                _slow: &slow
                  type: fake
                  delay: 10
                  tee: false
                cars:
                  <<: *slow
                  filepath: data/cars.csv
                  delay: 2
                """);

        ProjectConfig config = conf.load();

        assertThat(config.catalogEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo("cars");
            assertThat(entry.settings())
                    .containsEntry("type", "fake")
                    .containsEntry("delay", 2)
                    .containsEntry("tee", false)
                    .containsEntry("filepath", "data/cars.csv");
        });
    }

    @Test
    void mergeKey_listOfAnchors_earlierAnchorWins() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                _a: &a {x: 1}
                _b: &b {x: 2, y: 2}
                merged:
                  <<: [*a, *b]
                """);

        assertThat(conf.load().parameters()).containsEntry("merged", Map.of("x", 1, "y", 2));
    }

    @Test
    void mergeKey_onAScalar_isAnErrorWithPosition() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                merged:
                  <<: 5
                """);

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/parameters.yml:")
                .hasMessageContaining("mapping");
    }

    @Test
    void scalars_followTheYamlCoreSchema() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                int: 42
                long: 12345678901
                hex: 0x1F
                float: 0.5
                bool: true
                nothing: ~
                quoted: "42"
                text: hello
                """);

        assertThat(conf.load().parameters())
                .containsEntry("int", 42)
                .containsEntry("long", 12345678901L)
                .containsEntry("hex", 31)
                .containsEntry("float", 0.5)
                .containsEntry("bool", true)
                .containsEntry("nothing", null)
                .containsEntry("quoted", "42")
                .containsEntry("text", "hello");
    }

    @Test
    void emptyFile_isAnEmptyMapping() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "# nothing yet\n");

        assertThat(conf.load().catalogEntries()).isEmpty();
    }

    @Test
    void topLevelList_isAnErrorWithPosition() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "- a\n- b\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:1:1:")
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void twoDocumentsInOneFile_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: 1\n---\nb: 2\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:2:1:")
                .hasMessageContaining("single document");
    }

    @Test
    void customTag_isAnErrorWithPosition() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: !secret xyz\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:1:4:")
                .hasMessageContaining("tag '!secret' is not supported");
    }

    @Test
    void jsonFile_isReadAsYaml() {
        ConfTree conf = new ConfTree(project).file("base/parameters.json", "{\"a\": {\"b\": [1, 2]}}");

        assertThat(conf.load().parameters()).containsEntry("a", Map.of("b", java.util.List.of(1, 2)));
    }
}
