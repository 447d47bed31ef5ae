package dev.sluice.storage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write and read them: {@code 268435456}, {@code 256m}, {@code 8 MiB}, {@code 1.5 KiB}.
 *
 * <p>Every unit is binary (1k = 1024 bytes) however it is spelled: the sizes given to Sluice are buffers
 * and memory bounds, and nobody means 5,000,000 bytes by {@code 5mb}.
 */
public final class ByteSize {
    /** A number, then optionally a unit: b; k, kb, kib (Kubernetes' ki too); the same for m, g and t. */
    private static final Pattern TEXT =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|[kmgt](?:i?b|i)?)?", Pattern.CASE_INSENSITIVE);

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    /**
     * The number of bytes {@code text} stands for: a whole number of bytes, or a number (a fraction is
     * allowed) followed by a unit {@code b}, {@code k}/{@code kb}/{@code kib}, {@code m}/{@code mb}/{@code
     * mib}, {@code g}/{@code gb}/{@code gib} or {@code t}/{@code tb}/{@code tib}, in any case, with or
     * without a space. A fraction of a unit is rounded to the nearest byte.
     *
     * @throws IllegalArgumentException when {@code text} is no such size or more than a {@code long}
     *     holds; the message quotes the text, and callers usually wrap it in words that name the option
     */
    public static long parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a byte size: write a whole number of bytes,"
                    + " or a number and a unit b, k, m, g or t (binary, 1k = 1024), such as 256m or 8 MiB.");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift =
                switch (Character.toLowerCase(unit.charAt(0))) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    case 't' -> 40;
                    default -> 0;
                };
        BigDecimal number = new BigDecimal(m.group(1));
        if (shift == 0 && number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes; give a unit (such as"
                    + " 1.5k) or a whole number.");
        }
        try {
            return number.multiply(BigDecimal.valueOf(1L << shift))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is too large: a byte size must be less than 8 EiB (2^63 bytes).", e);
        }
    }

    /**
     * {@code bytes} for people, in binary units with one decimal below 10: {@code 512 B}, {@code 1.5 KiB},
     * {@code 12 MiB}. {@link #parse} reads the result back to within its rounding.
     */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}
