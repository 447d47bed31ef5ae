package dev.sluice.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * A table, optionally in a schema, named exactly as written: names are always quoted, so {@code
 * Sales} and {@code sales} are two tables, as in pandas' {@code to_sql}.
 *
 * @param schema the schema, or {@code null} for the connection's default
 * @param name the table's name
 */
record SqlTable(String schema, String name) {
    SqlTable {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A table needs a name");
        }
    }

    /** The table as SQL writes it: {@code "schema"."name"}. */
    String quoted() {
        return (schema == null ? "" : quote(schema) + ".") + quote(name);
    }

    /** {@code schema.name} for messages. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }

    /** Whether the table (or a view of that name) exists. */
    boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String escape = meta.getSearchStringEscape();
        // Without a schema, the table is the one unqualified SQL names: in the connection's current schema.
        String in = schema != null ? schema : connection.getSchema();
        try (ResultSet tables =
                meta.getTables(null, in == null ? null : pattern(in, escape), pattern(name, escape), null)) {
            while (tables.next()) {
                if (name.equals(tables.getString("TABLE_NAME"))
                        && (in == null || in.equals(tables.getString("TABLE_SCHEM")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code SELECT columns FROM table}; every column when {@code columns} is empty. */
    String select(List<String> columns) {
        String selected = columns.isEmpty()
                ? "*"
                : String.join(", ", columns.stream().map(SqlTable::quote).toList());
        return "SELECT " + selected + " FROM " + quoted();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code text} as a metadata search pattern that matches only itself. */
    private static String pattern(String text, String escape) {
        if (escape == null || escape.isEmpty()) {
            return text;
        }
        return text.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
