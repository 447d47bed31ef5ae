package dev.sluice.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** How the benchmark prints numbers. */
final class Format {
    private Format() {}

    /** Seconds with two decimals: {@code 12.41}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }

    /** Whole milliseconds: {@code 112}. */
    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.0f", duration.toNanos() / 1e6);
    }

    /** Seconds as short as they go: {@code 1}, {@code 0.2}. */
    static String compact(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    /** Bytes per second as whole MiB per second: {@code 812}. */
    static String mibPerSecond(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%,.0f", bytesPerSecond / (1 << 20));
    }

    /** A ratio with two decimals: {@code 1.07}. */
    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** A share as a whole percentage: {@code 87%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** Microseconds with one decimal: {@code 12.5}. */
    static String micros(double micros) {
        return String.format(Locale.ROOT, "%.1f", micros);
    }
}
