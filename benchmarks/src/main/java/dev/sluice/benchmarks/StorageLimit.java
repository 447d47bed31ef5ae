package dev.sluice.benchmarks;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The earliest a run that writes real bytes could have ended, given what its nodes cost and how fast
 * the store takes bytes: the bound the storage suite divides wall time by.
 *
 * <p>It adds one bound to {@link PhysicalLimit}'s, whose save of a node's output takes {@code bytes /
 * write throughput}. The store is one channel that takes at most {@code write throughput} bytes per
 * second, however many saves share it. An output can start saving only once its node has finished (at
 * {@link PhysicalLimit#finishTimes}, with as many workers as nodes), so for every such release time
 * {@code t} the run lasts at least {@code t + (bytes of the outputs released at t or later) / write
 * throughput}. The largest of these over {@code t} is the <b>write bound</b>: with {@code t} the first
 * release it reads "the first node's compute plus every byte at the store's speed"; with {@code t} the
 * last, "the last node plus its own save". Preemptive scheduling on one channel reaches this bound
 * exactly, so it is the tightest bound that the release times and the throughput give.
 *
 * <p>The last bound is the machine's: the cores must have done the run's CPU work, the nodes' compute
 * and everything the saves cost the CPU (copying, encoding, checksums, an in-process server's work),
 * so the run lasts at least its CPU time over the cores ({@link #withCpu}).
 *
 * @param limit the largest of the bounds
 * @param setBy which bound is the largest
 * @param writeBound the write bound
 * @param physical {@link PhysicalLimit}'s bounds with each save taking {@code bytes / write throughput}
 * @param cpuBound the run's CPU time over the cores; zero until {@link #withCpu} gives it
 */
record StorageLimit(Duration limit, Bound setBy, Duration writeBound, PhysicalLimit physical, Duration cpuBound) {

    /** The bound that sets the limit, as the report names it. */
    enum Bound {
        CRITICAL_PATH("critical path"),
        WORKERS("compute on the workers"),
        WRITE_THROUGHPUT("write throughput"),
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

    /**
     * Computes the limit of one run.
     *
     * @param compute each node's compute time in the run, by node name; every node must have one
     * @param freeInputLoads the time it took to load each free input once; missing ones count as zero
     * @param writtenBytes the bytes stored for each persisted output; outputs not listed are not persisted
     * @param writeBytesPerSecond the store's write throughput, the most it takes with any number of writers
     * @param workers how many nodes can compute at once
     * @throws IllegalArgumentException if a node has no compute time, or the throughput is not positive
     */
    static StorageLimit of(
            Pipeline pipeline,
            Map<String, Duration> compute,
            Map<String, Duration> freeInputLoads,
            Map<String, Long> writtenBytes,
            double writeBytesPerSecond,
            int workers) {
        if (!(writeBytesPerSecond > 0)) {
            throw new IllegalArgumentException("The write throughput must be positive, not " + writeBytesPerSecond);
        }
        Map<String, Duration> saves = new HashMap<>();
        writtenBytes.forEach((dataset, bytes) -> saves.put(dataset, transfer(bytes, writeBytesPerSecond)));
        PhysicalLimit physical = PhysicalLimit.of(pipeline, compute, freeInputLoads, saves, workers);

        Map<Node, Duration> finish = PhysicalLimit.finishTimes(pipeline, compute, freeInputLoads);
        Map<Duration, Long> releasedAt = new HashMap<>();
        for (Node node : pipeline.nodes()) {
            long bytes = 0;
            for (String output : new LinkedHashSet<>(node.outputs())) {
                bytes += writtenBytes.getOrDefault(output, 0L);
            }
            if (bytes > 0) {
                releasedAt.merge(finish.get(node), bytes, Long::sum);
            }
        }
        Duration writeBound = Duration.ZERO;
        long bytesFromHere = 0;
        // From the last release back to the first, so each step adds the bytes released at that time.
        for (Duration release : new TreeSet<>(releasedAt.keySet()).descendingSet()) {
            bytesFromHere += releasedAt.get(release);
            writeBound = max(writeBound, release.plus(transfer(bytesFromHere, writeBytesPerSecond)));
        }

        Duration limit = physical.limit();
        Bound setBy = physical.boundByWorkers() ? Bound.WORKERS : Bound.CRITICAL_PATH;
        if (writeBound.compareTo(limit) > 0) {
            limit = writeBound;
            setBy = Bound.WRITE_THROUGHPUT;
        }
        return new StorageLimit(limit, setBy, writeBound, physical, Duration.ZERO);
    }

    /** This limit with the CPU bound of a run that used {@code cpu} of CPU time on {@code cores} cores. */
    StorageLimit withCpu(Duration cpu, int cores) {
        Duration bound = cpu.dividedBy(cores);
        if (bound.compareTo(limit) > 0) {
            return new StorageLimit(bound, Bound.CPU, writeBound, physical, bound);
        }
        return new StorageLimit(limit, setBy, writeBound, physical, bound);
    }

    /**
     * How long a run takes that does everything one thing after another, as {@code sync} on the
     * sequential runner does: every node's compute, every save of a persisted output at the store's
     * write throughput, and every load of a stored input (once per consuming node) at its read throughput.
     *
     * @param storedBytes the bytes stored for each persisted dataset, free inputs and outputs alike
     */
    static Duration inSeries(
            Pipeline pipeline,
            Map<String, Duration> compute,
            Map<String, Long> storedBytes,
            double writeBytesPerSecond,
            double readBytesPerSecond) {
        Duration total = Duration.ZERO;
        long written = 0;
        long read = 0;
        for (Node node : pipeline.nodes()) {
            Duration own = compute.get(node.name());
            if (own == null) {
                throw new IllegalArgumentException("No compute time for node '" + node.name() + "'");
            }
            total = total.plus(own);
            for (String input : distinct(node.inputs())) {
                read += storedBytes.getOrDefault(input, 0L);
            }
            for (String output : distinct(node.outputs())) {
                written += storedBytes.getOrDefault(output, 0L);
            }
        }
        return total.plus(transfer(written, writeBytesPerSecond)).plus(transfer(read, readBytesPerSecond));
    }

    /** The time {@code bytes} take at {@code bytesPerSecond}. */
    static Duration transfer(long bytes, double bytesPerSecond) {
        return Duration.ofNanos(Math.round(bytes / bytesPerSecond * 1e9));
    }

    private static Set<String> distinct(Iterable<String> names) {
        Set<String> set = new LinkedHashSet<>();
        names.forEach(set::add);
        return set;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
