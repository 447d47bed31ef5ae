package dev.sluice.sql;

import dev.sluice.sql.SqlTypes.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@link TableData} into a table over one connection, inside one transaction: creating,
 * replacing or appending as {@link IfExists} says, inserting in batches. Whatever fails, the
 * transaction rolls back, so the table is left as it was.
 */
final class TableWriter {
    private final SqlTable table;
    private final IfExists ifExists;
    private final Map<String, String> declaredTypes;
    private final int batchSize;

    TableWriter(SqlTable table, IfExists ifExists, Map<String, String> declaredTypes, int batchSize) {
        this.table = table;
        this.ifExists = ifExists;
        this.declaredTypes = declaredTypes;
        this.batchSize = batchSize;
    }

    /**
     * Writes {@code data} and commits.
     *
     * @throws TableExistsException if the table exists and {@link IfExists#FAIL} applies
     * @throws IllegalArgumentException for a column with no SQL type, before anything is written
     */
    void write(Connection connection, TableData data) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        product = product == null ? "" : product.toLowerCase(Locale.ROOT).replace(" ", "");
        List<SqlType> columnTypes = columnTypes(data, product);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            boolean exists = table.exists(connection);
            if (exists && ifExists == IfExists.FAIL) {
                throw new TableExistsException();
            }
            try (Statement statement = connection.createStatement()) {
                if (exists && ifExists == IfExists.REPLACE) {
                    statement.execute("DROP TABLE " + table.quoted());
                }
                if (!exists || ifExists == IfExists.REPLACE) {
                    statement.execute(createTable(data.labels(), columnTypes));
                }
            }
            insert(connection, data, columnTypes);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // The connection is closed next; its state no longer matters.
            }
        }
    }

    /** Each column's type: as declared in {@code dtype}, else from its values. */
    private List<SqlType> columnTypes(TableData data, String product) {
        List<SqlType> types = new ArrayList<>();
        for (int column = 0; column < data.labels().size(); column++) {
            String declared = declaredTypes.get(data.labels().get(column));
            SqlType inferred;
            try {
                inferred = SqlTypes.of(data, column, product);
            } catch (IllegalArgumentException e) {
                if (declared == null) {
                    throw e;
                }
                // The declared type covers values Sluice cannot type itself; the driver types the nulls.
                inferred = new SqlType(declared, Types.NULL);
            }
            types.add(declared == null ? inferred : new SqlType(declared, inferred.jdbcType()));
        }
        return types;
    }

    private String createTable(List<String> labels, List<SqlType> types) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            columns.add(SqlTable.quote(labels.get(i)) + " " + types.get(i).name());
        }
        return "CREATE TABLE " + table.quoted() + " (" + String.join(", ", columns) + ")";
    }

    private void insert(Connection connection, TableData data, List<SqlType> types) throws SQLException {
        if (data.height() == 0) {
            return;
        }
        List<String> quoted = data.labels().stream().map(SqlTable::quote).toList();
        String sql = "INSERT INTO " + table.quoted() + " (" + String.join(", ", quoted) + ") VALUES ("
                + String.join(", ", Collections.nCopies(quoted.size(), "?")) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (int row = 0; row < data.height(); row++) {
                for (int column = 0; column < quoted.size(); column++) {
                    Object value = data.get(row, column);
                    if (value == null) {
                        insert.setNull(column + 1, types.get(column).jdbcType());
                    } else {
                        insert.setObject(column + 1, SqlTypes.bindable(value));
                    }
                }
                insert.addBatch();
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /** The table exists and the save may not touch it. */
    static final class TableExistsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TableExistsException() {
            super(null, null, false, false);
        }
    }
}
