package dev.sluice.io;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A directory partitioned by column values, as Spark's {@code partitionBy} (and Hive) writes it: {@code
 * column=value/} directories, nested one level per partition column, with the part files at the bottom. {@link
 * FileDataset} finds one and hands it to {@link FileDataset#readPartitioned}; a format that reads it adds each
 * partition column to what it read from the partition's files.
 *
 * <p>Names and values are unescaped as Spark escapes them ({@code %XX} is the character with that hexadecimal
 * code; {@code +} stays a plus), and {@code __HIVE_DEFAULT_PARTITION__} is null. Values are typed per column as
 * Spark infers them when it reads the directory: {@link Integer} when every value is an integer in int's range,
 * else {@link Long}, else {@link BigDecimal} for integers beyond long; {@link Double} when every value is a
 * decimal number; {@link LocalDate} when every value is a date ({@code 2024-01-31}); else {@link String} (so a
 * column of integers and dates is strings). Nulls do not take part, and a column of nulls only is a string
 * column. Spark also infers timestamps ({@code 2024-01-31 12:00:00}); they stay strings here.
 *
 * <p>Partitions come in the order of their directories' names, level by level, and each partition's part files
 * in name order. Immutable.
 */
public final class PartitionedDirectory {
    /** The name Hive and Spark give the directory of a null partition value. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** One partition: its columns' typed values, in {@link #columns()} order (null for a null partition). */
    public record Partition(List<Object> values, List<Location> parts) {
        public Partition {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
            parts = List.copyOf(parts);
        }
    }

    private final List<String> columns;
    private final List<Partition> partitions;

    private PartitionedDirectory(List<String> columns, List<Partition> partitions) {
        this.columns = List.copyOf(columns);
        this.partitions = List.copyOf(partitions);
    }

    /** Whether {@code name}, an entry of a dataset's directory, is a partition's directory ({@code column=value}). */
    public static boolean isPartition(String name) {
        return name.indexOf('=') > 0 && !hidden(name);
    }

    /**
     * The partitions under {@code root}, whose entries are {@code names}; {@code invalid} turns a problem (a
     * sentence without a final period) into the error to throw: directories of different partition columns, or
     * data files beside partition directories, which Spark refuses too.
     */
    static PartitionedDirectory read(Location root, List<String> names, Function<String, DatasetException> invalid)
            throws IOException {
        List<Leaf> leaves = new ArrayList<>();
        walk(root, "", names, new ArrayList<>(), leaves, invalid);
        List<String> columns = leaves.isEmpty() ? List.of() : leaves.get(0).columns();
        for (Leaf leaf : leaves) {
            if (!leaf.columns().equals(columns)) {
                throw invalid.apply("its partition directories differ in their columns: " + columns + " in "
                        + leaves.get(0).path() + ", " + leaf.columns() + " in " + leaf.path()
                        + "; write the dataset again in one save");
            }
        }
        List<Function<String, Object>> types = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            types.add(ValueType.of(
                    leaves.stream().map(leaf -> leaf.values().get(column)).toList()));
        }
        List<Partition> partitions = new ArrayList<>();
        for (Leaf leaf : leaves) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String raw = leaf.values().get(c);
                values.add(raw == null ? null : types.get(c).apply(raw));
            }
            partitions.add(new Partition(values, leaf.parts()));
        }
        return new PartitionedDirectory(columns, partitions);
    }

    /** The partition columns, outermost first, unescaped. */
    public List<String> columns() {
        return columns;
    }

    /** The partitions that hold data files, in directory name order. */
    public List<Partition> partitions() {
        return partitions;
    }

    /**
     * The partition columns, to append to {@code dataColumns}, the columns read from the part files; {@code invalid}
     * turns a clash (a partition column the files have too) into the error to throw.
     */
    public String[] columnsAfter(List<String> dataColumns, Function<String, DatasetException> invalid) {
        for (String column : columns) {
            if (dataColumns.contains(column)) {
                throw invalid.apply("column '" + column + "' is both in its files and a partition column; write it"
                        + " again without that column in the data, or partitioned by another column");
            }
        }
        return columns.toArray(String[]::new);
    }

    /**
     * Each partition column's values for every row, in {@link #columns()} order, given each partition's number of
     * rows in {@link #partitions()} order.
     */
    public List<Object[]> rowValues(int[] heights) {
        if (heights.length != partitions.size()) {
            throw new IllegalArgumentException(
                    heights.length + " heights for " + partitions.size() + " partitions; give one per partition");
        }
        int total = java.util.Arrays.stream(heights).sum();
        List<Object[]> columnValues = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            Object[] values = new Object[total];
            int row = 0;
            for (int p = 0; p < heights.length; p++) {
                java.util.Arrays.fill(
                        values,
                        row,
                        row + heights[p],
                        partitions.get(p).values().get(column));
                row += heights[p];
            }
            columnValues.add(values);
        }
        return columnValues;
    }

    /** {@code text} with Spark's escapes ({@code %XX}, one character each) decoded; other text unchanged. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = hex(text.charAt(i + 1));
                int low = hex(text.charAt(i + 2));
                if (high >= 0 && low >= 0) {
                    out.append((char) (high * 16 + low));
                    i += 3;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    /** A partition directory with data files: its path below the root, its columns and raw values. */
    private record Leaf(String path, List<String> columns, List<String> values, List<Location> parts) {}

    private static void walk(
            Location directory,
            String path,
            List<String> names,
            List<String[]> above,
            List<Leaf> leaves,
            Function<String, DatasetException> invalid)
            throws IOException {
        List<String> partitionNames = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String name : names) {
            if (isPartition(name)) {
                partitionNames.add(name);
            } else if (!hidden(name)) {
                files.add(name);
            }
        }
        if (!partitionNames.isEmpty() && !files.isEmpty()) {
            throw invalid.apply(
                    "it has data files beside partition directories in " + (path.isEmpty() ? "its top" : path)
                            + " (" + files.get(0) + " beside " + partitionNames.get(0) + "/), which Spark does not read"
                            + " either; write the dataset again in one save");
        }
        if (partitionNames.isEmpty()) {
            if (!files.isEmpty()) {
                List<Location> parts = files.stream().map(directory::resolve).toList();
                leaves.add(new Leaf(
                        path,
                        above.stream().map(pair -> pair[0]).toList(),
                        above.stream().map(pair -> pair[1]).toList(),
                        parts));
            }
            return;
        }
        for (String name : partitionNames) {
            int equals = name.indexOf('=');
            String raw = name.substring(equals + 1);
            List<String[]> pairs = new ArrayList<>(above);
            pairs.add(
                    new String[] {unescape(name.substring(0, equals)), raw.equals(NULL_PARTITION) ? null : unescape(raw)
                    });
            Location below = directory.resolve(name);
            walk(below, path + name + "/", below.list(), pairs, leaves, invalid);
        }
    }

    /** The type Spark infers for a partition column, as a parser of its values. */
    private enum ValueType {
        INT(Integer::valueOf),
        LONG(Long::valueOf),
        DECIMAL(BigDecimal::new),
        DOUBLE(Double::valueOf),
        DATE(LocalDate::parse),
        STRING(raw -> raw);

        private final Function<String, Object> parse;

        ValueType(Function<String, Object> parse) {
            this.parse = parse;
        }

        /** The parser for the widest type of {@code values} (nulls left out). */
        static Function<String, Object> of(List<String> values) {
            ValueType widest = null;
            for (String value : values) {
                if (value != null) {
                    widest = wider(widest, of(value));
                }
            }
            return (widest == null ? STRING : widest).parse;
        }

        private static ValueType of(String value) {
            if (INTEGER.matcher(value).matches()) {
                try {
                    Integer.parseInt(value);
                    return INT;
                } catch (NumberFormatException e) {
                    try {
                        Long.parseLong(value);
                        return LONG;
                    } catch (NumberFormatException beyondLong) {
                        return DECIMAL;
                    }
                }
            }
            if (DECIMAL_NUMBER.matcher(value).matches()) {
                return DOUBLE;
            }
            try {
                LocalDate.parse(value);
                return DATE;
            } catch (DateTimeParseException e) {
                return STRING;
            }
        }

        /** Numbers widen along int, long, decimal, double; a date with a number, or anything with text, is text. */
        private static ValueType wider(ValueType a, ValueType b) {
            if (a == null || a == b) {
                return b;
            }
            if (a == STRING || b == STRING || a == DATE || b == DATE) {
                return STRING;
            }
            return a.ordinal() > b.ordinal() ? a : b;
        }
    }
}
