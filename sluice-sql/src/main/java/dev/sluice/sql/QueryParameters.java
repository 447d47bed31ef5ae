package dev.sluice.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a query's parameters: a list fills JDBC's {@code ?} placeholders in order; a mapping fills
 * SQLAlchemy-style {@code :name} placeholders (as in Kedro's {@code load_args.params}), which become
 * {@code ?}. Placeholders inside quotes and comments, and PostgreSQL's {@code ::} casts, are left alone.
 *
 * @param sql the query with {@code ?} placeholders
 * @param values the value of each placeholder, in order
 */
record QueryParameters(String sql, List<Object> values) {
    /**
     * The query {@code sql} with {@code params} (a list, a mapping, or {@code null} for none) bound.
     *
     * @throws IllegalArgumentException naming a placeholder without a value, or a value no placeholder uses
     */
    static QueryParameters bind(String sql, Object params) {
        if (params == null) {
            return new QueryParameters(sql, List.of());
        }
        if (params instanceof List<?> list) {
            return new QueryParameters(sql, new ArrayList<>(list));
        }
        if (!(params instanceof Map<?, ?> named)) {
            throw new IllegalArgumentException("params must be a list (for ? placeholders) or a mapping (for :name"
                    + " placeholders), not '" + params + "'");
        }
        StringBuilder out = new StringBuilder(sql.length());
        List<Object> values = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int skip = skipQuotedOrComment(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                if (!named.containsKey(name)) {
                    throw new IllegalArgumentException("the query uses :" + name + " but params gives only "
                            + new TreeSet<>(
                                    named.keySet().stream().map(String::valueOf).toList()));
                }
                values.add(named.get(name));
                used.add(name);
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        Set<String> unused =
                new TreeSet<>(named.keySet().stream().map(String::valueOf).toList());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(
                    "params gives " + unused + ", which the query does not use (write" + " :name in the query)");
        }
        return new QueryParameters(out.toString(), values);
    }

    /** The index after a quoted string, quoted identifier or comment starting at {@code i}, or {@code i}. */
    private static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int end = sql.indexOf(c, i + 1);
            return end < 0 ? sql.length() : end + 1;
        }
        if (sql.startsWith("--", i)) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }
}
