package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** The CPU time this JVM has used, for the CPU bound and the utilisation columns. */
final class Cpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Cpu() {}

    /** CPU time used by every thread of this process so far, in nanoseconds. */
    static long processNanos() {
        return OS.getProcessCpuTime();
    }

    /** The cores this JVM may use. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The share of the cores' time that {@code cpu} of CPU time is over {@code wall}: 1.0 is every core busy. */
    static double utilisation(Duration cpu, Duration wall) {
        return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos() / cores();
    }
}
