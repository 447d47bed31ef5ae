package dev.sluice.testing;

import dev.sluice.io.Dataset;
import dev.sluice.storage.TransientIOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-memory "object store" for tests: persistent datasets that write strings under keys, with
 * switches to hold a save at a latch, fail saves, and count concurrent writes.
 */
public final class FakeStore {
    private final String storeKey;
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> saveStarted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Supplier<? extends RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> saveAttempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicInteger maxWriting = new AtomicInteger();

    public FakeStore() {
        this("fake");
    }

    public FakeStore(String storeKey) {
        this.storeKey = storeKey;
    }

    /** A dataset storing {@code String.valueOf(value)} under {@code key}, loading the string back. */
    public Dataset<Object> dataset(String key) {
        return dataset(key, Object::toString, s -> s);
    }

    /** A dataset with its own encoding, so two transcodings of one key can read each other's bytes. */
    public Dataset<Object> dataset(String key, Function<Object, String> encode, Function<String, Object> decode) {
        return new StoreDataset(key, encode, decode);
    }

    /** Holds saves of {@code key} until {@link #open(String)}. */
    public void hold(String key) {
        gates.put(key, new CountDownLatch(1));
    }

    public void open(String key) {
        gates.get(key).countDown();
    }

    /** Makes the next {@code times} saves of {@code key} fail with a transient error (as a store's timeout). */
    public void failSaves(String key, int times) {
        failSaves(
                key,
                times,
                () -> new UncheckedIOException(new TransientIOException("injected failure writing " + key, null)));
    }

    /** Makes the next {@code times} saves of {@code key} throw what {@code failure} makes. */
    public void failSaves(String key, int times, Supplier<? extends RuntimeException> failure) {
        failuresLeft.put(key, new AtomicInteger(times));
        failures.put(key, failure);
    }

    /** How many saves of {@code key} were attempted. */
    public int saveAttempts(String key) {
        AtomicInteger count = saveAttempts.get(key);
        return count == null ? 0 : count.get();
    }

    /** Waits until a save of {@code key} has started writing. */
    public boolean awaitSaveStarted(String key) throws InterruptedException {
        return started(key).await(30, TimeUnit.SECONDS);
    }

    public Optional<String> read(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    public Map<String, String> contents() {
        return Map.copyOf(objects);
    }

    public int loadCount(String key) {
        AtomicInteger count = loads.get(key);
        return count == null ? 0 : count.get();
    }

    /** The most saves that were writing at the same moment. */
    public int maxConcurrentWrites() {
        return maxWriting.get();
    }

    public void put(String key, String content) {
        objects.put(key, content);
    }

    private CountDownLatch started(String key) {
        return saveStarted.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    private final class StoreDataset implements Dataset<Object> {
        private final String key;
        private final Function<Object, String> encode;
        private final Function<String, Object> decode;

        StoreDataset(String key, Function<Object, String> encode, Function<String, Object> decode) {
            this.key = key;
            this.encode = encode;
            this.decode = decode;
        }

        @Override
        public Object load() {
            loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            String content = objects.get(key);
            if (content == null) {
                throw new IllegalStateException("no object under key " + key);
            }
            return decode.apply(content);
        }

        @Override
        public void save(Object value) {
            saveAttempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            int now = writing.incrementAndGet();
            maxWriting.accumulateAndGet(now, Math::max);
            try {
                started(key).countDown();
                CountDownLatch gate = gates.get(key);
                if (gate != null) {
                    try {
                        if (!gate.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("test never opened the gate of " + key);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                AtomicInteger left = failuresLeft.get(key);
                if (left != null && left.getAndDecrement() > 0) {
                    throw failures.get(key).get();
                }
                objects.put(key, encode.apply(value));
            } finally {
                writing.decrementAndGet();
            }
        }

        @Override
        public boolean exists() {
            return objects.containsKey(key);
        }

        @Override
        public String storeKey() {
            return storeKey;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "fake", "key", key);
        }
    }
}
