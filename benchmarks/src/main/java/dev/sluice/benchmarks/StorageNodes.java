package dev.sluice.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The storage pipeline's node functions: each returns a new array as large as its input, after one
 * cheap pass over eight bytes at a time, so that the run's time goes to moving bytes rather than to
 * compute. Pure; none modifies its inputs.
 */
final class StorageNodes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private StorageNodes() {}

    /**
     * The source: {@code size} pseudo-random bytes from a fixed seed, which no store could compress.
     *
     * @throws IllegalArgumentException if {@code size} is not a positive multiple of 8
     */
    static byte[] generate(int size) {
        if (size <= 0 || size % Long.BYTES != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of 8, not " + size);
        }
        SplittableRandom random = new SplittableRandom(42);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i += Long.BYTES) {
            LONGS.set(out, i, random.nextLong());
        }
        return out;
    }

    /** Every eight bytes rotated and mixed with a constant. */
    static byte[] scramble(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += Long.BYTES) {
            long word = (long) LONGS.get(in, i);
            LONGS.set(out, i, Long.rotateLeft(word, 17) ^ 0x9E3779B97F4A7C15L);
        }
        return out;
    }

    /** Every eight bytes masked with a pattern that changes along the array. */
    static byte[] mask(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += Long.BYTES) {
            long word = (long) LONGS.get(in, i);
            LONGS.set(out, i, word ^ (i * 0xBF58476D1CE4E5B9L));
        }
        return out;
    }

    /**
     * The two branches combined eight bytes at a time.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    static byte[] merge(byte[] left, byte[] right) {
        if (left.length != right.length) {
            throw new IllegalArgumentException(
                    "merge needs arrays of one length, not " + left.length + " and " + right.length);
        }
        byte[] out = new byte[left.length];
        for (int i = 0; i < left.length; i += Long.BYTES) {
            long a = (long) LONGS.get(left, i);
            long b = (long) LONGS.get(right, i);
            LONGS.set(out, i, a + Long.rotateRight(b, 29));
        }
        return out;
    }

    /** Every eight bytes added to the previous result, so each word depends on all before it. */
    static byte[] encode(byte[] in) {
        byte[] out = new byte[in.length];
        long running = 0;
        for (int i = 0; i < in.length; i += Long.BYTES) {
            running = running * 31 + (long) LONGS.get(in, i);
            LONGS.set(out, i, running);
        }
        return out;
    }
}
