package dev.sluice.sql;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.sql.TableWriter.TableExistsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A database table as a dataset (Kedro's {@code pandas.SQLTableDataset}): loads the table as a DFLib
 * {@link DataFrame} or as rows, saves a DataFrame or a list of row maps.
 *
 * <p>A save runs in one transaction: with {@link IfExists#REPLACE} the table is dropped and created
 * anew with the value's columns, with {@link IfExists#APPEND} rows are added (the table is created
 * when missing), with {@link IfExists#FAIL} (the default, as in pandas) an existing table is an
 * error. If anything fails, the transaction rolls back and the table is exactly as it was. Column
 * types come from the values ({@code Integer}: INTEGER, {@code String}: TEXT, {@code LocalDate}:
 * DATE, ...) unless declared. Each load and save opens its own connection. Immutable and thread-safe.
 *
 * @param <T> {@code DataFrame} or {@code List<Map<String, Object>>}
 */
public final class SqlTableDataset<T> implements Dataset<T> {
    private static final int DEFAULT_BATCH_SIZE = 1000;

    private final String datasetName;
    private final Database database;
    private final SqlTable table;
    private final boolean rows;
    private final List<String> columns;
    private final IfExists ifExists;
    private final Map<String, String> columnTypes;
    private final int batchSize;

    private SqlTableDataset(
            String datasetName,
            Database database,
            SqlTable table,
            boolean rows,
            List<String> columns,
            IfExists ifExists,
            Map<String, String> columnTypes,
            int batchSize) {
        this.datasetName = datasetName;
        this.database = Objects.requireNonNull(database, "database");
        this.table = Objects.requireNonNull(table, "table");
        this.rows = rows;
        this.columns = List.copyOf(columns);
        this.ifExists = Objects.requireNonNull(ifExists, "ifExists");
        this.columnTypes = Map.copyOf(columnTypes);
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Table {@code table} of {@code database}, loaded as a DataFrame; saves fail if the table exists. */
    public static SqlTableDataset<DataFrame> dataFrames(Database database, String table) {
        return new SqlTableDataset<>(
                null,
                database,
                new SqlTable(null, table),
                false,
                List.of(),
                IfExists.FAIL,
                Map.of(),
                DEFAULT_BATCH_SIZE);
    }

    /** Table {@code table} of {@code database}, loaded as unmodifiable maps from column name to value. */
    public static SqlTableDataset<List<Map<String, Object>>> rows(Database database, String table) {
        return new SqlTableDataset<>(
                null,
                database,
                new SqlTable(null, table),
                true,
                List.of(),
                IfExists.FAIL,
                Map.of(),
                DEFAULT_BATCH_SIZE);
    }

    /** This table in {@code schema}. */
    public SqlTableDataset<T> inSchema(String schema) {
        return new SqlTableDataset<>(
                datasetName,
                database,
                new SqlTable(schema, table.name()),
                rows,
                columns,
                ifExists,
                columnTypes,
                batchSize);
    }

    /** This dataset, saving as {@code ifExists} says when the table exists. */
    public SqlTableDataset<T> withIfExists(IfExists ifExists) {
        return new SqlTableDataset<>(datasetName, database, table, rows, columns, ifExists, columnTypes, batchSize);
    }

    /** This dataset, creating the named columns with the given SQL types ({@code amount: NUMERIC(12,2)}). */
    public SqlTableDataset<T> withColumnTypes(Map<String, String> columnTypes) {
        return new SqlTableDataset<>(datasetName, database, table, rows, columns, ifExists, columnTypes, batchSize);
    }

    /** This dataset, loading only {@code loaded} columns, in that order. */
    public SqlTableDataset<T> withColumns(List<String> loaded) {
        return new SqlTableDataset<>(datasetName, database, table, rows, loaded, ifExists, columnTypes, batchSize);
    }

    /** This dataset, sending inserted rows to the database {@code batchSize} at a time (default 1000). */
    public SqlTableDataset<T> withBatchSize(int batchSize) {
        return new SqlTableDataset<>(datasetName, database, table, rows, columns, ifExists, columnTypes, batchSize);
    }

    /** This dataset, naming itself {@code name} in errors (the catalog entry's name). */
    SqlTableDataset<T> named(String name) {
        return new SqlTableDataset<>(name, database, table, rows, columns, ifExists, columnTypes, batchSize);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        try (Connection connection = database.connect()) {
            if (!table.exists(connection)) {
                throw SqlErrors.failure(
                        datasetName,
                        "No table " + table + " at " + database.maskedUrl() + ". Run the node that produces this"
                                + " dataset first, or fix the entry's table_name (and schema).",
                        null);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(table.select(columns))) {
                return (T) (rows ? Results.rows(result) : Results.frame(result));
            }
        } catch (SQLException e) {
            throw SqlErrors.of(
                    datasetName,
                    database,
                    "load table " + table,
                    e,
                    "Check the table's name and schema" + (columns.isEmpty() ? "" : ", and the columns " + columns)
                            + ".");
        }
    }

    @Override
    public void save(T value) {
        if (value == null) {
            throw SqlErrors.failure(datasetName, "Cannot save null to table " + table + "; pass a value.", null);
        }
        TableData data;
        try {
            data = TableData.of(value);
        } catch (IllegalArgumentException e) {
            throw cannotSave(e.getMessage(), e);
        }
        try (Connection connection = database.connect()) {
            new TableWriter(table, ifExists, columnTypes, batchSize).write(connection, data);
        } catch (TableExistsException e) {
            throw cannotSave(
                    "the table exists and save_args.if_exists is 'fail' (the default, as in pandas); set if_exists to"
                            + " 'replace' to write it anew or 'append' to add rows",
                    null);
        } catch (IllegalArgumentException e) {
            throw cannotSave(e.getMessage(), e);
        } catch (SQLException e) {
            throw SqlErrors.of(
                    datasetName,
                    database,
                    "save table " + table,
                    e,
                    "The transaction was rolled back; the table is as it was before.");
        }
    }

    private DatasetException cannotSave(String problem, Throwable cause) {
        return SqlErrors.failure(
                datasetName,
                "Cannot save table " + table + " at " + database.maskedUrl() + ": " + problem
                        + ". Nothing was written; the table is as it was before.",
                cause);
    }

    @Override
    public boolean exists() {
        try (Connection connection = database.connect()) {
            return table.exists(connection);
        } catch (SQLException e) {
            throw SqlErrors.of(
                    datasetName, database, "check for table " + table, e, "Check the schema and table name.");
        }
    }

    /** One store per database, so the runner's save concurrency is per database. */
    @Override
    public String storeKey() {
        return database.maskedUrl();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "sql.table");
        description.put("table_name", table.name());
        if (table.schema() != null) {
            description.put("schema", table.schema());
        }
        description.putAll(database.describe());
        description.put("loads", rows ? "rows" : "DataFrame");
        description.put("if_exists", ifExists.spelling());
        return description;
    }

    @Override
    public String toString() {
        return "SqlTableDataset(" + table + " at " + database.maskedUrl() + ")";
    }
}
