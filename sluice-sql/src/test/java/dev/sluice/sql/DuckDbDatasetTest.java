package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import dev.sluice.s3.LocalS3;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB queries over local and S3 files, read through Sluice's stores (no httpfs extension). */
class DuckDbDatasetTest {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    /** Writes a Parquet file of sales with DuckDB itself. */
    private static void writeSales(Path file, int from, int to) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT i AS id, 'shop' || (i % 3) AS shop, i * 1.5 AS amount FROM range(" + from
                    + ", " + to + ") t(i)) TO '" + file + "' (FORMAT parquet)");
        }
    }

    private DataCatalog catalog(String catalog) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), catalog);
        Files.writeString(
                base.resolve("credentials.yml"),
                "s3:\n  key: " + S3.credentials().get("key") + "\n  secret: " + S3.secret() + "\n");
        return built(ProjectConfig.load(project.resolve("conf"), null, Map.of())
                .toCatalog(project, DatasetTypes.discover()));
    }

    @Test
    void query_localParquetJoinedWithCsv_loadsTheResult() throws Exception {
        Files.createDirectories(project.resolve("data"));
        writeSales(project.resolve("data/sales.parquet"), 0, 9);
        Files.writeString(project.resolve("data/shops.csv"), "shop;region\nshop0;north\nshop1;south\nshop2;north\n");
        DataCatalog catalog = catalog("""
                by_region:
                  type: duckdb
                  query: >-
                    SELECT region, count(*) AS n FROM sales JOIN shops USING (shop)
                    WHERE amount >= :low GROUP BY region ORDER BY region
                  files:
                    sales: data/sales.parquet
                    shops: {filepath: data/shops.csv, options: {delim: ";", header: true}}
                  load_args: {params: {low: 0}}
                """);

        DataFrame result = (DataFrame) catalog.load("by_region");

        assertThat(result.getColumn("region").toList()).containsExactly("north", "south");
        assertThat(result.getColumn("n").toList()).containsExactly(6L, 3L);
    }

    @Test
    void table_s3DirectoryOfParquetFiles_isStreamedThroughSluicesS3Settings() throws Exception {
        String bucket = S3.createBucket();
        for (int part = 0; part < 2; part++) {
            Path local = project.resolve("part-" + part + ".parquet");
            writeSales(local, part * 10, part * 10 + 10);
            S3.putObject(bucket, "raw/sales/part-" + part + ".parquet", Files.readAllBytes(local));
        }
        S3.putObject(bucket, "raw/sales/_SUCCESS", new byte[0]);
        DataCatalog catalog = catalog("""
                sales:
                  type: duckdb
                  table: sales
                  files: {sales: 's3://%s/raw/sales/'}
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                  load_args: {rows: true}
                totals:
                  type: duckdb
                  query: SELECT sum(amount) AS total FROM s
                  files: {s: 's3://%s/raw/sales/part-1.parquet'}
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                """.formatted(bucket, S3.endpoint(), bucket, S3.endpoint()));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) catalog.load("sales");
        DataFrame totals = (DataFrame) catalog.load("totals");

        assertThat(rows).hasSize(20);
        assertThat(rows.get(0).keySet()).containsExactly("id", "shop", "amount");
        assertThat(((Number) totals.getColumn("total").get(0)).doubleValue()).isEqualTo(1.5 * (10 + 19) * 10 / 2);
        assertThat(catalog.exists("totals")).isTrue();
    }

    @Test
    void save_isRefusedAsReadOnly() {
        DuckDbDataset<DataFrame> dataset = DuckDbDataset.query("SELECT 1 AS one");

        assertThat(dataset.load().getColumn("one").get(0)).isEqualTo(1);
        assertThatThrownBy(() -> dataset.save(DataFrame.empty("one")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void load_missingFile_saysToRunTheProducer() {
        DuckDbDataset<DataFrame> dataset = DuckDbDataset.query("SELECT * FROM t")
                .withFile("t", Storage.local(project.resolve("none.parquet")), "parquet", Map.of());

        assertThat(dataset.exists()).isFalse();
        assertThatThrownBy(dataset::load).isInstanceOf(DatasetException.class).hasMessageContaining("none.parquet");
    }

    @Test
    void fileWithoutAKnownExtension_asksForTheFormatAtItsLine() {
        assertThatThrownBy(() -> catalog("""
                        q:
                          type: duckdb
                          query: SELECT * FROM t
                          files:
                            t: data/export.dat
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:5")
                .hasMessageContaining("file 't'")
                .hasMessageContaining("set format to parquet, csv or json");
    }

    /** Builds every entry, as a run that uses them all would, so that an entry's problem fails here. */
    private static DataCatalog built(DataCatalog catalog) {
        catalog.materialize(catalog.names());
        return catalog;
    }
}
