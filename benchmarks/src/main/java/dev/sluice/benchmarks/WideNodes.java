package dev.sluice.benchmarks;

import java.util.Map;
import java.util.Random;

/**
 * The wide pipeline's node functions: real arithmetic of equal size in every branch, so the benchmark
 * measures scheduling and I/O rather than a sleep. Pure; none modifies its inputs.
 */
final class WideNodes {
    /** How many numbers the source produces. */
    static final int SAMPLES = 20_000;
    /** Histogram bins of each branch's result. */
    static final int BINS = 32;
    /** Steps of the map per sample: sets a branch's compute to a few hundred milliseconds. */
    static final int STEPS = 8_000;

    private WideNodes() {}

    /** The source: {@link #SAMPLES} numbers in (0, 1) from a fixed seed. */
    static double[] samples() {
        Random random = new Random(42);
        double[] values = new double[SAMPLES];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.01 + 0.98 * random.nextDouble();
        }
        return values;
    }

    /**
     * One branch: iterates the logistic map {@code y -> r·y·(1 - y)} {@link #STEPS} times from every
     * sample, with a growth rate {@code r} in the chaotic range that differs per branch, and returns the
     * histogram of where the samples end up.
     */
    static double[] branch(double[] samples, int branch) {
        double rate = 3.6 + 0.39 * branch / 16.0;
        double[] histogram = new double[BINS];
        for (double sample : samples) {
            double y = sample;
            for (int step = 0; step < STEPS; step++) {
                y = rate * y * (1 - y);
            }
            histogram[Math.min(BINS - 1, (int) (y * BINS))]++;
        }
        return histogram;
    }

    /** The join: adds up the branches' histograms. */
    static double[] join(Map<String, Object> histograms) {
        double[] total = new double[BINS];
        for (Object value : histograms.values()) {
            double[] histogram = (double[]) value;
            for (int i = 0; i < BINS; i++) {
                total[i] += histogram[i];
            }
        }
        return total;
    }
}
