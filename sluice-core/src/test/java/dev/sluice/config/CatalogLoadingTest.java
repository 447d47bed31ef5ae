package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.DatasetSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoadingTest {
    @TempDir
    Path project;

    private DataCatalog catalog(ConfTree conf) {
        return conf.load().toCatalog(project, FakeTypes.registry());
    }

    @Test
    void entry_becomesADatasetWithSpecAndSource() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                # raw data
                cars:
                  type: fake
                  filepath: data/01_raw/cars.csv
                  load_args:
                    sep: ';'
                """);

        CatalogEntry entry = catalog(conf).entry("cars").orElseThrow();
        DatasetSpec spec = FakeTypes.specOf(entry.dataset());

        assertThat(entry.source()).isEqualTo("conf/base/catalog.yml:2");
        assertThat(entry.tee()).isTrue();
        assertThat(spec.name()).isEqualTo("cars");
        assertThat(spec.type()).isEqualTo("fake");
        assertThat(spec.source()).isEqualTo("conf/base/catalog.yml:2");
        assertThat(spec.projectDir()).isEqualTo(project);
        assertThat(spec.config())
                .isEqualTo(Map.of("filepath", "data/01_raw/cars.csv", "load_args", Map.of("sep", ";")));
    }

    @Test
    void loaderOptions_teeAndMetadataAreConsumed() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: fake
                  tee: false
                  metadata:
                    kedro-viz: {layer: raw}
                  empty_setting: ~
                """);

        CatalogEntry entry = catalog(conf).entry("cars").orElseThrow();

        assertThat(entry.tee()).isFalse();
        assertThat(FakeTypes.specOf(entry.dataset()).config()).isEmpty();
    }

    @Test
    void tee_notABoolean_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n  tee: maybe\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:3:8: catalog entry 'cars' has 'tee: maybe'");
    }

    @Test
    void entry_withoutType_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "cars:\n  filepath: x.csv\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:1:1: catalog entry 'cars' has no 'type'");
    }

    @Test
    void entry_thatIsNotAMapping_hintsAtUnderscore() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "root_path: data\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:1:1: catalog entry 'root_path' must be a mapping")
                .hasMessageContaining("start its name with '_'");
    }

    @Test
    void entry_namedLikeAParameter_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "params:rate:\n  type: fake\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:1:1:")
                .hasMessageContaining("reserved for parameters");
    }

    @Test
    void type_byShortNameAliasAndClassName() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                a:
                  type: fake
                b:
                  type: FakeDataset
                c:
                  type: dev.sluice.config.FakeTypes$Fake
                d:
                  type: dev.sluice.config.FakeTypes$Discovered
                """);

        DataCatalog catalog = catalog(conf);

        assertThat(List.of("a", "b", "c", "d"))
                .allSatisfy(name -> assertThat(catalog.dataset(name)).isInstanceOf(FakeTypes.FakeDataset.class));
    }

    @Test
    void unknownType_namesSourceDatasetAndClosestMatchWithoutListingEveryType() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "\ncars:\n  type: strikt\n");
        DataCatalog catalog = catalog(conf);

        assertThatThrownBy(() -> catalog.dataset("cars"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:3: dataset 'cars' has unknown type 'strikt'")
                .hasMessageContaining("did you mean 'strict'?")
                .hasMessageContaining("'sluice catalog types' lists the types on the class path")
                .hasMessageNotContaining("exploding");
    }

    @Test
    void unknownType_ofASluiceModule_namesTheModuleAndHowToAddItOnceForEveryEntry() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                companies:
                  type: parquet
                  filepath: data/companies.parquet
                shuttles:
                  type: parquet
                  filepath: data/shuttles.parquet
                reviews:
                  type: pandas.ParquetDataset
                  filepath: data/reviews.parquet
                """);

        ProjectConfig config = conf.load();
        DataCatalog catalog = config.toCatalog(project, FakeTypes.registry());

        assertThat(config.warnings().list())
                .extracting(Object::toString)
                .satisfiesExactly(
                        parquet -> assertThat(parquet)
                                .startsWith(
                                        "conf/base/catalog.yml:2: dataset 'companies' has unknown type 'parquet' (so do "
                                                + "'shuttles' at conf/base/catalog.yml:5). It is provided by Sluice's module "
                                                + "dev.sluice:sluice-parquet, which is not on the class path. Add it to the project's"
                                                + " build:")
                                .contains("Maven:  <dependency><groupId>dev.sluice</groupId><artifactId>sluice-parquet"
                                        + "</artifactId><version>")
                                .contains("Gradle: implementation(\"dev.sluice:sluice-parquet:")
                                .contains("the entries are unavailable"),
                        pandas -> assertThat(pandas)
                                .startsWith(
                                        "conf/base/catalog.yml:8: dataset 'reviews' has unknown type "
                                                + "'pandas.ParquetDataset'. It is provided by Sluice's module dev.sluice:sluice-parquet"));
        assertThatThrownBy(() -> catalog.dataset("shuttles"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:2: dataset 'companies' has unknown type 'parquet' (so do"
                        + " 'shuttles' at conf/base/catalog.yml:5). It is provided by Sluice's module"
                        + " dev.sluice:sluice-parquet");
    }

    @Test
    void badSetting_failsWhenTheEntryIsFirstNeeded() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "cars:\n  type: strict\n");
        DataCatalog catalog = catalog(conf);

        assertThatThrownBy(() -> catalog.dataset("cars"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:1: dataset 'cars' (type strict) needs a 'filepath'");
    }

    @Test
    void typeThrowingPlainException_isWrappedWithSource() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "cars:\n  type: exploding\n");

        assertThatThrownBy(() -> catalog(conf).dataset("cars"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:1: dataset 'cars' (type exploding) could not be created")
                .hasMessageContaining("boom")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void severalBadEntries_areAllReportedWhenNeededTogether() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: strict
                boats:
                  type: nope
                planes:
                  type: fake
                """);

        DataCatalog catalog = catalog(conf);

        assertThatThrownBy(() -> catalog.materialize(List.of("planes", "cars", "boats", "not_defined")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("2 catalog entries that are needed cannot be built")
                .hasMessageContaining("conf/base/catalog.yml:1: dataset 'cars'")
                .hasMessageContaining("conf/base/catalog.yml:4: dataset 'boats' has unknown type 'nope'");
    }

    @Test
    void nestedDataset_isCreatedThroughTheRegistry() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: wrapper
                  delay: 5
                  dataset:
                    type: strict
                    filepath: data/cars.csv
                """);

        var outer = (FakeTypes.FakeDataset) catalog(conf).dataset("cars");

        assertThat(FakeTypes.specOf(outer.inner()).type()).isEqualTo("strict");
        assertThat(FakeTypes.specOf(outer.inner()).config()).isEqualTo(Map.of("filepath", "data/cars.csv"));
    }

    @Test
    void nestedDataset_withUnknownType_namesTheEntry() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: wrapper
                  dataset:
                    type: csvv
                """);

        assertThatThrownBy(() -> catalog(conf).dataset("cars"))
                .hasMessageStartingWith("conf/base/catalog.yml:1: dataset 'cars' has unknown type 'csvv'");
    }

    @Test
    void parameters_areInTheCatalogWithTheirSources() {
        ConfTree conf = new ConfTree(project)
                .file("base/parameters.yml", "rate: 0.1\nmodel:\n  layers:\n    depth: 3\n  name: m\nnothing: ~\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n");

        DataCatalog catalog = catalog(conf);

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("rate", 0.1);
        all.put("model", Map.of("layers", Map.of("depth", 3), "name", "m"));
        all.put("nothing", null);
        assertThat(catalog.load("parameters")).isEqualTo(all);
        assertThat(catalog.load("params:rate")).isEqualTo(0.1);
        assertThat(catalog.load("params:model")).isEqualTo(Map.of("layers", Map.of("depth", 3), "name", "m"));
        assertThat(catalog.load("params:model.layers.depth")).isEqualTo(3);
        assertThat(catalog.entry("params:model.name").orElseThrow().source()).isEqualTo("conf/base/parameters.yml:5");
        assertThat(catalog.contains("params:nothing")).isFalse();
    }

    @Test
    void parameters_fromRuntimeParams_sayWhereTheyCameFrom() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "rate: 0.1\n");

        DataCatalog catalog =
                ProjectConfig.load(conf.conf(), null, Map.of("seed", 3)).toCatalog(project, FakeTypes.registry());

        assertThat(catalog.entry("params:seed").orElseThrow().source()).isEqualTo("--params");
        assertThat(catalog.entry("params:rate").orElseThrow().source()).isEqualTo("conf/base/parameters.yml:1");
    }

    @Test
    void parameterValues_cannotBeModifiedByNodes() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "model:\n  layers: [1, 2]\n");

        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) catalog(conf).load("params:model");

        assertThatThrownBy(() -> model.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) model.get("layers")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
