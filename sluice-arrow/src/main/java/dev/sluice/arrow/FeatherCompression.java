package dev.sluice.arrow;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.flatbuf.CompressionType;

/**
 * How the buffers of a Feather file's record batches are compressed: not at all, as LZ4 frames (pandas'
 * default) or with Zstandard.
 *
 * <p>LZ4 uses lz4-java's pure-Java classes only (no native library, no {@code sun.misc.Unsafe}); Zstandard
 * uses zstd-jni, which loads a native library the first time a ZSTD file is read or written (JDK 24 and
 * later print a warning about that unless the JVM runs with {@code --enable-native-access=ALL-UNNAMED}).
 */
public enum FeatherCompression {
    /** Buffers stored as they are. */
    UNCOMPRESSED,
    /** Each buffer an LZ4 frame (Arrow's {@code LZ4_FRAME}). */
    LZ4,
    /** Each buffer a Zstandard frame. */
    ZSTD;

    private static final LZ4Factory LZ4_JAVA = LZ4Factory.safeInstance();
    private static final XXHashFactory XXHASH_JAVA = XXHashFactory.safeInstance();

    /** The codec a catalog names: uncompressed (or none), lz4 or zstd, in any case. */
    static Optional<FeatherCompression> parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "uncompressed", "none" -> Optional.of(UNCOMPRESSED);
            case "lz4", "lz4_frame" -> Optional.of(LZ4);
            case "zstd" -> Optional.of(ZSTD);
            default -> Optional.empty();
        };
    }

    static String choices() {
        return Arrays.stream(values())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** The codec of a file's {@code BodyCompression}; empty for one Arrow may add later. */
    static Optional<FeatherCompression> ofArrowCodec(byte codec) {
        return switch (codec) {
            case CompressionType.LZ4_FRAME -> Optional.of(LZ4);
            case CompressionType.ZSTD -> Optional.of(ZSTD);
            default -> Optional.empty();
        };
    }

    byte arrowCodec() {
        return this == ZSTD ? CompressionType.ZSTD : CompressionType.LZ4_FRAME;
    }

    /**
     * {@code data} compressed at {@code level} (0 for the codec's default); for LZ4 a level of 3 or more
     * selects LZ4's high-compression mode, as the LZ4 frame library does.
     */
    byte[] compress(byte[] data, int level) throws IOException {
        return switch (this) {
            case UNCOMPRESSED -> data;
            case ZSTD -> Zstd.compress(data, level == 0 ? Zstd.defaultCompressionLevel() : level);
            case LZ4 -> {
                LZ4Compressor compressor =
                        level >= 3 ? LZ4_JAVA.highCompressor(Math.min(level, 17)) : LZ4_JAVA.fastCompressor();
                ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
                try (LZ4FrameOutputStream frame = new LZ4FrameOutputStream(
                        out,
                        LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                        data.length,
                        compressor,
                        XXHASH_JAVA.hash32(),
                        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                        LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
                    frame.write(data);
                }
                yield out.toByteArray();
            }
        };
    }

    /** {@code length} bytes of {@code data} decompressed into exactly {@code uncompressedLength} bytes. */
    byte[] decompress(byte[] data, int offset, int length, int uncompressedLength) throws IOException {
        byte[] out = new byte[uncompressedLength];
        switch (this) {
            case UNCOMPRESSED -> System.arraycopy(data, offset, out, 0, uncompressedLength);
            case ZSTD -> {
                long written = Zstd.decompressByteArray(out, 0, out.length, data, offset, length);
                if (Zstd.isError(written)) {
                    throw new IOException("ZSTD: " + Zstd.getErrorName(written));
                }
                checkLength(written, uncompressedLength);
            }
            case LZ4 -> {
                try (InputStream in = new LZ4FrameInputStream(
                        new ByteArrayInputStream(data, offset, length),
                        LZ4_JAVA.safeDecompressor(),
                        XXHASH_JAVA.hash32())) {
                    checkLength(in.readNBytes(out, 0, out.length), uncompressedLength);
                    if (in.read() != -1) {
                        throw new IOException("LZ4: the frame holds more than the " + uncompressedLength
                                + " bytes its buffer declares");
                    }
                }
            }
        }
        return out;
    }

    private void checkLength(long actual, int expected) throws IOException {
        if (actual != expected) {
            throw new IOException(
                    name() + ": the buffer declares " + expected + " bytes uncompressed but holds " + actual);
        }
    }
}
