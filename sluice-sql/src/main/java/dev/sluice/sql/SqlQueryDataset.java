package dev.sluice.sql;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a SQL query as a read-only dataset (Kedro's {@code pandas.SQLQueryDataset}): loads a
 * DFLib {@link DataFrame} or rows. The query is given as text or read from a {@code .sql} file (local
 * or on any store) at each load; parameters bind as in {@link #withParams}. Saving is refused. Each
 * load opens its own connection. Immutable and thread-safe.
 *
 * @param <T> {@code DataFrame} or {@code List<Map<String, Object>>}
 */
public final class SqlQueryDataset<T> implements Dataset<T> {
    private final String datasetName;
    private final Database database;
    private final String sql;
    private final Location sqlFile;
    private final boolean rows;
    private final Object params;

    private SqlQueryDataset(
            String datasetName, Database database, String sql, Location sqlFile, boolean rows, Object params) {
        this.datasetName = datasetName;
        this.database = Objects.requireNonNull(database, "database");
        if ((sql == null) == (sqlFile == null)) {
            throw new IllegalArgumentException("Give either the query's text or the file that holds it");
        }
        this.sql = sql;
        this.sqlFile = sqlFile;
        this.rows = rows;
        this.params = params;
    }

    /** The result of {@code sql} on {@code database}, loaded as a DataFrame. */
    public static SqlQueryDataset<DataFrame> dataFrames(Database database, String sql) {
        return new SqlQueryDataset<>(null, database, Objects.requireNonNull(sql, "sql"), null, false, null);
    }

    /** The result of the query in {@code sqlFile} on {@code database}, loaded as a DataFrame. */
    public static SqlQueryDataset<DataFrame> dataFrames(Database database, Location sqlFile) {
        return new SqlQueryDataset<>(null, database, null, Objects.requireNonNull(sqlFile, "sqlFile"), false, null);
    }

    /** This query, loading unmodifiable maps from column name to value instead of a DataFrame. */
    public SqlQueryDataset<List<Map<String, Object>>> asRows() {
        return new SqlQueryDataset<>(datasetName, database, sql, sqlFile, true, params);
    }

    /**
     * This query with parameters: a {@code List} fills {@code ?} placeholders in order, a {@code Map}
     * fills {@code :name} placeholders (Kedro's {@code load_args.params}).
     */
    public SqlQueryDataset<T> withParams(Object parameters) {
        return new SqlQueryDataset<>(datasetName, database, sql, sqlFile, rows, parameters);
    }

    SqlQueryDataset<T> named(String name) {
        return new SqlQueryDataset<>(name, database, sql, sqlFile, rows, params);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        QueryParameters bound;
        try {
            bound = QueryParameters.bind(queryText(), params);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.failure(datasetName, "Cannot run the query: " + e.getMessage() + ".", e);
        }
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(bound.sql())) {
            for (int i = 0; i < bound.values().size(); i++) {
                statement.setObject(i + 1, SqlTypes.bindable(bound.values().get(i)));
            }
            try (ResultSet result = statement.executeQuery()) {
                return (T) (rows ? Results.rows(result) : Results.frame(result));
            }
        } catch (SQLException e) {
            throw SqlErrors.of(
                    datasetName,
                    database,
                    "run the query" + (sqlFile == null ? "" : " in " + sqlFile.uri()),
                    e,
                    "Fix the query" + (params == null ? "" : " or its params") + ".");
        }
    }

    private String queryText() {
        if (sql != null) {
            return sql;
        }
        try (InputStream in = sqlFile.openRead()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SqlErrors.failure(
                    datasetName,
                    "Cannot read the query from " + sqlFile.uri() + ": " + e
                            + ". Check the entry's filepath and that the file is readable.",
                    e);
        }
    }

    /** Always refused: a query's result is not a place to write. */
    @Override
    public void save(T value) {
        throw new DatasetException(
                datasetName,
                (datasetName == null ? "" : "Dataset '" + datasetName + "': ")
                        + "A SQL query dataset is read-only, as in Kedro; save to a 'sql.table' entry instead, or"
                        + " remove this dataset from the node's outputs.",
                null);
    }

    /** Whether the database answers (and, for a query in a file, the file exists). */
    @Override
    public boolean exists() {
        try (Connection connection = database.connect()) {
            return connection.isValid(0) && (sqlFile == null || sqlFile.exists());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    @Override
    public String storeKey() {
        return database.maskedUrl();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "sql.query");
        if (sql != null) {
            description.put("sql", sql);
        } else {
            description.put("filepath", sqlFile.uri().toString());
        }
        description.putAll(database.describe());
        description.put("loads", rows ? "rows" : "DataFrame");
        return description;
    }

    @Override
    public String toString() {
        return "SqlQueryDataset(" + (sql != null ? sql : sqlFile.uri()) + " at " + database.maskedUrl() + ")";
    }
}
