package dev.sluice.sql;

import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options and readers the SQL catalog types share, so that each means the same in every type. */
final class SqlOptions {
    static final Option ROWS = Option.of(
                    "rows",
                    "true or false",
                    "Load a List of Maps (one per row, from column name to value, in column order) instead of a DFLib"
                            + " DataFrame.")
            .withDefault("false");
    static final Option INDEX_COL =
            Option.noEffect("index_col", "DFLib DataFrames have no index, so the column stays an ordinary column");
    static final Option COERCE_FLOAT = Option.noEffect(
            "coerce_float", "values take the Java type of their SQL type (NUMERIC loads as BigDecimal)");
    static final Option PARSE_DATES =
            Option.noEffect("parse_dates", "DATE and TIMESTAMP columns already load as java.time values");

    private SqlOptions() {}

    /** A list of column names under {@code key}; empty when absent. */
    static List<String> names(DatasetArgs args, String key) {
        Object value = args.raw(key).orElse(null);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw args.error(key, "must be a non-empty list of column names, like [id, amount]");
        }
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(String.valueOf(item)));
        return names;
    }

    /** A mapping of column name to text (SQL types) under {@code key}; empty when absent. */
    static Map<String, String> columnTypes(DatasetArgs args, String key) {
        Map<String, Object> raw = args.map(key);
        Map<String, String> types = new LinkedHashMap<>();
        raw.forEach((column, type) -> types.put(String.valueOf(column), String.valueOf(type)));
        return types;
    }
}
