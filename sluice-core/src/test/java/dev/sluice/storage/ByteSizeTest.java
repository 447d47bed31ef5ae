package dev.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @Test
    void parse_plainNumber_isBytes() {
        assertThat(ByteSize.parse("268435456")).isEqualTo(268_435_456L);
        assertThat(ByteSize.parse(" 0 ")).isZero();
        assertThat(ByteSize.parse("12b")).isEqualTo(12);
        assertThat(ByteSize.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource({
        "3k, 3072",
        "3kb, 3072",
        "3KiB, 3072",
        "256m, 268435456",
        "8 MB, 8388608",
        "8 MiB, 8388608",
        "8Mi, 8388608",
        "2g, 2147483648",
        "2 GIB, 2147483648",
        "1t, 1099511627776",
        "1tb, 1099511627776",
        "1 TiB, 1099511627776"
    })
    void parse_everySpellingOfAUnit_isBinary(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @Test
    void parse_fractionOfAUnit_roundsToTheNearestByte() {
        assertThat(ByteSize.parse("1.5 KiB")).isEqualTo(1536);
        assertThat(ByteSize.parse("0.5g")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("1.0001k")).isEqualTo(1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-5", "+5", "5x", "5 mb extra", "k", "1.5", "1.5 b", "5 kibb", ".5k"})
    void parse_notASize_quotesTheText(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void parse_moreThanALongHolds_saysSoInsteadOfOverflowing() {
        assertThatThrownBy(() -> ByteSize.parse("8388608t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'8388608t' is too large");
        assertThatThrownBy(() -> ByteSize.parse("9223372036854775808"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThat(ByteSize.parse("8388607t")).isEqualTo(8_388_607L << 40);
    }

    @Test
    void format_usesBinaryUnitsWithOneDecimalBelowTen() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(512)).isEqualTo("512 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(12L << 20)).isEqualTo("12 MiB");
        assertThat(ByteSize.format(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(ByteSize.format(1536L << 30)).isEqualTo("1.5 TiB");
        assertThat(ByteSize.format(2048L << 40)).isEqualTo("2048 TiB");
    }

    @Test
    void format_belowAKibibyte_readsBackExactly() {
        for (long n = 0; n < 1024; n++) {
            assertThat(ByteSize.parse(ByteSize.format(n))).isEqualTo(n);
        }
    }

    /**
     * One decimal below 10 and none above loses at most half of the last digit shown: 5% of the value
     * at worst (0.5 of 10). The range stops at 2^62 bytes because rounding near {@code Long.MAX_VALUE}
     * shows 8388608 TiB, which is 2^63 and no longer a {@code long}.
     */
    @Test
    void parse_ofFormat_isWithinItsRounding() {
        Seeded.forAll(1000, random -> {
            // Any magnitude, not just the huge values a uniform draw over the range would give.
            long n = Gen.longBetween(random, 0, 1L << Gen.between(random, 0, 62));
            long readBack = ByteSize.parse(ByteSize.format(n));

            assertThat(Math.abs(readBack - n)).as("%d", n).isLessThanOrEqualTo(n / 20);
        });
    }

    @Test
    void parse_kibibytes_isTimes1024() {
        Seeded.forAll(1000, random -> {
            long n = Gen.longBetween(random, 0, Long.MAX_VALUE >> Gen.between(random, 10, 63));

            assertThat(ByteSize.parse(n + "k")).isEqualTo(n * 1024);
        });
    }
}
