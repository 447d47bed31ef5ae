package dev.sluice.parquet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The compression codecs Sluice writes Parquet files with; all of them work without native Hadoop libraries. */
public enum ParquetCompression {
    NONE(CompressionCodecName.UNCOMPRESSED),
    SNAPPY(CompressionCodecName.SNAPPY),
    GZIP(CompressionCodecName.GZIP),
    ZSTD(CompressionCodecName.ZSTD),
    /** The LZ4 block format that pyarrow and pandas write for {@code compression="lz4"}. */
    LZ4_RAW(CompressionCodecName.LZ4_RAW);

    private final CompressionCodecName codec;

    ParquetCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    CompressionCodecName codec() {
        return codec;
    }

    /**
     * The codec called {@code name} in a catalog: one of the constants in any case, {@code
     * uncompressed} or YAML's {@code null}/{@code false} for {@link #NONE}, and {@code lz4} for
     * {@link #LZ4_RAW} as in pandas.
     */
    static Optional<ParquetCompression> parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "none", "uncompressed", "null", "false" -> Optional.of(NONE);
            case "lz4", "lz4_raw" -> Optional.of(LZ4_RAW);
            default ->
                Arrays.stream(values())
                        .filter(c -> c.name().equalsIgnoreCase(key))
                        .findFirst();
        };
    }

    static String choices() {
        return Arrays.stream(values())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
