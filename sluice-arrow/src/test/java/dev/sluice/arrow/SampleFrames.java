package dev.sluice.arrow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;

/** Frames holding every column type the Feather dataset writes, with nulls where a column can hold them. */
final class SampleFrames {
    private SampleFrames() {}

    /** Three rows; the nullable columns hold a null in the middle row. */
    static DataFrame everyType() {
        return DataFrame.byColumn(
                        "int",
                        "long",
                        "double",
                        "float",
                        "bool",
                        "int_null",
                        "long_null",
                        "double_null",
                        "float_null",
                        "bool_null",
                        "short",
                        "byte",
                        "text",
                        "date",
                        "date_time",
                        "instant",
                        "old_date_time",
                        "time",
                        "nothing")
                .of(
                        Series.ofInt(1, -2, Integer.MAX_VALUE),
                        Series.ofLong(Long.MIN_VALUE, 0L, 42L),
                        Series.ofDouble(1.5, Double.NaN, -0.0),
                        Series.ofFloat(1.25f, -3f, Float.MAX_VALUE),
                        Series.ofBool(true, false, true),
                        Series.of(7, null, -7),
                        Series.of(7L, null, 1L << 40),
                        Series.of(0.5, null, Double.NEGATIVE_INFINITY),
                        Series.of(0.5f, null, 2f),
                        Series.of(false, null, true),
                        Series.of((short) 300, null, Short.MIN_VALUE),
                        Series.of((byte) 1, null, Byte.MAX_VALUE),
                        Series.of("plain", null, "ünïcödé €"),
                        Series.of(LocalDate.of(2024, 2, 29), null, LocalDate.of(1900, 1, 1)),
                        Series.of(
                                LocalDateTime.of(2024, 2, 29, 13, 45, 1, 123_456_789),
                                null,
                                LocalDateTime.of(1969, 12, 31, 23, 59, 59)),
                        Series.of(Instant.parse("2024-05-01T10:15:30.000001Z"), null, Instant.EPOCH),
                        Series.of(
                                LocalDateTime.of(1500, 1, 1, 0, 0, 0, 1000), null, LocalDateTime.of(3000, 1, 1, 0, 0)),
                        Series.of(LocalTime.of(13, 45, 1, 123_456_789), null, LocalTime.MIDNIGHT),
                        Series.of(null, null, null));
    }

    /** Column names of {@link #everyType()} whose values come back exactly as they were written. */
    static List<String> names() {
        return List.of(everyType().getColumnsIndex().toArray());
    }
}
