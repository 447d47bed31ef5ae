package dev.sluice.sql;

import dev.sluice.DatasetException;
import java.sql.SQLException;

/** The messages of SQL datasets' I/O failures: each names the dataset and the database (masked) and says what to do. */
final class SqlErrors {
    private SqlErrors() {}

    static DatasetException failure(String datasetName, String message, Throwable cause) {
        String prefix = datasetName == null ? "" : "Dataset '" + datasetName + "': ";
        return new DatasetException(datasetName, prefix + message, cause);
    }

    /**
     * A failure to {@code action} ("load table sales") on {@code database}: a missing driver, a refused
     * connection, or the database's own error, with what to check.
     */
    static DatasetException of(String datasetName, Database database, String action, SQLException e, String fix) {
        String where = database.maskedUrl();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.startsWith("No suitable driver")) {
            return failure(
                    datasetName,
                    "Cannot " + action + ": no JDBC driver on the class path takes " + where + ". Add the database's"
                            + " driver to the project's dependencies (org.postgresql:postgresql for PostgreSQL,"
                            + " org.duckdb:duckdb_jdbc for DuckDB), or fix the URL in 'con'.",
                    e);
        }
        String state = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return failure(
                    datasetName,
                    "Cannot " + action + ": cannot connect to " + where + ": " + message.strip() + state
                            + ". Check that the database is running and reachable, and the credentials' con, user and"
                            + " password.",
                    e);
        }
        return failure(
                datasetName, "Cannot " + action + " at " + where + ": " + message.strip() + state + ". " + fix, e);
    }
}
