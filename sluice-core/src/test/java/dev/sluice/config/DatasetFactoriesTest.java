package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFactoriesTest {
    @TempDir
    Path project;

    private DataCatalog catalog(ConfTree conf) {
        return conf.load().toCatalog(project, FakeTypes.registry());
    }

    private static Map<String, Object> configOf(DataCatalog catalog, String name) {
        return FakeTypes.specOf(catalog.dataset(name)).config();
    }

    @Test
    void pattern_fillsPlaceholdersIntoEveryStringValue() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                "{namespace}.{name}_csv":
                  type: fake
                  filepath: data/{namespace}/{name}.csv
                  load_args:
                    header: true
                    columns: ["{name}_id", other]
                """);

        DataCatalog catalog = catalog(conf);

        assertThat(configOf(catalog, "sales.orders_csv"))
                .isEqualTo(Map.of(
                        "filepath",
                        "data/sales/orders.csv",
                        "load_args",
                        Map.of("header", true, "columns", List.of("orders_id", "other"))));
    }

    @Test
    void madeEntry_namesThePatternAsItsSource() {
        ConfTree conf =
                new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n\"{name}_csv\":\n  type: fake\n");

        CatalogEntry entry = catalog(conf).entry("boats_csv").orElseThrow();

        assertThat(entry.source()).isEqualTo("conf/base/catalog.yml:3 (pattern '{name}_csv')");
        assertThat(FakeTypes.specOf(entry.dataset()).name()).isEqualTo("boats_csv");
    }

    @Test
    void explicitEntry_winsOverAMatchingPattern() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                "{name}_csv":
                  type: fake
                  filepath: data/{name}.csv
                cars_csv:
                  type: fake
                  filepath: special/cars.csv
                """);

        assertThat(configOf(catalog(conf), "cars_csv")).containsEntry("filepath", "special/cars.csv");
    }

    @Test
    void patterns_areTriedByKedrosRanking() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                "{default}":
                  type: fake
                  rule: catch-all
                "{name}_data":
                  type: fake
                  rule: suffix
                "{layer}.{name}_data":
                  type: fake
                  rule: layer-and-suffix
                "raw.{name}":
                  type: fake
                  rule: raw-prefix
                """);

        DataCatalog catalog = catalog(conf);

        assertThat(catalog.factories())
                .extracting(Object::toString)
                .containsExactly(
                        "dataset factory '{layer}.{name}_data' at conf/base/catalog.yml:7 (pattern '{layer}.{name}_data')",
                        "dataset factory '{name}_data' at conf/base/catalog.yml:4 (pattern '{name}_data')",
                        "dataset factory 'raw.{name}' at conf/base/catalog.yml:10 (pattern 'raw.{name}')",
                        "dataset factory '{default}' at conf/base/catalog.yml:1 (pattern '{default}')");
        assertThat(configOf(catalog, "raw.cars_data")).containsEntry("rule", "layer-and-suffix");
        assertThat(configOf(catalog, "cars_data")).containsEntry("rule", "suffix");
        assertThat(configOf(catalog, "raw.cars")).containsEntry("rule", "raw-prefix");
        assertThat(configOf(catalog, "anything")).containsEntry("rule", "catch-all");
    }

    @Test
    void pattern_withUnknownPlaceholderInValue_failsAtLoad() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                "{name}_csv":
                  type: fake
                  filepath: data/{nmae}.csv
                """);

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "conf/base/catalog.yml:1:1: dataset factory '{name}_csv' uses placeholder(s) " + "[{nmae}]");
    }

    @Test
    void invalidPattern_isAnErrorWithPosition() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "\"{na-me}_csv\":\n  type: fake\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:1:1: Invalid dataset factory pattern");
    }

    @Test
    void pattern_withUnknownType_failsEachMatch() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "\"{name}_csv\":\n  type: cvs\n");
        DataCatalog catalog = catalog(conf);

        assertThat(catalog.contains("cars_csv")).isTrue();
        assertThatThrownBy(() -> catalog.dataset("cars_csv"))
                .hasMessageStartingWith("conf/base/catalog.yml:2: dataset '{name}_csv' has unknown type 'cvs'");
    }

    @Test
    void patternMatch_withBadSetting_failsWithPatternSourceAndName() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "\"{name}_file\":\n  type: strict\n");
        DataCatalog catalog = catalog(conf);

        assertThatThrownBy(() -> catalog.dataset("cars_file"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:1 (pattern '{name}_file'): dataset 'cars_file' (type "
                        + "strict) needs a 'filepath'");
    }

    @Test
    void twoCatchAllPatterns_isAnError() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "\"{default}\":\n  type: fake\n")
                .file("base/catalog_other.yml", "\"{any}\":\n  type: fake\n");

        assertThatThrownBy(() -> catalog(conf))
                .hasMessageContaining("More than one catch-all dataset factory")
                .hasMessageContaining("'{any}' (conf/base/catalog_other.yml:1)")
                .hasMessageContaining("'{default}' (conf/base/catalog.yml:1)");
    }

    @Test
    void pattern_canUseCredentials() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "s3: {key: k}\n")
                .file("base/catalog.yml", "\"{name}_s3\":\n  type: fake\n  credentials: s3\n");

        assertThat(FakeTypes.specOf(catalog(conf).dataset("cars_s3")).credentials())
                .isEqualTo(Map.of("key", "k"));
    }

    @Test
    void pattern_typeFromPlaceholder_isCheckedWhenANameMatches() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "\"{name}@{format}\":\n  type: \"{format}\"\n");
        DataCatalog catalog = catalog(conf);

        assertThat(FakeTypes.specOf(catalog.dataset("cars@fake")).type()).isEqualTo("fake");
        assertThatThrownBy(() -> catalog.dataset("cars@cvs")).hasMessageContaining("unknown type 'cvs'");
    }

    @Test
    void catalogEntries_markPatterns() {
        ConfTree conf =
                new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n\"{name}_csv\":\n  type: fake\n");

        assertThat(conf.load().catalogEntries())
                .extracting(CatalogEntryConfig::name, CatalogEntryConfig::pattern)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cars", false),
                        org.assertj.core.groups.Tuple.tuple("{name}_csv", true));
    }
}
