package dev.sluice.parquet;

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

/** Kedro's {@code polars.ParquetDataset} entries, written as polars users write them. */
class PolarsParquetCatalogTest {
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
    void polarsEntry_columnsAndDefaultZstd_savesAndLoadsSelectedColumns() throws IOException {
        DataCatalog catalog = catalog("""
                trips:
                  type: polars.ParquetDataset
                  filepath: data/trips.parquet
                  load_args: {columns: [id], use_pyarrow: true}
                trips_all:
                  type: kedro_datasets.polars.ParquetDataset
                  filepath: data/trips.parquet
                  save_args: {compression: uncompressed}
                """);
        DataFrame frame = DataFrame.foldByRow("id", "km").of(1, 2.5, 2, 4.0);

        catalog.save("trips", frame);

        DataFrame loaded = (DataFrame) catalog.load("trips");
        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("id");
        assertThat(loaded.getColumn("id").toList()).containsExactly(1, 2);
        assertThat(((DataFrame) catalog.load("trips_all")).height()).isEqualTo(2);
        assertThat(catalog.dataset("trips").describe()).containsEntry("compression", "zstd");
        assertThat(catalog.dataset("trips_all").describe()).containsEntry("compression", "none");
    }

    @Test
    void polarsEntry_rowLimit_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> catalog("""
                        trips:
                          type: polars.ParquetDataset
                          filepath: data/trips.parquet
                          load_args: {n_rows: 10}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("n_rows");
    }

    @Test
    void eagerAndLazyEntries_fileFormatParquet_roundTripThroughParquet() throws IOException {
        DataCatalog catalog = catalog("""
                eager:
                  type: polars.EagerPolarsDataset
                  file_format: parquet
                  filepath: data/x.parquet
                  save_args: {compression: gzip}
                lazy:
                  type: kedro_datasets.polars.LazyPolarsDataset
                  file_format: parquet
                  filepath: data/x.parquet
                """);

        catalog.save("eager", DataFrame.foldByRow("a").of(1, 2, 3));

        assertThat(((DataFrame) catalog.load("lazy")).getColumn("a").toList()).containsExactly(1, 2, 3);
        assertThat(catalog.dataset("eager").describe()).containsEntry("compression", "gzip");
    }

    @Test
    void eagerEntry_unknownFormat_errorSaysWhichFormatsWork() {
        assertThatThrownBy(() -> catalog("""
                        eager:
                          type: polars.EagerPolarsDataset
                          file_format: avro
                          filepath: data/x.avro
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("use csv or parquet");
    }
}
