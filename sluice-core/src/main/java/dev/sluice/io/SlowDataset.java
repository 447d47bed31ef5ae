package dev.sluice.io;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a dataset and makes its loads and saves slower, to stand in for a slow store in benchmarks
 * and demos (Kedro-Accelerator's device for comparing I/O modes).
 *
 * <p>Each load or save first pauses for its fixed delay (the store's latency), then runs the wrapped
 * dataset's I/O, then, when a throughput is set, pauses for the time the value's bytes would take to
 * move at that rate. The size is the stored size for a {@link FileDataset}, the length of a
 * {@code byte[]} or {@link CharSequence} value, and unknown (no pause) otherwise. Pauses block the
 * calling thread through the {@link Sleeper}; an interrupted pause fails the operation with the
 * thread's interrupt flag set. Thread-safe if the wrapped dataset is.
 *
 * @param <T> the type of value the wrapped dataset holds
 */
public final class SlowDataset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final Duration loadDelay;
    private final Duration saveDelay;
    private final double bytesPerSecond;
    private final Sleeper sleeper;

    private SlowDataset(Builder<T> builder) {
        this.dataset = builder.dataset;
        this.loadDelay = builder.loadDelay;
        this.saveDelay = builder.saveDelay;
        this.bytesPerSecond = builder.bytesPerSecond;
        this.sleeper = builder.sleeper;
    }

    /** Starts a slow wrapper around {@code dataset}; without settings it adds no delay. */
    public static <T> Builder<T> wrap(Dataset<T> dataset) {
        return new Builder<>(dataset);
    }

    /** The dataset whose I/O is slowed down. */
    public Dataset<T> wrapped() {
        return dataset;
    }

    @Override
    public T load() {
        pause(loadDelay, "load");
        T value = dataset.load();
        pause(transferTime(value), "load");
        return value;
    }

    @Override
    public void save(T value) {
        pause(saveDelay, "save");
        dataset.save(value);
        pause(transferTime(value), "save");
    }

    @Override
    public boolean exists() {
        return dataset.exists();
    }

    @Override
    public void release() {
        dataset.release();
    }

    @Override
    public Class<?> valueType() {
        return dataset.valueType();
    }

    @Override
    public boolean isPersistent() {
        return dataset.isPersistent();
    }

    @Override
    public Handoff<T> handoff() {
        return dataset.handoff();
    }

    @Override
    public Optional<StoredForm> storedForm() {
        return dataset.storedForm();
    }

    @Override
    public Optional<String> cannotRead(StoredForm written, String writer) {
        return dataset.cannotRead(written, writer);
    }

    @Override
    public List<Location> locations() {
        return dataset.locations();
    }

    @Override
    public String storeKey() {
        return dataset.storeKey();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "slow");
        description.put("load_delay", seconds(loadDelay));
        description.put("save_delay", seconds(saveDelay));
        if (bytesPerSecond > 0) {
            description.put("bytes_per_second", bytesPerSecond);
        }
        description.put("dataset", dataset.describe());
        return description;
    }

    @Override
    public String toString() {
        return "SlowDataset" + describe();
    }

    private Duration transferTime(T value) {
        if (bytesPerSecond <= 0) {
            return Duration.ZERO;
        }
        long size = sizeOf(value);
        if (size <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.round(size / bytesPerSecond * 1e9));
    }

    private long sizeOf(T value) {
        if (dataset instanceof FileDataset<?> file) {
            try {
                return file.location().size();
            } catch (IOException e) {
                return -1;
            }
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof CharSequence chars) {
            return chars.length();
        }
        return -1;
    }

    private void pause(Duration duration, String operation) {
        if (duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(
                    null,
                    "Interrupted during the simulated " + operation + " delay of " + describe()
                            + "; the run is being stopped.",
                    e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Blocks for a while; tests supply one that records the pauses instead of waiting. */
    @FunctionalInterface
    public interface Sleeper {
        /** Blocks the calling thread for {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;

        /** Sleeps with {@link Thread#sleep}. */
        static Sleeper system() {
            return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
    }

    /** Settings of a {@link SlowDataset}; not thread-safe. */
    public static final class Builder<T> {
        private final Dataset<T> dataset;
        private Duration loadDelay = Duration.ZERO;
        private Duration saveDelay = Duration.ZERO;
        private double bytesPerSecond;
        private Sleeper sleeper = Sleeper.system();

        private Builder(Dataset<T> dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** The pause before every load. */
        public Builder<T> loadDelay(Duration delay) {
            this.loadDelay = nonNegative(delay, "load delay");
            return this;
        }

        /** The pause before every save. */
        public Builder<T> saveDelay(Duration delay) {
            this.saveDelay = nonNegative(delay, "save delay");
            return this;
        }

        /** Simulates a store that moves this many bytes per second, on top of the fixed delays. */
        public Builder<T> bytesPerSecond(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("bytes per second must be a positive number, not " + rate);
            }
            this.bytesPerSecond = rate;
            return this;
        }

        /** How to pause; {@link Sleeper#system()} unless set. */
        public Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public SlowDataset<T> build() {
            return new SlowDataset<>(this);
        }

        private static Duration nonNegative(Duration delay, String what) {
            Objects.requireNonNull(delay, what);
            if (delay.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, not " + delay);
            }
            return delay;
        }
    }
}
