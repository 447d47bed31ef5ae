package dev.sluice.benchmarks;

import dev.sluice.SluiceException;
import dev.sluice.io.BytesDataset;
import dev.sluice.storage.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How fast one store takes and gives back bytes through the path a run uses ({@link BytesDataset}, so
 * {@link Location#write} and {@link Location#openRead}), measured while no run is in progress.
 *
 * @param bytes the size of each object written and read
 * @param serialWrites the time of each write made one at a time
 * @param streams how many writes ran at once in a concurrent measurement
 * @param concurrentWrites the time of each round of {@code streams} writes started together, until the last
 *     one committed
 * @param reads the time of each read of one object, one at a time
 */
record StoreThroughput(
        long bytes, List<Duration> serialWrites, int streams, List<Duration> concurrentWrites, List<Duration> reads) {

    /**
     * Measures the store: {@code repeats} writes one at a time, {@code repeats} rounds of one write to
     * each location at once, and {@code repeats} reads, after two writes and two reads to warm up when
     * {@code warmUp} is set. Writes go to {@code locations}, which the runs overwrite afterwards, so the
     * measurement leaves nothing extra in the store.
     *
     * @throws SluiceException if a write or read fails
     */
    static StoreThroughput measure(List<Location> locations, byte[] data, int repeats, boolean warmUp) {
        BytesDataset first = BytesDataset.at(locations.get(0));
        for (int i = 0; warmUp && i < 2; i++) {
            first.save(data);
            first.load();
        }
        List<Duration> serialWrites = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            first.save(data);
            serialWrites.add(Duration.ofNanos(System.nanoTime() - start));
        }
        List<Duration> concurrentWrites = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(locations.size());
        try {
            for (int i = 0; i < repeats; i++) {
                concurrentWrites.add(writeAtOnce(writers, locations, data));
            }
        } finally {
            writers.shutdownNow();
        }
        List<Duration> reads = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            byte[] back = first.load();
            reads.add(Duration.ofNanos(System.nanoTime() - start));
            if (back.length != data.length) {
                throw new SluiceException(
                        "Reading " + locations.get(0).uri() + " gave " + back.length + " bytes where " + data.length
                                + " were written; the store lost data.",
                        null);
            }
        }
        return new StoreThroughput(
                data.length,
                List.copyOf(serialWrites),
                locations.size(),
                List.copyOf(concurrentWrites),
                List.copyOf(reads));
    }

    /**
     * This measurement's samples and {@code more}'s together.
     *
     * @throws IllegalArgumentException if the two used other object sizes or stream counts
     */
    StoreThroughput plus(StoreThroughput more) {
        if (more.bytes != bytes || more.streams != streams) {
            throw new IllegalArgumentException("Cannot pool measurements of " + bytes + " bytes on " + streams
                    + " streams with " + more.bytes + " bytes on " + more.streams);
        }
        return new StoreThroughput(
                bytes,
                concat(serialWrites, more.serialWrites),
                streams,
                concat(concurrentWrites, more.concurrentWrites),
                concat(reads, more.reads));
    }

    /** How many times each kind of transfer was measured. */
    int samples() {
        return serialWrites.size();
    }

    /** The fastest write rate measured, one at a time or several at once, in bytes per second. */
    double bestWrite() {
        return Math.max(rate(bytes, fastest(serialWrites)), bestConcurrentWrite());
    }

    /** The better of the median write rates, one at a time or several at once, in bytes per second. */
    double medianWrite() {
        return Math.max(medianSerialWrite(), medianConcurrentWrite());
    }

    /** Bytes per second of the fastest write made alone. */
    double bestSerialWrite() {
        return rate(bytes, fastest(serialWrites));
    }

    /** Bytes per second of the median write made alone. */
    double medianSerialWrite() {
        return rate(bytes, median(serialWrites));
    }

    /** Bytes per second, all streams together, of the fastest round of concurrent writes. */
    double bestConcurrentWrite() {
        return rate(bytes * streams, fastest(concurrentWrites));
    }

    /** Bytes per second, all streams together, of the median round of concurrent writes. */
    double medianConcurrentWrite() {
        return rate(bytes * streams, median(concurrentWrites));
    }

    /** Bytes per second of the fastest read. */
    double bestRead() {
        return rate(bytes, fastest(reads));
    }

    /** Bytes per second of the median read. */
    double medianRead() {
        return rate(bytes, median(reads));
    }

    private static Duration writeAtOnce(ExecutorService writers, List<Location> locations, byte[] data) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (Location location : locations) {
            BytesDataset dataset = BytesDataset.at(location);
            writes.add(writers.submit(() -> {
                go.await();
                dataset.save(data);
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof SluiceException s
                        ? s
                        : new SluiceException(
                                "A concurrent write failed while measuring the store: " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SluiceException("Interrupted while measuring the store's write throughput", e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static List<Duration> concat(List<Duration> a, List<Duration> b) {
        List<Duration> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static double rate(long bytes, Duration took) {
        return bytes / (took.toNanos() / 1e9);
    }

    private static Duration fastest(List<Duration> times) {
        return times.stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    /** The lower middle of an even count, like {@link ModeBenchmark.ModeResult#median()}. */
    static Duration median(List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
