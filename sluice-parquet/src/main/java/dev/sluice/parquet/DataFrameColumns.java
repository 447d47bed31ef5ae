package dev.sluice.parquet;

import com.jerolba.carpet.model.FieldType;
import com.jerolba.carpet.model.FieldTypes;
import com.jerolba.carpet.model.WriteRecordModelType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/**
 * Maps DFLib {@link DataFrame} columns to Parquet columns and back.
 *
 * <p>Writing describes each column to Carpet with a write model whose "records" are row positions.
 * A column's Parquet type comes from its values: primitive series become required columns, object
 * columns optional ones; enums are written as strings. Reading rebuilds primitive series for
 * columns without nulls and object series otherwise.
 */
final class DataFrameColumns {
    /** What Carpet writes for each row: its position in the frame. */
    record RowPosition(int index) {}

    private static final Map<Class<?>, FieldType> OBJECT_TYPES = Map.ofEntries(
            Map.entry(Integer.class, FieldTypes.INTEGER),
            Map.entry(Long.class, FieldTypes.LONG),
            Map.entry(Double.class, FieldTypes.DOUBLE),
            Map.entry(Float.class, FieldTypes.FLOAT),
            Map.entry(Short.class, FieldTypes.SHORT),
            Map.entry(Byte.class, FieldTypes.BYTE),
            Map.entry(Boolean.class, FieldTypes.BOOLEAN),
            Map.entry(String.class, FieldTypes.STRING),
            Map.entry(LocalDate.class, FieldTypes.LOCAL_DATE),
            Map.entry(LocalDateTime.class, FieldTypes.LOCAL_DATE_TIME),
            Map.entry(LocalTime.class, FieldTypes.LOCAL_TIME),
            Map.entry(Instant.class, FieldTypes.INSTANT),
            Map.entry(UUID.class, FieldTypes.UUID));

    private DataFrameColumns() {}

    /**
     * The write model for {@code frame}.
     *
     * @throws IllegalArgumentException naming the column, if a column mixes types or holds a type
     *     Parquet columns cannot represent
     */
    static WriteRecordModelType<RowPosition> writeModel(DataFrame frame) {
        WriteRecordModelType<RowPosition> model = FieldTypes.writeRecordModel(RowPosition.class);
        String[] labels = frame.getColumnsIndex().toArray();
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            Series<?> column = frame.getColumn(i);
            if (column instanceof IntSeries ints) {
                model.withField(label, (RowPosition row) -> ints.getInt(row.index()));
            } else if (column instanceof LongSeries longs) {
                model.withField(label, (RowPosition row) -> longs.getLong(row.index()));
            } else if (column instanceof DoubleSeries doubles) {
                model.withField(label, (RowPosition row) -> doubles.getDouble(row.index()));
            } else if (column instanceof FloatSeries floats) {
                model.withField(label, (RowPosition row) -> floats.getFloat(row.index()));
            } else if (column instanceof BooleanSeries bools) {
                model.withField(label, (RowPosition row) -> bools.getBool(row.index()));
            } else {
                addObjectColumn(model, label, column);
            }
        }
        return model;
    }

    private static void addObjectColumn(WriteRecordModelType<RowPosition> model, String label, Series<?> column) {
        Class<?> type = valueType(label, column);
        if (type.isEnum()) {
            model.withField(label, FieldTypes.STRING, row -> {
                Object value = column.get(row.index());
                return value == null ? null : ((Enum<?>) value).name();
            });
            return;
        }
        FieldType fieldType = OBJECT_TYPES.get(type);
        if (fieldType == null) {
            throw new IllegalArgumentException("column '" + label + "' holds " + type.getName()
                    + " values, which have no Parquet column type here. Convert the column to one of "
                    + supportedTypes() + " (or to strings) before saving, or save the value with the 'object'"
                    + " dataset type");
        }
        model.withField(label, fieldType, row -> column.get(row.index()));
    }

    /** The one class of the column's non-null values; String for a column of nulls only. */
    private static Class<?> valueType(String label, Series<?> column) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (int i = 0; i < column.size(); i++) {
            Object value = column.get(i);
            if (value != null) {
                classes.add(value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass());
            }
        }
        if (classes.isEmpty()) {
            return String.class;
        }
        if (classes.size() > 1) {
            throw new IllegalArgumentException("column '" + label + "' mixes value types " + names(classes)
                    + "; a Parquet column has one type. Convert the column to a single type before saving"
                    + " (for example, map every value to a String)");
        }
        return classes.iterator().next();
    }

    /** A frame with {@code labels} as columns, built from rows read as maps. */
    static DataFrame fromRows(List<String> labels, List<? extends Map<?, ?>> rows) {
        List<Series<?>> columns = new ArrayList<>(labels.size());
        for (String label : labels) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = rows.get(r).get(label);
            }
            columns.add(toSeries(values));
        }
        return DataFrame.byColumn(labels.toArray(String[]::new)).ofIterable(columns);
    }

    /** The values as a primitive series when they are all non-null ints, longs, doubles or booleans. */
    static Series<?> toSeries(Object[] values) {
        Class<?> common = null;
        for (Object value : values) {
            if (value == null || (common != null && value.getClass() != common)) {
                return Series.of(values);
            }
            common = value.getClass();
        }
        if (common == Integer.class) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (Integer) values[i];
            }
            return Series.ofInt(ints);
        }
        if (common == Long.class) {
            long[] longs = new long[values.length];
            for (int i = 0; i < longs.length; i++) {
                longs[i] = (Long) values[i];
            }
            return Series.ofLong(longs);
        }
        if (common == Double.class) {
            double[] doubles = new double[values.length];
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] = (Double) values[i];
            }
            return Series.ofDouble(doubles);
        }
        if (common == Boolean.class) {
            boolean[] bools = new boolean[values.length];
            for (int i = 0; i < bools.length; i++) {
                bools[i] = (Boolean) values[i];
            }
            return Series.ofBool(bools);
        }
        return Series.of(values);
    }

    private static String supportedTypes() {
        return "int, long, double, float, short, byte, boolean, String, LocalDate, LocalDateTime, LocalTime,"
                + " Instant, UUID and enums";
    }

    private static String names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).toList().toString();
    }
}
