package dev.sluice.benchmarks;

import java.time.Duration;

/**
 * The earliest a run of the Spark example could have ended, from two measurements in the same round: the
 * pipeline run with every write made a no-op (its compute, each DataFrame computed once and persisted as
 * the tee does), and every output written alone from memory, one after another.
 *
 * <p>Two bounds. A run that writes cannot end before the same run that does not write ({@code compute
 * only}, wall time). And the cores must do the work of both, the compute's and the writes' CPU time, so the
 * run lasts at least their sum over the cores ({@code CPU}); this bound counts the work as perfectly
 * divisible between the cores, so it never over-estimates. The sum of the writes' wall times is not a
 * bound: writes can overlap each other and the compute.
 *
 * @param limit the larger of the two bounds
 * @param setBy which bound is the larger
 * @param computeOnly the run without writes, wall and CPU
 * @param writesAlone every output written alone, wall and CPU added up
 * @param cpuBound the CPU time of both over the cores
 */
record SparkLimit(Duration limit, Bound setBy, Phase computeOnly, Phase writesAlone, Duration cpuBound) {

    /** The bound that sets the limit, as the report names it. */
    enum Bound {
        COMPUTE("compute only"),
        CPU("CPU on the cores");

        private final String label;

        Bound(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The wall time, the process's CPU time and what Spark ran during one measured stretch. */
    record Phase(Duration wall, Duration cpu, SparkJobs.Activity jobs) {
        static final Phase ZERO = new Phase(Duration.ZERO, Duration.ZERO, SparkJobs.Activity.NONE);

        Phase(Duration wall, Duration cpu) {
            this(wall, cpu, SparkJobs.Activity.NONE);
        }

        Phase plus(Phase other) {
            return new Phase(wall.plus(other.wall), cpu.plus(other.cpu), jobs.plus(other.jobs));
        }
    }

    /** The limit of a round whose compute-only run and writes measured {@code computeOnly} and {@code writesAlone}. */
    static SparkLimit of(Phase computeOnly, Phase writesAlone, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, not " + cores);
        }
        Duration cpuBound = computeOnly.cpu().plus(writesAlone.cpu()).dividedBy(cores);
        return cpuBound.compareTo(computeOnly.wall()) > 0
                ? new SparkLimit(cpuBound, Bound.CPU, computeOnly, writesAlone, cpuBound)
                : new SparkLimit(computeOnly.wall(), Bound.COMPUTE, computeOnly, writesAlone, cpuBound);
    }

    /** {@code wall} over the limit. */
    double ratio(Duration wall) {
        return (double) wall.toNanos() / limit.toNanos();
    }
}
