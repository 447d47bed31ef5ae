package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.Warning;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.MemoryDatasetType;
import dev.sluice.io.TextDatasetType;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.Runner;
import dev.sluice.testing.RecordingHook;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog entries built when first needed, and entries that cannot be built stopping only what uses them. */
class LazyCatalogTest {
    @TempDir
    Path project;

    private final Counting counting = new Counting();
    private final DatasetTypes types = DatasetTypes.of(new MemoryDatasetType(), new TextDatasetType(), counting);

    private ProjectConfig config(String yaml) {
        return new ConfTree(project)
                .file("base/catalog.yml", yaml)
                .file("local/credentials.yml", "db: {user: u}\n")
                .load();
    }

    @Test
    void entry_isBuiltWhenFirstNeeded_once() {
        DataCatalog catalog =
                config("a:\n  type: counting\nb:\n  type: counting\n").toCatalog(project, types);

        assertThat(counting.created).hasValue(0);
        assertThat(catalog.contains("a")).isTrue();
        assertThat(counting.created).hasValue(0);

        catalog.dataset("a");
        catalog.dataset("a");

        assertThat(counting.created).hasValue(1);
    }

    @Test
    void unavailableEntry_isWarnedOnce_andARunThatDoesNotUseItGoesOn() {
        ProjectConfig config = config("""
                companies:
                  type: MemoryDataset
                  data: [acme, globex]
                shuttles:
                  type: pandas.ExcelDataset
                  filepath: data/01_raw/shuttles.xlsx
                """);
        DataCatalog catalog = config.toCatalog(project, types);
        Pipeline pipeline = Pipeline.of(Node.named("count")
                .inputs("companies")
                .outputs("company_count")
                .fn((List<?> companies) -> companies.size()));

        var result = Runner.sequential().run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("company_count", 2);
        assertThat(config.warnings().list()).singleElement().satisfies(warning -> {
            assertThat(warning.source()).isEqualTo("conf/base/catalog.yml:5");
            assertThat(warning.message())
                    .startsWith("dataset 'shuttles' has unknown type 'pandas.ExcelDataset'")
                    .contains("unavailable: a run that uses it fails before any node runs; other runs go on");
        });
    }

    @Test
    void runThatNeedsUnavailableEntries_failsBeforeAnyNodeRuns_namingEachWithFileLineAndFix() {
        DataCatalog catalog = config("""
                        companies:
                          type: MemoryDataset
                          data: [acme]
                        shuttles:
                          type: pandas.ExcelDataset
                          filepath: data/01_raw/shuttles.xlsx
                        reviews:
                          type: counting
                          credentials: dbb
                        """).toCatalog(project, types);
        RecordingHook hook = new RecordingHook();
        Pipeline pipeline = Pipeline.of(
                Node.named("first").inputs("companies").outputs("x").fn((Object c) -> c),
                Node.named("second")
                        .inputs("x", "shuttles", "reviews")
                        .outputs("y")
                        .fn((Object x, Object s, Object r) -> x));

        assertThatThrownBy(() -> Runner.builder().hook(hook).build().run(pipeline, catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("2 catalog entries that are needed cannot be built:")
                .hasMessageContaining("conf/base/catalog.yml:9:16: catalog entry 'reviews' refers to credentials 'dbb',"
                        + " which are not defined (did you mean 'db'?)")
                .hasMessageContaining(
                        "conf/base/catalog.yml:5: dataset 'shuttles' has unknown type" + " 'pandas.ExcelDataset'");
        assertThat(hook.events()).isEmpty();
        assertThat(counting.created).hasValue(0);
    }

    @Test
    void entriesOfOneUnknownType_areWarnedAboutTogether() {
        ProjectConfig config = config("""
                a:
                  type: geopandas.GeoJSONDataset
                b:
                  type: geopandas.GeoJSONDataset
                c:
                  type: text
                  filepth: x.txt
                """);

        config.toCatalog(project, types);

        List<Warning> warnings = config.warnings().list();
        assertThat(warnings)
                .extracting(Warning::source)
                .containsExactly("conf/base/catalog.yml:2", "conf/base/catalog.yml:5");
        assertThat(warnings.get(0).message())
                .contains("(so do 'b' at conf/base/catalog.yml:4)")
                .contains("the entries are unavailable");
        assertThat(warnings.get(1).message())
                .startsWith("dataset 'c' (type text) has 2 problems:")
                .contains("unknown setting 'filepth' (did you mean 'filepath'?)");
    }

    @Test
    void misspelledCatalogKey_failsUpFrontEvenForAnUnknownType() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                a:
                  type: geopandas.GeoJSONDataset
                  versoned: true
                """);

        assertThatThrownBy(() -> conf.load().toCatalog(project, types))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:3: dataset 'a' (type geopandas.GeoJSONDataset) has an"
                        + " unknown setting 'versoned' (did you mean 'versioned'?)");
    }

    @Test
    void settingNamedLikeACommonDatasetSetting_isNotTakenForAMisspelledCatalogKey() {
        DataCatalog catalog =
                config("a:\n  type: geopandas.GeoJSONDataset\n  version: 3\n").toCatalog(project, types);

        assertThat(catalog.problem("a"))
                .hasValueSatisfying(problem -> assertThat(problem.getMessage()).contains("unknown type"));
    }

    @Test
    void failedBuild_isRememberedAndReportedTheSameEachTime() {
        DataCatalog catalog = config("notes:\n  type: text\n").toCatalog(project, types);

        String first = catalog.problem("notes").orElseThrow().getMessage();

        assertThatThrownBy(() -> catalog.dataset("notes")).hasMessage(first);
        assertThat(first).startsWith("conf/base/catalog.yml:1: dataset 'notes' (type text) needs a 'filepath'");
    }

    /** A type that counts the datasets it creates. */
    static final class Counting implements DatasetType {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            created.incrementAndGet();
            return new MemoryDataset<>();
        }
    }
}
