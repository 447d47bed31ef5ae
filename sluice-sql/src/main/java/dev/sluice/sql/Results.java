package dev.sluice.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Reads a JDBC result into a DFLib {@link DataFrame} or into rows. Values take the Java types of
 * their SQL types (INTEGER: Integer, BIGINT: Long, DOUBLE: Double, NUMERIC: BigDecimal, DATE:
 * LocalDate, TIMESTAMP: LocalDateTime, TIMESTAMP WITH TIME ZONE: OffsetDateTime, ...); a column
 * without nulls of int, long, double or boolean values becomes a primitive series.
 */
final class Results {
    private Results() {}

    /** The column labels of {@code result}, in order. */
    static List<String> labels(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> labels = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return labels;
    }

    /** Every remaining row of {@code result} as a frame. */
    static DataFrame frame(ResultSet result) throws SQLException {
        List<String> labels = labels(result);
        int width = labels.size();
        List<List<Object>> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>());
        }
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
            for (int i = 0; i < width; i++) {
                columns.get(i).add(value(result, meta, i + 1));
            }
        }
        List<Series<?>> series = new ArrayList<>(width);
        for (List<Object> column : columns) {
            series.add(Columns.series(column.toArray()));
        }
        return DataFrame.byColumn(labels.toArray(String[]::new)).ofIterable(series);
    }

    /** Every remaining row of {@code result} as an unmodifiable map from column label to value, in column order. */
    static List<Map<String, Object>> rows(ResultSet result) throws SQLException {
        List<String> labels = labels(result);
        ResultSetMetaData meta = result.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                row.put(labels.get(i), value(result, meta, i + 1));
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }

    private static Object value(ResultSet result, ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        Object value =
                switch (type) {
                    case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> result.getInt(column);
                    case Types.BIGINT -> result.getLong(column);
                    case Types.REAL -> result.getFloat(column);
                    case Types.FLOAT, Types.DOUBLE -> result.getDouble(column);
                    case Types.NUMERIC, Types.DECIMAL -> result.getBigDecimal(column);
                    case Types.BIT, Types.BOOLEAN -> result.getBoolean(column);
                    case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.CLOB ->
                        result.getString(column);
                    case Types.DATE -> result.getObject(column, LocalDate.class);
                    case Types.TIME -> result.getObject(column, LocalTime.class);
                    case Types.TIMESTAMP ->
                        isZoned(meta.getColumnTypeName(column))
                                ? result.getObject(column, OffsetDateTime.class)
                                : result.getObject(column, LocalDateTime.class);
                    case Types.TIMESTAMP_WITH_TIMEZONE -> result.getObject(column, OffsetDateTime.class);
                    case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> result.getBytes(column);
                    default -> result.getObject(column);
                };
        return result.wasNull() ? null : value;
    }

    /** PostgreSQL reports {@code timestamptz} columns as plain TIMESTAMP; their type name tells. */
    private static boolean isZoned(String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return name.equals("timestamptz") || name.contains("with time zone");
    }
}
