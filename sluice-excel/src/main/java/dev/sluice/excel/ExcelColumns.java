package dev.sluice.excel;

import java.util.Locale;
import org.dflib.Series;

/** Column typing shared by reading and writing: whole numbers, and date-only formats. */
final class ExcelColumns {
    /** The format written for LocalDate values, which reads back as LocalDate. */
    static final String DATE_FORMAT = "yyyy-mm-dd";
    /** The format written for LocalDateTime values. */
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    private ExcelColumns() {}

    /**
     * A series of the values: numbers become Integer or Long when all are whole and fit, and the
     * series is primitive when there is no null and one kind of value.
     */
    static Series<?> series(Object[] values) {
        boolean numbers = false;
        boolean whole = true;
        boolean fitsInt = true;
        boolean nulls = false;
        boolean others = false;
        for (Object value : values) {
            if (value == null) {
                nulls = true;
            } else if (value instanceof Double d) {
                numbers = true;
                whole &= d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53;
                fitsInt &= d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
            } else {
                others = true;
            }
        }
        if (numbers && whole) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Double d) {
                    values[i] = fitsInt ? (Object) d.intValue() : (Object) d.longValue();
                }
            }
        }
        Series<Object> series = Series.of(values);
        if (nulls || others || values.length == 0) {
            return allBooleans(values) && !nulls ? series.mapAsBool(v -> (Boolean) v) : series;
        }
        if (!whole) {
            return series.mapAsDouble(v -> (Double) v);
        }
        return fitsInt ? series.mapAsInt(v -> (Integer) v) : series.mapAsLong(v -> (Long) v);
    }

    private static boolean allBooleans(Object[] values) {
        if (values.length == 0) {
            return false;
        }
        for (Object value : values) {
            if (!(value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an Excel number format shows a date without a time of day. */
    static boolean isDateOnly(String format) {
        // Quoted text and [colour] or [$-locale] sections are not part of the pattern.
        String pattern = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase(Locale.ROOT);
        return !pattern.contains("h") && !pattern.contains("s");
    }
}
