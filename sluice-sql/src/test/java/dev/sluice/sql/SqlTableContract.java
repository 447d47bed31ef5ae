package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

/** What every database does with {@link SqlTableDataset}; each subclass runs it against a real database. */
abstract class SqlTableContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    /** The database under test; the same one for every test of the class. */
    abstract Database database();

    /** A table name no other test uses. */
    static String newTable() {
        return "shuttles_" + TABLES.incrementAndGet();
    }

    static DataFrame shuttles() {
        return DataFrame.byColumn("id", "engines", "price", "name", "active", "since", "seen", "rating")
                .of(
                        Series.ofInt(1, 2, 3),
                        Series.ofLong(4_000_000_000L, 2, 1),
                        Series.ofDouble(1.5, 2.25, -3.0),
                        Series.of("Falcon", null, "Zoë \"quoted\""),
                        Series.ofBool(true, false, true),
                        Series.of(LocalDate.of(2024, 1, 31), null, LocalDate.of(1999, 12, 1)),
                        Series.of(LocalDateTime.of(2024, 5, 6, 7, 8, 9), LocalDateTime.of(2020, 1, 1, 0, 0), null),
                        Series.of(new BigDecimal("4.50"), new BigDecimal("12345.67"), null));
    }

    @Test
    void save_thenLoad_returnsEqualFrameWithTypedColumns() {
        SqlTableDataset<DataFrame> dataset = SqlTableDataset.dataFrames(database(), newTable());

        dataset.save(shuttles());
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray())
                .containsExactly("id", "engines", "price", "name", "active", "since", "seen", "rating");
        assertThat(loaded.getColumn("id")).isInstanceOf(IntSeries.class);
        assertThat(loaded.getColumn("engines").get(0)).isEqualTo(4_000_000_000L);
        assertThat(loaded.getColumn("price").get(2)).isEqualTo(-3.0);
        assertThat(loaded.getColumn("name").toList()).containsExactly("Falcon", null, "Zoë \"quoted\"");
        assertThat(loaded.getColumn("active").toList()).containsExactly(true, false, true);
        assertThat(loaded.getColumn("since").toList())
                .containsExactly(LocalDate.of(2024, 1, 31), null, LocalDate.of(1999, 12, 1));
        assertThat(loaded.getColumn("seen").get(0)).isEqualTo(LocalDateTime.of(2024, 5, 6, 7, 8, 9));
        assertThat((BigDecimal) loaded.getColumn("rating").get(1)).isEqualByComparingTo("12345.67");
        assertThat(loaded.height()).isEqualTo(3);
    }

    @Test
    void save_ifExistsFailAndTableExists_refusesAndLeavesTheTable() {
        String table = newTable();
        SqlTableDataset<DataFrame> dataset = SqlTableDataset.dataFrames(database(), table);
        dataset.save(shuttles());

        assertThatThrownBy(() -> dataset.save(shuttles().head(1)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot save table " + table)
                .hasMessageContaining("if_exists is 'fail'")
                .hasMessageContaining("'replace'");
        assertThat(dataset.load().height()).isEqualTo(3);
    }

    @Test
    void save_replace_dropsAndCreatesWithTheNewColumns() {
        String table = newTable();
        SqlTableDataset<DataFrame> dataset =
                SqlTableDataset.dataFrames(database(), table).withIfExists(IfExists.REPLACE);
        dataset.save(shuttles());

        dataset.save(DataFrame.byColumn("code").of(Series.of("a", "b")));

        assertThat(dataset.load().getColumnsIndex().toArray()).containsExactly("code");
        assertThat(dataset.load().getColumn("code").toList()).containsExactly("a", "b");
    }

    @Test
    void save_replaceFailsAfterSomeBatches_rollsBackAndTheOldTableStays() {
        String table = newTable();
        SqlTableDataset<DataFrame> dataset = SqlTableDataset.dataFrames(database(), table)
                .withIfExists(IfExists.REPLACE)
                .withBatchSize(2);
        dataset.save(shuttles());
        // Rows 0 to 5 fit a SMALLINT, row 6 does not: three batches go in before the database refuses.
        DataFrame tooBig = DataFrame.byColumn("qty").of(Series.ofInt(1, 2, 3, 4, 5, 6, 100_000));

        assertThatThrownBy(
                        () -> dataset.withColumnTypes(Map.of("qty", "SMALLINT")).save(tooBig))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot save table " + table)
                .hasMessageContaining("rolled back");

        DataFrame after = dataset.load();
        assertThat(after.getColumnsIndex().toArray()).contains("id", "name");
        assertThat(after.height()).isEqualTo(3);
    }

    @Test
    void save_append_addsRowsAndCreatesAMissingTable() {
        SqlTableDataset<DataFrame> dataset =
                SqlTableDataset.dataFrames(database(), newTable()).withIfExists(IfExists.APPEND);

        dataset.save(shuttles());
        dataset.save(shuttles().head(2));

        assertThat(dataset.load().getColumn("id").toList()).containsExactly(1, 2, 3, 1, 2);
    }

    @Test
    void rows_saveListOfMapsThenLoad_returnsMapsInColumnOrder() {
        SqlTableDataset<List<Map<String, Object>>> dataset = SqlTableDataset.rows(database(), newTable());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", i);
            row.put("label", i == 1 ? null : "row " + i);
            rows.add(row);
        }

        dataset.save(rows);

        assertThat(dataset.load()).isEqualTo(rows);
        assertThat(dataset.load().get(0).keySet()).containsExactly("n", "label");
    }

    @Test
    void load_withColumns_readsOnlyThoseInThatOrder() {
        SqlTableDataset<DataFrame> dataset = SqlTableDataset.dataFrames(database(), newTable());
        dataset.save(shuttles());

        DataFrame loaded = dataset.withColumns(List.of("name", "id")).load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("name", "id");
    }

    @Test
    void load_missingTable_saysToRunTheProducerFirst() {
        String table = newTable();
        SqlTableDataset<DataFrame> dataset = SqlTableDataset.dataFrames(database(), table);

        assertThat(dataset.exists()).isFalse();
        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No table " + table)
                .hasMessageContaining("Run the node that produces this dataset first");
    }

    @Test
    void inSchema_savesAndLoadsThere() throws Exception {
        String schema = "staging_" + TABLES.incrementAndGet();
        try (Connection connection = database().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String table = newTable();
        SqlTableDataset<DataFrame> dataset =
                SqlTableDataset.dataFrames(database(), table).inSchema(schema);

        dataset.save(shuttles());

        assertThat(dataset.exists()).isTrue();
        assertThat(SqlTableDataset.dataFrames(database(), table).exists()).isFalse();
        try (Connection connection = database().connect();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void save_valueThatIsNotATable_saysWhatASqlTableSaves() {
        SqlTableDataset<Object> dataset = cast(SqlTableDataset.dataFrames(database(), newTable()));

        assertThatThrownBy(() -> dataset.save(List.of("a", "b")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("saves a DFLib DataFrame or a List of Maps")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void query_namedAndPositionalParams_bindValues() {
        String table = newTable();
        SqlTableDataset.dataFrames(database(), table).save(shuttles());

        DataFrame named = SqlQueryDataset.dataFrames(
                        database(),
                        "SELECT id FROM " + table + " WHERE price > :low AND COALESCE(name, '') <> ':low' ORDER BY id")
                .withParams(Map.of("low", 0))
                .load();
        List<Map<String, Object>> positional = SqlQueryDataset.dataFrames(
                        database(), "SELECT id, name FROM " + table + " WHERE id = ?")
                .asRows()
                .withParams(List.of(3))
                .load();

        assertThat(named.getColumn("id").toList()).containsExactly(1, 2);
        assertThat(positional).containsExactly(Map.of("id", 3, "name", "Zoë \"quoted\""));
    }

    @SuppressWarnings("unchecked")
    private static <T> SqlTableDataset<T> cast(SqlTableDataset<?> dataset) {
        return (SqlTableDataset<T>) dataset;
    }
}
