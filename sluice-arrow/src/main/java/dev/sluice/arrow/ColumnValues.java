package dev.sluice.arrow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.dflib.Series;

/**
 * The values of one column read from a file's record batches, batch after batch, into the DFLib series
 * they become: a primitive series ({@code int}, {@code long}, {@code double}, {@code float}, {@code
 * boolean}) when the column has no nulls, an object series otherwise and for every other type.
 */
final class ColumnValues {
    private final String name;
    private final ColumnType type;
    private int[] ints;
    private long[] longs;
    private double[] doubles;
    private float[] floats;
    private boolean[] bools;
    private Object[] objects;
    private boolean[] nulls;

    ColumnValues(String name, ColumnType type, int size) {
        this.name = name;
        this.type = type;
        switch (type.kind()) {
            case INT32, UINT8, UINT16 -> ints = new int[size];
            case INT64, UINT32, UINT64 -> longs = new long[size];
            case FLOAT64 -> doubles = new double[size];
            case FLOAT32, FLOAT16 -> floats = new float[size];
            case BOOL -> bools = new boolean[size];
            default -> objects = new Object[size];
        }
    }

    /**
     * Reads {@code count} values into positions {@code at...}: {@code validity} marks the non-null ones
     * (empty when none is null, or when {@code nullCount == count}); {@code offsets} is empty for
     * fixed-width types.
     */
    void read(int at, int count, long nullCount, ByteBuffer validity, ByteBuffer offsets, ByteBuffer data) {
        boolean allNull = type.kind() == ColumnType.Kind.NULL || (nullCount == count && validity.limit() == 0);
        for (int i = 0; i < count; i++) {
            boolean valid = !allNull
                    && (nullCount == 0 || validity.limit() == 0 || (validity.get(i >> 3) & (1 << (i & 7))) != 0);
            if (!valid) {
                markNull(at + i);
            } else {
                set(at + i, i, offsets, data);
            }
        }
    }

    private void markNull(int position) {
        if (nulls == null) {
            nulls = new boolean[size()];
        }
        nulls[position] = true;
    }

    private int size() {
        return ints != null
                ? ints.length
                : longs != null
                        ? longs.length
                        : doubles != null
                                ? doubles.length
                                : floats != null ? floats.length : bools != null ? bools.length : objects.length;
    }

    private void set(int position, int i, ByteBuffer offsets, ByteBuffer data) {
        int width = type.width();
        switch (type.kind()) {
            case INT8 -> objects[position] = data.get(i);
            case INT16 -> objects[position] = data.getShort(i * 2);
            case INT32 -> ints[position] = data.getInt(i * 4);
            case INT64 -> longs[position] = data.getLong(i * 8);
            case UINT8 -> ints[position] = data.get(i) & 0xFF;
            case UINT16 -> ints[position] = data.getShort(i * 2) & 0xFFFF;
            case UINT32 -> longs[position] = data.getInt(i * 4) & 0xFFFFFFFFL;
            case UINT64 -> {
                long value = data.getLong(i * 8);
                if (value < 0) {
                    throw new IllegalArgumentException("column '" + name + "' holds the unsigned value "
                            + Long.toUnsignedString(value) + ", larger than a Java long can hold");
                }
                longs[position] = value;
            }
            case FLOAT16 -> floats[position] = halfToFloat(data.getShort(i * 2));
            case FLOAT32 -> floats[position] = data.getFloat(i * 4);
            case FLOAT64 -> doubles[position] = data.getDouble(i * 8);
            case BOOL -> bools[position] = (data.get(i >> 3) & (1 << (i & 7))) != 0;
            case UTF8, LARGE_UTF8 -> objects[position] = new String(bytes(i, offsets, data), StandardCharsets.UTF_8);
            case BINARY, LARGE_BINARY -> objects[position] = bytes(i, offsets, data);
            case FIXED_BINARY -> {
                byte[] value = new byte[width];
                data.get(i * width, value);
                objects[position] = value;
            }
            case DATE_DAY -> objects[position] = LocalDate.ofEpochDay(data.getInt(i * 4));
            case DATE_MILLI ->
                objects[position] = LocalDate.ofEpochDay(Math.floorDiv(data.getLong(i * 8), 86_400_000L));
            case TIMESTAMP -> objects[position] = timestamp(data.getLong(i * 8));
            case TIME32 -> objects[position] = time(data.getInt(i * 4));
            case TIME64 -> objects[position] = time(data.getLong(i * 8));
            default -> throw new IllegalStateException("no values to read for " + type);
        }
    }

    private byte[] bytes(int i, ByteBuffer offsets, ByteBuffer data) {
        long start = type.largeOffsets() ? offsets.getLong(i * 8) : offsets.getInt(i * 4);
        long end = type.largeOffsets() ? offsets.getLong(i * 8 + 8) : offsets.getInt(i * 4 + 4);
        if (start < 0 || end < start || end > data.limit()) {
            throw new IllegalArgumentException("column '" + name + "' has value offsets " + start + " to " + end
                    + " outside its " + data.limit() + " bytes of data");
        }
        byte[] value = new byte[(int) (end - start)];
        data.get((int) start, value);
        return value;
    }

    private Object timestamp(long ticks) {
        long perSecond = ColumnType.ticksPerSecond(type.unit());
        long seconds = Math.floorDiv(ticks, perSecond);
        int nanos = (int) (Math.floorMod(ticks, perSecond) * (1_000_000_000L / perSecond));
        return type.timezone() == null
                ? LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC)
                : Instant.ofEpochSecond(seconds, nanos);
    }

    private LocalTime time(long ticks) {
        return LocalTime.ofNanoOfDay(ticks * (1_000_000_000L / ColumnType.ticksPerSecond(type.unit())));
    }

    /** IEEE 754 half precision to single precision, exactly. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits >>> 15) << 31;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The value at {@code position}, boxed; null where the column is null. */
    Object get(int position) {
        if (nulls != null && nulls[position]) {
            return null;
        }
        if (ints != null) {
            return ints[position];
        }
        if (longs != null) {
            return longs[position];
        }
        if (doubles != null) {
            return doubles[position];
        }
        if (floats != null) {
            return floats[position];
        }
        if (bools != null) {
            return bools[position];
        }
        return objects[position];
    }

    /** The values as a series: primitive when the type has a primitive series and no value is null. */
    Series<?> series() {
        if (nulls == null) {
            if (ints != null) {
                return Series.ofInt(ints);
            }
            if (longs != null) {
                return Series.ofLong(longs);
            }
            if (doubles != null) {
                return Series.ofDouble(doubles);
            }
            if (floats != null) {
                return Series.ofFloat(floats);
            }
            if (bools != null) {
                return Series.ofBool(bools);
            }
            return Series.of(objects);
        }
        Object[] boxed = new Object[size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = get(i);
        }
        return Series.of(boxed);
    }

    /** The indices read into this column looked up in {@code dictionary}: a dictionary-encoded column. */
    Series<?> lookUp(java.util.List<Object> dictionary) {
        Object[] values = new Object[size()];
        for (int i = 0; i < values.length; i++) {
            Number index = (Number) get(i);
            if (index == null) {
                continue;
            }
            if (index.longValue() < 0 || index.longValue() >= dictionary.size()) {
                throw new IllegalArgumentException(
                        "column '" + name + "' refers to dictionary entry " + index + " of " + dictionary.size());
            }
            values[i] = dictionary.get(index.intValue());
        }
        return Series.of(values);
    }
}
