package dev.sluice.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kedro's {@code polars.CSVDataset} entries, with polars' argument names. */
class PolarsCsvCatalogTest {
    @TempDir
    Path project;

    private DataCatalog catalog(String yaml) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), yaml);
        dev.sluice.catalog.DataCatalog built =
                ProjectConfig.load(project.resolve("conf"), null, Map.of()).toCatalog(project, DatasetTypes.discover());
        // Entries are built when first needed; build them all, as a run that uses them would.
        built.materialize(built.names());
        return built;
    }

    @Test
    void polarsEntry_separatorAndHeader_readsAndWritesWithThem() throws IOException {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/in.csv"), "1;2.5\n2;4.0\n");
        DataCatalog catalog = catalog("""
                raw:
                  type: polars.CSVDataset
                  filepath: data/in.csv
                  load_args: {separator: ';', has_header: false, encoding: utf8, rechunk: true}
                out:
                  type: kedro_datasets.polars.CSVDataset
                  filepath: data/out.csv
                  save_args: {separator: '|', include_header: true}
                """);

        DataFrame raw = (DataFrame) catalog.load("raw");
        catalog.save("out", raw);

        assertThat(raw.height()).isEqualTo(2);
        assertThat(raw.getColumn(1).get(0)).isEqualTo(2.5);
        assertThat(Files.readString(project.resolve("data/out.csv"))).startsWith("0|1\n1|2.5\n");
    }

    @Test
    void polarsEntry_inferSchemaLengthZero_readsStrings() throws IOException {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/in.csv"), "id\n007\n");
        DataCatalog catalog = catalog("""
                raw:
                  type: polars.CSVDataset
                  filepath: data/in.csv
                  load_args: {infer_schema_length: 0}
                """);

        assertThat(((DataFrame) catalog.load("raw")).getColumn("id").get(0)).isEqualTo("007");
    }

    @Test
    void polarsEntry_pandasSpelling_isRejectedSuggestingPolarsName() {
        assertThatThrownBy(() -> catalog("""
                        raw:
                          type: polars.CSVDataset
                          filepath: data/in.csv
                          load_args: {sep: ';'}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("'sep'");
    }

    @Test
    void eagerEntry_fileFormatCsv_usesPolarsCsvArguments() throws IOException {
        DataCatalog catalog = catalog("""
                eager:
                  type: polars.EagerPolarsDataset
                  file_format: csv
                  filepath: data/e.csv
                  save_args: {separator: ';'}
                  load_args: {separator: ';'}
                """);

        catalog.save("eager", DataFrame.foldByRow("a", "b").of(1, "x"));

        assertThat(Files.readString(project.resolve("data/e.csv"))).isEqualTo("a;b\n1;x\n");
        assertThat(((DataFrame) catalog.load("eager")).getColumn("b").get(0)).isEqualTo("x");
    }
}
