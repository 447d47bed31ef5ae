package dev.sluice.sql;

import org.dflib.Series;

/** Builds DFLib series from column values: primitive when every value is a non-null int, long, double or boolean. */
final class Columns {
    private Columns() {}

    static Series<?> series(Object[] values) {
        Series<Object> series = Series.of(values);
        Class<?> common = commonClass(values);
        if (common == Integer.class) {
            return series.mapAsInt(v -> (Integer) v);
        } else if (common == Long.class) {
            return series.mapAsLong(v -> (Long) v);
        } else if (common == Double.class) {
            return series.mapAsDouble(v -> (Double) v);
        } else if (common == Boolean.class) {
            return series.mapAsBool(v -> (Boolean) v);
        }
        return series;
    }

    /** The one class of every value, or {@code null} when there is a null or a second class. */
    private static Class<?> commonClass(Object[] values) {
        Class<?> common = null;
        for (Object value : values) {
            if (value == null || (common != null && value.getClass() != common)) {
                return null;
            }
            common = value.getClass();
        }
        return common;
    }
}
