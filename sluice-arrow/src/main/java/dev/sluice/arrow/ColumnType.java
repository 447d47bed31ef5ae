package dev.sluice.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.flatbuf.Date;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FixedSizeBinary;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;
import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/**
 * The Arrow type of one column, among those this module reads and writes.
 *
 * <p>Writing takes the type from the DFLib series: primitive series and boxed values map to Arrow's
 * integers, floats and booleans, {@code String} and enums to utf8, {@code byte[]} to binary, {@code
 * LocalDate} to date32, {@code LocalDateTime} to a timestamp without time zone and {@code Instant} to one
 * in UTC (nanoseconds when every value fits, else microseconds), {@code LocalTime} to time64, and a column
 * of nulls only to Arrow's null type. Reading also accepts unsigned integers, float16, large strings and
 * binaries, fixed-size binaries, date64, time32 and timestamps in any unit and zone.
 *
 * @param kind which type
 * @param unit Arrow's {@code TimeUnit} of a timestamp or time, the byte width of a fixed-size binary, else 0
 * @param timezone a timestamp's zone, or {@code null} for a naive timestamp
 */
record ColumnType(Kind kind, int unit, String timezone) {
    /** The kinds of column this module knows, each with the width of one value in bytes (0: variable). */
    enum Kind {
        NULL(0),
        BOOL(0),
        INT8(1),
        INT16(2),
        INT32(4),
        INT64(8),
        UINT8(1),
        UINT16(2),
        UINT32(4),
        UINT64(8),
        FLOAT16(2),
        FLOAT32(4),
        FLOAT64(8),
        UTF8(0),
        LARGE_UTF8(0),
        BINARY(0),
        LARGE_BINARY(0),
        FIXED_BINARY(0),
        DATE_DAY(4),
        DATE_MILLI(8),
        TIMESTAMP(8),
        TIME32(4),
        TIME64(8);

        final int width;

        Kind(int width) {
            this.width = width;
        }
    }

    private static final Map<Class<?>, Kind> OBJECT_KINDS = Map.ofEntries(
            Map.entry(Integer.class, Kind.INT32),
            Map.entry(Long.class, Kind.INT64),
            Map.entry(Short.class, Kind.INT16),
            Map.entry(Byte.class, Kind.INT8),
            Map.entry(Double.class, Kind.FLOAT64),
            Map.entry(Float.class, Kind.FLOAT32),
            Map.entry(Boolean.class, Kind.BOOL),
            Map.entry(String.class, Kind.UTF8),
            Map.entry(byte[].class, Kind.BINARY),
            Map.entry(LocalDate.class, Kind.DATE_DAY));

    /** Nanoseconds since 1970 fit in a long between these instants (about 1677 to 2262). */
    private static final Instant NANOS_MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);

    private static final Instant NANOS_MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, null);
    }

    /** Whether values of this type are read as text or bytes with an offsets buffer. */
    boolean hasOffsets() {
        return kind == Kind.UTF8 || kind == Kind.LARGE_UTF8 || kind == Kind.BINARY || kind == Kind.LARGE_BINARY;
    }

    /** Whether offsets are 64-bit. */
    boolean largeOffsets() {
        return kind == Kind.LARGE_UTF8 || kind == Kind.LARGE_BINARY;
    }

    /** Bytes per value of a fixed-width type; 0 for booleans, nulls and variable-width types. */
    int width() {
        return kind == Kind.FIXED_BINARY ? unit : kind.width;
    }

    /**
     * The type a column is written as.
     *
     * @throws IllegalArgumentException naming the column, if it mixes value types or holds one Feather
     *     files cannot store here
     */
    static ColumnType forSeries(String label, Series<?> column) {
        if (column instanceof IntSeries) {
            return of(Kind.INT32);
        }
        if (column instanceof LongSeries) {
            return of(Kind.INT64);
        }
        if (column instanceof DoubleSeries) {
            return of(Kind.FLOAT64);
        }
        if (column instanceof FloatSeries) {
            return of(Kind.FLOAT32);
        }
        if (column instanceof BooleanSeries) {
            return of(Kind.BOOL);
        }
        Class<?> type = valueType(label, column);
        if (type == null) {
            return of(Kind.NULL);
        }
        if (type.isEnum()) {
            return of(Kind.UTF8);
        }
        Kind kind = OBJECT_KINDS.get(type);
        if (kind != null) {
            return of(kind);
        }
        if (type == LocalDateTime.class || type == Instant.class) {
            String zone = type == Instant.class ? "UTC" : null;
            if (fitsNanoseconds(column)) {
                return new ColumnType(Kind.TIMESTAMP, TimeUnit.NANOSECOND, zone);
            }
            if (!wholeMicros(column)) {
                throw new IllegalArgumentException("column '" + label + "' holds times before 1677 or after 2262,"
                        + " which Arrow stores in microseconds, and times with nanoseconds, which microseconds"
                        + " cannot hold; round the column to microseconds before saving");
            }
            return new ColumnType(Kind.TIMESTAMP, TimeUnit.MICROSECOND, zone);
        }
        if (type == LocalTime.class) {
            return new ColumnType(Kind.TIME64, wholeMicros(column) ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND, null);
        }
        throw new IllegalArgumentException("column '" + label + "' holds " + type.getName()
                + " values, which Sluice does not write to Feather files. Convert the column to one of int, long,"
                + " short, byte, double, float, boolean, String, enum, byte[], LocalDate, LocalDateTime, Instant"
                + " or LocalTime (or to strings) before saving, or save the value with the 'object' dataset type");
    }

    /** The one class of the column's non-null values; null for a column of nulls only. */
    private static Class<?> valueType(String label, Series<?> column) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (int i = 0; i < column.size(); i++) {
            Object value = column.get(i);
            if (value != null) {
                classes.add(value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass());
            }
        }
        if (classes.size() > 1) {
            throw new IllegalArgumentException("column '" + label + "' mixes value types "
                    + classes.stream().map(Class::getSimpleName).toList()
                    + "; a Feather column has one type. Convert the column to a single type before saving"
                    + " (for example, map every value to a String)");
        }
        return classes.isEmpty() ? null : classes.iterator().next();
    }

    private static boolean fitsNanoseconds(Series<?> column) {
        for (int i = 0; i < column.size(); i++) {
            Object value = column.get(i);
            Instant instant = value instanceof LocalDateTime time ? time.toInstant(ZoneOffset.UTC) : (Instant) value;
            if (instant != null && (instant.isBefore(NANOS_MIN) || instant.isAfter(NANOS_MAX))) {
                return false;
            }
        }
        return true;
    }

    private static boolean wholeMicros(Series<?> column) {
        for (int i = 0; i < column.size(); i++) {
            Object value = column.get(i);
            if (value != null && nanos(value) % 1000 != 0) {
                return false;
            }
        }
        return true;
    }

    private static int nanos(Object value) {
        return value instanceof LocalTime time
                ? time.getNano()
                : value instanceof LocalDateTime time ? time.getNano() : ((Instant) value).getNano();
    }

    /** This type as the {@code type} union of a schema field; returns the union's offset. */
    int writeType(FlatBufferBuilder builder) {
        return switch (kind) {
            case NULL -> emptyTable(builder);
            case BOOL -> emptyTable(builder);
            case INT8, INT16, INT32, INT64 -> Int.createInt(builder, kind.width * 8, true);
            case FLOAT32 -> FloatingPoint.createFloatingPoint(builder, Precision.SINGLE);
            case FLOAT64 -> FloatingPoint.createFloatingPoint(builder, Precision.DOUBLE);
            case UTF8, BINARY -> emptyTable(builder);
            case DATE_DAY -> Date.createDate(builder, DateUnit.DAY);
            case TIMESTAMP ->
                Timestamp.createTimestamp(builder, (short) unit, timezone == null ? 0 : builder.createString(timezone));
            case TIME64 -> Time.createTime(builder, (short) unit, 64);
            default -> throw new IllegalStateException("Sluice does not write " + this);
        };
    }

    /** The {@code Type} union tag of {@link #writeType}. */
    byte typeTag() {
        return switch (kind) {
            case NULL -> Type.Null;
            case BOOL -> Type.Bool;
            case INT8, INT16, INT32, INT64 -> Type.Int;
            case FLOAT32, FLOAT64 -> Type.FloatingPoint;
            case UTF8 -> Type.Utf8;
            case BINARY -> Type.Binary;
            case DATE_DAY -> Type.Date;
            case TIMESTAMP -> Type.Timestamp;
            case TIME64 -> Type.Time;
            default -> throw new IllegalStateException("Sluice does not write " + this);
        };
    }

    private static int emptyTable(FlatBufferBuilder builder) {
        builder.startTable(0);
        return builder.endTable();
    }

    /**
     * The type of a field read from a file.
     *
     * @throws IllegalArgumentException naming the field and its Arrow type, for types Sluice does not read
     */
    static ColumnType read(Field field) {
        byte tag = field.typeType();
        switch (tag) {
            case Type.Null:
                return of(Kind.NULL);
            case Type.Bool:
                return of(Kind.BOOL);
            case Type.Int: {
                Int type = (Int) field.type(new Int());
                int bits = type.bitWidth();
                Kind kind =
                        switch (bits) {
                            case 8 -> type.isSigned() ? Kind.INT8 : Kind.UINT8;
                            case 16 -> type.isSigned() ? Kind.INT16 : Kind.UINT16;
                            case 32 -> type.isSigned() ? Kind.INT32 : Kind.UINT32;
                            case 64 -> type.isSigned() ? Kind.INT64 : Kind.UINT64;
                            default -> throw unsupported(field, "int" + bits);
                        };
                return of(kind);
            }
            case Type.FloatingPoint: {
                short precision = ((FloatingPoint) field.type(new FloatingPoint())).precision();
                return of(
                        precision == Precision.HALF
                                ? Kind.FLOAT16
                                : precision == Precision.SINGLE ? Kind.FLOAT32 : Kind.FLOAT64);
            }
            case Type.Utf8:
                return of(Kind.UTF8);
            case Type.LargeUtf8:
                return of(Kind.LARGE_UTF8);
            case Type.Binary:
                return of(Kind.BINARY);
            case Type.LargeBinary:
                return of(Kind.LARGE_BINARY);
            case Type.FixedSizeBinary:
                return new ColumnType(
                        Kind.FIXED_BINARY, ((FixedSizeBinary) field.type(new FixedSizeBinary())).byteWidth(), null);
            case Type.Date:
                return of(((Date) field.type(new Date())).unit() == DateUnit.DAY ? Kind.DATE_DAY : Kind.DATE_MILLI);
            case Type.Timestamp: {
                Timestamp type = (Timestamp) field.type(new Timestamp());
                return new ColumnType(Kind.TIMESTAMP, type.unit(), type.timezone());
            }
            case Type.Time: {
                Time type = (Time) field.type(new Time());
                return new ColumnType(type.bitWidth() == 32 ? Kind.TIME32 : Kind.TIME64, type.unit(), null);
            }
            default:
                throw unsupported(field, Type.name(tag));
        }
    }

    private static IllegalArgumentException unsupported(Field field, String arrowType) {
        return new IllegalArgumentException("column '" + field.name() + "' has Arrow type " + arrowType
                + ", which Sluice does not read. Sluice reads integers, floats, booleans, strings, binaries,"
                + " dates, times, timestamps, nulls and dictionary-encoded (categorical) columns of those;"
                + " convert the column to one of them where the file is written, or leave it out with"
                + " load_args.columns");
    }

    /** The time unit's ticks in one second. */
    static long ticksPerSecond(int unit) {
        return switch (unit) {
            case TimeUnit.SECOND -> 1L;
            case TimeUnit.MILLISECOND -> 1_000L;
            case TimeUnit.MICROSECOND -> 1_000_000L;
            default -> 1_000_000_000L;
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT)
                + (kind == Kind.TIMESTAMP || kind == Kind.TIME32 || kind == Kind.TIME64
                        ? "[" + TimeUnit.name(unit) + "]"
                        : "")
                + (timezone == null ? "" : "[" + timezone + "]");
    }
}
