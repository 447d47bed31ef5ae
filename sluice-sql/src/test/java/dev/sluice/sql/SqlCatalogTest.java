package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sql.table} and {@code sql.query} types configured in YAML, as users write them. */
class SqlCatalogTest {
    @RegisterExtension
    static final LocalPostgres POSTGRES = new LocalPostgres();

    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path project;

    @BeforeAll
    static void createAnalyst() throws Exception {
        try (Connection connection = POSTGRES.database().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE analyst LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE SCHEMA sales AUTHORIZATION analyst");
        }
    }

    private ProjectConfig config(String catalog) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Path local = Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(base.resolve("catalog.yml"), catalog);
        Files.writeString(
                local.resolve("credentials.yml"),
                "warehouse:\n  con: jdbc:postgresql://localhost:" + POSTGRES.port() + "/postgres\n  user: analyst\n"
                        + "  password: " + PASSWORD + "\n"
                        + "kedro_style:\n  con: postgresql://analyst:" + PASSWORD + "@localhost:" + POSTGRES.port()
                        + "/postgres\n"
                        + "offline:\n  con: postgresql://analyst:" + PASSWORD + "@127.0.0.1:1/postgres\n");
        return ProjectConfig.load(project.resolve("conf"), null, Map.of());
    }

    private DataCatalog catalog(String catalog) throws IOException {
        return built(config(catalog).toCatalog(project, DatasetTypes.discover()));
    }

    @Test
    void kedroSpellings_tableAndQueryWithCredentials_connectAsTheCredentialsUser() throws IOException {
        DataCatalog catalog = catalog("""
                orders:
                  type: pandas.SQLTableDataset
                  table_name: orders
                  credentials: warehouse
                  load_args: {schema: sales}
                  save_args: {if_exists: replace, dtype: {amount: "NUMERIC(10,2)"}}
                who:
                  type: pandas.SQLQueryDataset
                  sql: SELECT current_user AS me, count(*) AS n FROM sales.orders WHERE amount > :low
                  credentials: kedro_style
                  load_args: {params: {low: 5}, rows: true}
                """);

        catalog.save("orders", DataFrame.byColumn("id", "amount").of(Series.ofInt(1, 2), Series.ofDouble(4.5, 10.25)));

        assertThat(catalog.load("who")).isEqualTo(List.of(Map.of("me", "analyst", "n", 1L)));
    }

    @Test
    void describe_neverShowsThePassword() throws IOException {
        DataCatalog catalog = catalog("""
                orders:
                  type: sql.table
                  table_name: orders
                  credentials: kedro_style
                """);

        Map<String, Object> description = catalog.dataset("orders").describe();

        assertThat(description.toString()).doesNotContain(PASSWORD).contains("analyst");
        assertThat(description).containsEntry("con", "jdbc:postgresql://localhost:" + POSTGRES.port() + "/postgres");
    }

    @Test
    void load_databaseDown_saysToCheckTheServerWithoutShowingThePassword() throws IOException {
        DataCatalog catalog = catalog("""
                orders:
                  type: sql.table
                  table_name: orders
                  credentials: offline
                """);

        assertThatThrownBy(() -> catalog.load("orders"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Dataset 'orders'")
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/postgres")
                .hasMessageContaining("Check that the database is running")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void query_save_isRefusedAsReadOnly() throws IOException {
        DataCatalog catalog = catalog("""
                q:
                  type: sql.query
                  sql: SELECT 1 AS one
                  credentials: warehouse
                """);

        assertThat(((DataFrame) catalog.load("q")).getColumn("one").get(0)).isEqualTo(1);
        assertThatThrownBy(() -> catalog.save("q", DataFrame.empty("one")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining("sql.table");
    }

    @Test
    void query_fromSqlFile_readsTheFileAtLoad() throws IOException {
        Files.createDirectories(project.resolve("queries"));
        Files.writeString(project.resolve("queries/answer.sql"), "SELECT 6 * 7 AS answer");
        DataCatalog catalog = catalog("""
                answer:
                  type: sql.query
                  filepath: queries/answer.sql
                  credentials: warehouse
                """);

        assertThat(((DataFrame) catalog.load("answer")).getColumn("answer").get(0))
                .isEqualTo(42);
    }

    @Test
    void duckDbFile_relativeConWithoutCredentials_resolvesAgainstTheProject() throws IOException {
        DataCatalog catalog = catalog("""
                local_table:
                  type: sql.table
                  table_name: t
                  con: jdbc:duckdb:data/warehouse.duckdb
                  save_args: {if_exists: replace}
                """);

        catalog.save("local_table", DataFrame.byColumn("x").of(Series.ofInt(7)));

        assertThat(project.resolve("data/warehouse.duckdb")).exists();
        assertThat(((DataFrame) catalog.load("local_table")).getColumn("x").get(0))
                .isEqualTo(7);
    }

    @Test
    void pandasOnlyOptions_areAcceptedWithOneWarning() throws IOException {
        ProjectConfig config = config("""
                orders:
                  type: sql.table
                  table_name: orders
                  credentials: warehouse
                  save_args: {index: false, method: multi}
                """);

        config.toCatalog(project, DatasetTypes.discover());

        assertThat(config.warnings().list()).singleElement().satisfies(w -> assertThat(w.message())
                .contains("save_args.index", "save_args.method", "no effect"));
    }

    @Test
    void chunksizeUnderLoadArgs_isRejectedAtItsLine() {
        assertThatThrownBy(() -> catalog("""
                        orders:
                          type: sql.table
                          table_name: orders
                          credentials: warehouse
                          load_args:
                            chunksize: 100
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:6")
                .hasMessageContaining("unknown load_args key 'chunksize'");
    }

    @Test
    void conWithAPasswordInTheEntry_isRejectedAndNotEchoed() {
        assertThatThrownBy(() -> catalog("""
                        orders:
                          type: sql.table
                          table_name: orders
                          con: jdbc:postgresql://localhost/db?user=a&password=hunter2
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has a password in its 'con' setting")
                .hasMessageContaining("credentials.yml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void badIfExists_namesTheChoices() {
        assertThatThrownBy(() -> catalog("""
                        orders:
                          type: sql.table
                          table_name: orders
                          credentials: warehouse
                          save_args: {if_exists: overwrite}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("save_args.if_exists")
                .hasMessageContaining("fail, replace or append");
    }

    @Test
    void noConnection_saysWhereToPutCon() {
        assertThatThrownBy(() -> catalog("""
                        orders:
                          type: sql.table
                          table_name: orders
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs a database to connect to")
                .hasMessageContaining("credentials.yml");
    }

    /** Builds every entry, as a run that uses them all would, so that an entry's problem fails here. */
    private static DataCatalog built(DataCatalog catalog) {
        catalog.materialize(catalog.names());
        return catalog;
    }
}
