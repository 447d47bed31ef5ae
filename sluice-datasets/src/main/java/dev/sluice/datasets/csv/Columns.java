package dev.sluice.datasets.csv;

import dev.sluice.DatasetException;
import dev.sluice.datasets.csv.CsvDataset.ColumnType;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dflib.Series;

/** Turns one column of CSV text into a typed DFLib {@link Series}, declared or inferred. */
final class Columns {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");

    private Columns() {}

    /** The narrowest type every non-null value fits: int, long, double, boolean, else string. */
    static ColumnType infer(String[] values) {
        boolean fitsInt = true;
        boolean fitsLong = true;
        boolean fitsDouble = true;
        boolean fitsBoolean = true;
        boolean any = false;
        for (String value : values) {
            if (value == null) {
                continue;
            }
            any = true;
            boolean integer = INTEGER.matcher(value).matches();
            fitsInt &= integer && parses(value, ColumnType.INT);
            fitsLong &= integer && parses(value, ColumnType.LONG);
            fitsDouble &= DECIMAL.matcher(value).matches();
            fitsBoolean &= value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            if (!fitsLong && !fitsDouble && !fitsBoolean) {
                return ColumnType.STRING;
            }
        }
        if (!any) {
            return ColumnType.STRING;
        }
        if (fitsInt) {
            return ColumnType.INT;
        }
        if (fitsLong) {
            return ColumnType.LONG;
        }
        if (fitsDouble) {
            return ColumnType.DOUBLE;
        }
        return fitsBoolean ? ColumnType.BOOLEAN : ColumnType.STRING;
    }

    /** Values of one Java type as a series: primitive when they are all non-null ints, longs or doubles. */
    static Series<?> ofValues(Object[] values) {
        boolean ints = true;
        boolean longs = true;
        boolean doubles = true;
        for (Object value : values) {
            ints &= value instanceof Integer;
            longs &= value instanceof Long;
            doubles &= value instanceof Double;
        }
        if (values.length > 0 && ints) {
            return Series.ofInt(
                    java.util.Arrays.stream(values).mapToInt(v -> (Integer) v).toArray());
        }
        if (values.length > 0 && longs) {
            return Series.ofLong(
                    java.util.Arrays.stream(values).mapToLong(v -> (Long) v).toArray());
        }
        if (values.length > 0 && doubles) {
            return Series.ofDouble(
                    java.util.Arrays.stream(values).mapToDouble(v -> (Double) v).toArray());
        }
        return Series.of(values);
    }

    /**
     * The column as a series of {@code type}: primitive when it has no nulls, boxed otherwise.
     * {@code error} turns a value that does not parse (named with its line) into a load error.
     */
    static Series<?> parse(
            String name,
            ColumnType type,
            String[] values,
            List<CsvFormat.Record> records,
            Function<String, DatasetException> error) {
        boolean hasNull = false;
        for (String value : values) {
            hasNull |= value == null;
        }
        int n = values.length;
        switch (type) {
            case STRING:
                return Series.of(values);
            case INT:
                if (!hasNull) {
                    int[] ints = new int[n];
                    for (int i = 0; i < n; i++) {
                        ints[i] = (Integer) convert(name, type, values[i], records.get(i), error);
                    }
                    return Series.ofInt(ints);
                }
                break;
            case LONG:
                if (!hasNull) {
                    long[] longs = new long[n];
                    for (int i = 0; i < n; i++) {
                        longs[i] = (Long) convert(name, type, values[i], records.get(i), error);
                    }
                    return Series.ofLong(longs);
                }
                break;
            case DOUBLE:
                if (!hasNull) {
                    double[] doubles = new double[n];
                    for (int i = 0; i < n; i++) {
                        doubles[i] = (Double) convert(name, type, values[i], records.get(i), error);
                    }
                    return Series.ofDouble(doubles);
                }
                break;
            case BOOLEAN:
                if (!hasNull) {
                    boolean[] booleans = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        booleans[i] = (Boolean) convert(name, type, values[i], records.get(i), error);
                    }
                    return Series.ofBool(booleans);
                }
                break;
        }
        Object[] boxed = new Object[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = values[i] == null ? null : convert(name, type, values[i], records.get(i), error);
        }
        return Series.of(boxed);
    }

    /**
     * The column as dates: {@code LocalDate}s when every value is a date ({@code 2024-01-31}), else {@code
     * LocalDateTime}s ({@code 2024-01-31 12:00:00} or with a {@code T}); nulls stay null.
     */
    static Series<?> dates(
            String name, String[] values, List<CsvFormat.Record> records, Function<String, DatasetException> error) {
        boolean allDates = true;
        for (String value : values) {
            allDates &= value == null || value.length() == 10;
        }
        Object[] parsed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null) {
                continue;
            }
            try {
                parsed[i] = allDates
                        ? java.time.LocalDate.parse(value)
                        : value.length() == 10
                                ? java.time.LocalDate.parse(value).atStartOfDay()
                                : java.time.LocalDateTime.parse(value.replace(' ', 'T'));
            } catch (java.time.format.DateTimeParseException e) {
                throw error.apply("line " + records.get(i).line() + ", column '" + name + "': '" + value
                        + "' is not an ISO date or date-time (2024-01-31, 2024-01-31 12:00:00); fix the value, or"
                        + " remove the column from load_args.parse_dates");
            }
        }
        return Series.of(parsed);
    }

    /** The text of one cell as written to a file; null stays null (an empty, unquoted field). */
    static String format(Object value) {
        return value == null ? null : value.toString();
    }

    /** Like {@link #format(Object)}, with {@code decimal} as the decimal mark of floating-point numbers. */
    static String format(Object value, char decimal) {
        String text = format(value);
        if (decimal != '.' && (value instanceof Double || value instanceof Float)) {
            return text.replace('.', decimal);
        }
        return text;
    }

    /**
     * The values with {@code decimal} read as the decimal point where that makes a number ({@code 1,5} with
     * {@code decimal: ","} is {@code 1.5}); other values unchanged.
     */
    static String[] withDecimalPoint(String[] values, char decimal) {
        String[] converted = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value != null && value.indexOf(decimal) >= 0 && value.indexOf('.') < 0) {
                String candidate = value.replace(decimal, '.');
                converted[i] = DECIMAL.matcher(candidate).matches() ? candidate : value;
            } else {
                converted[i] = value;
            }
        }
        return converted;
    }

    private static Object convert(
            String name,
            ColumnType type,
            String value,
            CsvFormat.Record record,
            Function<String, DatasetException> error) {
        boolean ok =
                switch (type) {
                    case INT, LONG -> INTEGER.matcher(value).matches() && parses(value, type);
                    case DOUBLE -> DECIMAL.matcher(value).matches();
                    case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                    case STRING -> true;
                };
        if (!ok) {
            throw error.apply("line " + record.line() + ", column '" + name + "': '" + value + "' is not "
                    + type.label() + "; fix the value, or declare the column with another type in"
                    + " load_args.dtype (string keeps any text)");
        }
        return switch (type) {
            case INT -> Integer.parseInt(value);
            case LONG -> Long.parseLong(value);
            case DOUBLE -> Double.parseDouble(value);
            case BOOLEAN -> Boolean.parseBoolean(value.toLowerCase());
            case STRING -> value;
        };
    }

    private static boolean parses(String integer, ColumnType type) {
        try {
            if (type == ColumnType.INT) {
                Integer.parseInt(integer);
            } else {
                Long.parseLong(integer);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
