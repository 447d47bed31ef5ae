package dev.sluice.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL column type for a column of Java values, and the value to bind for each; the same mapping
 * {@link Results} reads back, so a saved frame loads with the types it had.
 */
final class SqlTypes {
    /** A column to create: its SQL type as written in {@code CREATE TABLE}, and the JDBC type for nulls. */
    record SqlType(String name, int jdbcType) {}

    private static final Map<Class<?>, SqlType> TYPES = Map.ofEntries(
            Map.entry(Integer.class, new SqlType("INTEGER", Types.INTEGER)),
            Map.entry(Short.class, new SqlType("SMALLINT", Types.SMALLINT)),
            Map.entry(Byte.class, new SqlType("SMALLINT", Types.SMALLINT)),
            Map.entry(Long.class, new SqlType("BIGINT", Types.BIGINT)),
            Map.entry(Double.class, new SqlType("DOUBLE PRECISION", Types.DOUBLE)),
            Map.entry(Float.class, new SqlType("REAL", Types.REAL)),
            Map.entry(BigDecimal.class, new SqlType("NUMERIC", Types.NUMERIC)),
            Map.entry(BigInteger.class, new SqlType("NUMERIC", Types.NUMERIC)),
            Map.entry(Boolean.class, new SqlType("BOOLEAN", Types.BOOLEAN)),
            Map.entry(String.class, new SqlType("TEXT", Types.VARCHAR)),
            Map.entry(Character.class, new SqlType("TEXT", Types.VARCHAR)),
            Map.entry(LocalDate.class, new SqlType("DATE", Types.DATE)),
            Map.entry(LocalTime.class, new SqlType("TIME", Types.TIME)),
            Map.entry(LocalDateTime.class, new SqlType("TIMESTAMP", Types.TIMESTAMP)),
            Map.entry(OffsetDateTime.class, new SqlType("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE)),
            Map.entry(ZonedDateTime.class, new SqlType("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE)),
            Map.entry(Instant.class, new SqlType("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE)),
            Map.entry(UUID.class, new SqlType("UUID", Types.OTHER)),
            Map.entry(byte[].class, new SqlType("BLOB", Types.BINARY)));

    private static final SqlType TEXT = TYPES.get(String.class);

    private SqlTypes() {}

    /**
     * The type of column {@code column} of {@code data} in {@code product}'s SQL; TEXT for a column of
     * nulls. Integers and decimals widen (INTEGER and BIGINT to BIGINT, with floating point to DOUBLE).
     *
     * @throws IllegalArgumentException naming the column, for values with no SQL type or a mix of kinds
     */
    static SqlType of(TableData data, int column, String product) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (int row = 0; row < data.height(); row++) {
            Object value = data.get(row, column);
            if (value != null) {
                classes.add(value instanceof Enum<?> e ? String.class : value.getClass());
            }
        }
        String label = data.labels().get(column);
        SqlType type;
        if (classes.isEmpty()) {
            type = TEXT;
        } else if (classes.size() == 1) {
            type = TYPES.get(classes.iterator().next());
        } else {
            type = widened(classes);
        }
        if (type == null) {
            throw new IllegalArgumentException("column '" + label + "' holds "
                    + classes.stream().map(Class::getName).toList() + (classes.size() > 1 ? ", a mix of kinds" : "")
                    + ", which has no SQL column type here. Convert it to numbers, booleans, strings or java.time"
                    + " values, or name its SQL type in save_args.dtype");
        }
        return dialect(type, product);
    }

    /** The value JDBC drivers take for {@code value}. */
    static Object bindable(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        } else if (value instanceof Character c) {
            return c.toString();
        } else if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        } else if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        } else if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        return value;
    }

    private static SqlType widened(Set<Class<?>> classes) {
        Set<Class<?>> integral = Set.of(Integer.class, Short.class, Byte.class, Long.class);
        Set<Class<?>> floating = Set.of(Double.class, Float.class);
        if (integral.containsAll(classes)) {
            return TYPES.get(classes.contains(Long.class) ? Long.class : Integer.class);
        }
        if (classes.stream().allMatch(c -> integral.contains(c) || floating.contains(c))) {
            return TYPES.get(Double.class);
        }
        return null;
    }

    private static SqlType dialect(SqlType type, String product) {
        boolean postgres = product.equals("postgresql");
        if (type.jdbcType() == Types.BINARY && postgres) {
            return new SqlType("BYTEA", Types.BINARY);
        }
        if (type.name().equals("UUID") && !postgres && !product.equals("duckdb")) {
            return TEXT;
        }
        return type;
    }
}
