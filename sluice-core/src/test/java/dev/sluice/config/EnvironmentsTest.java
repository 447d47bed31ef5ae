package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentsTest {
    @TempDir
    Path project;

    private static Map<String, Map<String, Object>> settingsByName(ProjectConfig config) {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        config.catalogEntries().forEach(entry -> byName.put(entry.name(), entry.settings()));
        return byName;
    }

    @Test
    void local_overridesWholeTopLevelCatalogEntries() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                        cars:
                          type: fake
                          filepath: data/cars.csv
                          load_args: {sep: ';'}
                        boats:
                          type: fake
                        """).file("local/catalog.yml", """
                        cars:
                          type: fake
                          filepath: /tmp/cars.csv
                        """);

        Map<String, Map<String, Object>> entries = settingsByName(conf.load());

        assertThat(entries.get("cars")).isEqualTo(Map.of("type", "fake", "filepath", "/tmp/cars.csv"));
        assertThat(entries).containsKey("boats");
    }

    @Test
    void overriddenEntry_takesItsSourceFromTheOverridingFile() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "cars:\n  type: fake\n")
                .file("local/catalog.yml", "# override\ncars:\n  type: fake\n");

        assertThat(conf.load().catalogEntries())
                .singleElement()
                .extracting(CatalogEntryConfig::source)
                .isEqualTo("conf/local/catalog.yml:2");
    }

    @Test
    void namedEnv_replacesLocal() {
        ConfTree conf = new ConfTree(project)
                .file("base/parameters.yml", "rate: 1\n")
                .file("local/parameters.yml", "rate: 2\n")
                .file("prod/parameters.yml", "rate: 3\n");

        assertThat(conf.load().parameters()).containsEntry("rate", 2);
        assertThat(conf.load("prod").parameters()).containsEntry("rate", 3);
        assertThat(conf.load("prod").env()).isEqualTo("prod");
    }

    @Test
    void parameters_envReplacesWholeTopLevelKey_asKedroDoes() {
        ConfTree conf = new ConfTree(project)
                .file("base/parameters.yml", "model:\n  rate: 1\n  depth: 3\n")
                .file("local/parameters.yml", "model:\n  rate: 2\n");

        assertThat(conf.load().parameters()).isEqualTo(Map.of("model", Map.of("rate", 2)));
    }

    @Test
    void missingBase_isAnError() {
        ConfTree conf = new ConfTree(project);
        conf.conf().resolve("base").toFile().delete();
        conf.dir("local");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment 'base' is missing")
                .hasMessageContaining("conf/base");
    }

    @Test
    void missingConfSource_isAnError() {
        assertThatThrownBy(() -> ProjectConfig.load(project.resolve("nowhere"), null, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("does not exist");
    }

    @Test
    void missingNamedEnv_isAnErrorListingEnvironments() {
        ConfTree conf = new ConfTree(project).dir("prod").dir("staging");

        assertThatThrownBy(() -> conf.load("prd"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment 'prd' does not exist")
                .hasMessageContaining("conf/prd")
                .hasMessageContaining("did you mean 'prod'?")
                .hasMessageContaining("[base, prod, staging]");
    }

    @Test
    void envOutsideConf_isRefused() {
        ConfTree conf = new ConfTree(project).dir("prod");

        assertThatThrownBy(() -> conf.load("../conf/prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'../conf/prod' is not a folder name");
    }

    @Test
    void missingLocal_isFine() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: 1\n");

        assertThat(conf.load().parameters()).containsEntry("a", 1);
        assertThat(conf.load("local").parameters()).containsEntry("a", 1);
    }

    @Test
    void sameTopLevelKey_inTwoFilesOfOneEnv_isAnErrorNamingBoth() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "boats:\n  type: fake\ncars:\n  type: fake\n")
                .file("base/catalog/vehicles.yml", "# more\n\ncars:\n  type: fake\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Top-level key 'cars' is defined twice")
                .hasMessageContaining("environment 'base'")
                .hasMessageContaining("conf/base/catalog.yml:3:1")
                .hasMessageContaining("conf/base/catalog/vehicles.yml:3:1");
    }

    @Test
    void sameUnderscoreKey_inTwoFiles_isAllowed() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "_defaults: {type: fake}\ncars:\n  type: fake\n")
                .file("base/catalog_more.yml", "_defaults: {type: fake}\nboats:\n  type: fake\n");

        assertThat(conf.load().catalogEntries())
                .extracting(CatalogEntryConfig::name)
                .containsExactly("cars", "boats");
    }

    @Test
    void files_areFoundByKedrosPatterns() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "a:\n  type: fake\n")
                .file("base/catalog_extra.yaml", "b:\n  type: fake\n")
                .file("base/catalog/anything.yml", "c:\n  type: fake\n")
                .file("base/pipelines/ingest/catalog_ingest.yml", "d:\n  type: fake\n")
                .file("base/pipelines/ingest/other.yml", "e:\n  type: fake\n")
                .file("base/.hidden/catalog.yml", "f:\n  type: fake\n")
                .file("base/.catalog_backup.yml", "g:\n  type: fake\n")
                .file("base/catalog.txt", "h:\n  type: fake\n")
                .file("base/mycatalog.yml", "i:\n  type: fake\n");

        assertThat(conf.load().catalogEntries())
                .extracting(CatalogEntryConfig::name)
                .containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void underscoreKeys_areDroppedFromEveryKind() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "_template:\n  type: fake\ncars:\n  type: fake\n")
                .file("base/parameters.yml", "_private: 1\nrate: 2\n")
                .file("base/credentials.yml", "_shared: {a: 1}\ndb: {user: u}\n")
                .file("base/globals.yml", "_x: 1\ny: 2\n");

        ProjectConfig config = conf.load();

        assertThat(config.catalogEntries()).extracting(CatalogEntryConfig::name).containsExactly("cars");
        assertThat(config.parameters()).containsOnlyKeys("rate");
        assertThat(config.credentialNames()).containsExactly("db");
        assertThat(config.globals()).containsOnlyKeys("y");
    }

    @Test
    void globals_envOverridesBase() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "bucket: dev-bucket\nregion: eu\n")
                .file("prod/globals.yml", "bucket: prod-bucket\n");

        assertThat(conf.load("prod").globals()).isEqualTo(Map.of("bucket", "prod-bucket", "region", "eu"));
    }

    @Test
    void baseEnv_asRunEnv_readsBaseOnce() {
        ConfTree conf =
                new ConfTree(project).file("base/parameters.yml", "a: 1\n").file("local/parameters.yml", "a: 2\n");

        assertThat(conf.load("base").parameters()).containsEntry("a", 1);
    }
}
