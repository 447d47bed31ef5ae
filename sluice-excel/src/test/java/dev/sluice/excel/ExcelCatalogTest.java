package dev.sluice.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code excel} type configured in YAML as Kedro users write it, locally and on S3. */
class ExcelCatalogTest {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    private ProjectConfig config(String catalog) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), catalog);
        Files.writeString(
                base.resolve("credentials.yml"),
                "s3:\n  key: " + S3.credentials().get("key") + "\n  secret: " + S3.secret() + "\n");
        return ProjectConfig.load(project.resolve("conf"), null, Map.of());
    }

    private DataCatalog catalog(String catalog) throws IOException {
        return built(config(catalog).toCatalog(project, DatasetTypes.discover()));
    }

    @Test
    void kedroEntry_sheetNameNullOnS3_loadsEverySheetAsAMap() throws IOException {
        String bucket = S3.createBucket();
        DataCatalog catalog = catalog("""
                book:
                  type: pandas.ExcelDataset
                  filepath: s3://%s/reports/book.xlsx
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                  load_args: {sheet_name: null}
                first:
                  type: excel
                  filepath: s3://%s/reports/book.xlsx
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                  load_args: {sheet_name: [1]}
                """.formatted(bucket, S3.endpoint(), bucket, S3.endpoint()));
        Map<String, DataFrame> sheets = new LinkedHashMap<>();
        sheets.put("north", DataFrame.byColumn("sales").of(Series.ofInt(1, 2)));
        sheets.put("south", DataFrame.byColumn("sales").of(Series.ofInt(3)));

        catalog.save("book", sheets);

        assertThat(S3.objectExists(bucket, "reports/book.xlsx")).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, DataFrame> loaded = (Map<String, DataFrame>) catalog.load("book");
        assertThat(loaded.keySet()).containsExactly("north", "south");
        assertThat(loaded.get("north").getColumn("sales").toList()).containsExactly(1, 2);
        assertThat(((Map<?, ?>) catalog.load("first")).keySet().stream().map(String::valueOf))
                .containsExactly("south");
    }

    @Test
    void saveArgs_sheetNameAndHeaderFalse_writeThatSheetWithoutNames() throws IOException {
        DataCatalog catalog = catalog("""
                out:
                  type: excel
                  filepath: data/out.xlsx
                  save_args: {sheet_name: prices, header: false}
                back:
                  type: excel
                  filepath: data/out.xlsx
                  load_args: {sheet_name: prices, header: null}
                """);

        catalog.save("out", DataFrame.byColumn("p").of(Series.ofDouble(1.5, 2.5)));

        DataFrame back = (DataFrame) catalog.load("back");
        assertThat(back.getColumnsIndex().toArray()).containsExactly("0");
        assertThat(back.getColumn("0").toList()).containsExactly(1.5, 2.5);
    }

    @Test
    void pandasOnlyOptions_warnOnce() throws IOException {
        ProjectConfig config = config("""
                book:
                  type: excel
                  filepath: data/book.xlsx
                  load_args: {engine: openpyxl}
                  save_args: {index: false, writer_args: {mode: w}}
                """);

        config.toCatalog(project, DatasetTypes.discover());

        assertThat(config.warnings().list()).singleElement().satisfies(w -> assertThat(w.message())
                .contains("load_args.engine", "save_args.index", "save_args.writer_args"));
    }

    @Test
    void badNrows_isAnErrorAtItsLine() {
        assertThatThrownBy(() -> catalog("""
                        book:
                          type: excel
                          filepath: data/book.xlsx
                          load_args:
                            nrows: many
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:5")
                .hasMessageContaining("load_args.nrows");
    }

    /** Builds every entry, as a run that uses them all would, so that an entry's problem fails here. */
    private static DataCatalog built(DataCatalog catalog) {
        catalog.materialize(catalog.names());
        return catalog;
    }
}
