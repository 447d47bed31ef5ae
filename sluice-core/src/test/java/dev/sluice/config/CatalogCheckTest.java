package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.CatalogCheck;
import dev.sluice.catalog.CatalogCheck.State;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.MemoryDatasetType;
import dev.sluice.io.TextDatasetType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every entry's state, and whether what the pipelines use can be built. */
class CatalogCheckTest {
    @TempDir
    Path project;

    private final DatasetTypes types = DatasetTypes.of(new MemoryDatasetType(), new TextDatasetType());

    private DataCatalog catalog() {
        return new ConfTree(project)
                .file("base/catalog.yml", """
                        notes:
                          type: text.TextDataset
                          filepath: data/notes.txt
                        shuttles:
                          type: pandas.ExcelDataset
                          filepath: data/shuttles.xlsx
                        "{name}_txt":
                          type: text
                          filepath: data/{name}.txt
                        "{name}_xls":
                          type: pandas.ExcelDataset
                          filepath: data/{name}.xlsx
                        """)
                .file("base/parameters.yml", "rate: 3\n")
                .load()
                .toCatalog(project, types);
    }

    @Test
    void of_everyEntryAndPatternWithItsState_andUsedFactoryMatches() {
        CatalogCheck check = CatalogCheck.of(catalog(), List.of("notes", "report_txt", "params:rate", "scratch"));

        assertThat(check.entries())
                .extracting(CatalogCheck.Entry::name, CatalogCheck.Entry::state, CatalogCheck.Entry::used)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("notes", State.OK, true),
                        org.assertj.core.groups.Tuple.tuple("shuttles", State.UNAVAILABLE, false),
                        org.assertj.core.groups.Tuple.tuple("{name}_txt", State.FACTORY, false),
                        org.assertj.core.groups.Tuple.tuple("{name}_xls", State.UNAVAILABLE, false),
                        org.assertj.core.groups.Tuple.tuple("report_txt", State.OK, true));
        CatalogCheck.Entry shuttles = check.entries().get(1);
        assertThat(shuttles.source()).isEqualTo("conf/base/catalog.yml:4");
        assertThat(shuttles.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("conf/base/catalog.yml:5: dataset 'shuttles' has unknown type 'pandas.ExcelDataset'")
                .contains("sluice-excel"));
        assertThat(check.entries().get(4).pattern()).isEqualTo(Optional.of("{name}_txt"));
        assertThat(check.usedEntriesBuild()).isTrue();
    }

    @Test
    void usedEntriesBuild_anUnavailableEntryOrFactoryMatchIsUsed_isFalse() {
        assertThat(CatalogCheck.of(catalog(), List.of("notes", "shuttles")).usedEntriesBuild())
                .isFalse();
        CatalogCheck viaFactory = CatalogCheck.of(catalog(), List.of("fleet_xls"));

        assertThat(viaFactory.usedEntriesBuild()).isFalse();
        assertThat(viaFactory.entries())
                .filteredOn(entry -> entry.name().equals("fleet_xls"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.state()).isEqualTo(State.UNAVAILABLE);
                    assertThat(entry.pattern()).hasValue("{name}_xls");
                });
    }
}
