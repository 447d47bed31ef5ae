package dev.sluice.io;

import dev.sluice.storage.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads and saves one named piece of data: a file, an object in a store, a value in memory.
 *
 * <p>Implementations throw unchecked exceptions; the {@link dev.sluice.catalog.DataCatalog} wraps
 * every failure in a {@link dev.sluice.DatasetException} that names the dataset. A dataset may be
 * called from several threads, but never with two concurrent saves of the same dataset in one run.
 *
 * @param <T> the type of value this dataset holds
 */
public interface Dataset<T> {
    /** Reads the value; blocks for the duration of the I/O. */
    T load();

    /**
     * Stores {@code value}, completely or not at all: a persisted dataset writes under a temporary name
     * and commits atomically. Must not modify {@code value}, which other nodes may be reading.
     */
    void save(T value);

    /** Whether a value is stored (for memory datasets: whether one was saved). */
    boolean exists();

    /** Drops any cached copy of the value; the stored value, if persisted, stays. */
    default void release() {}

    /** Whether values survive the run (files, objects); memory datasets answer {@code false}. */
    default boolean isPersistent() {
        return true;
    }

    /**
     * The key of the store this dataset writes to ({@code "file"}, {@code "s3://bucket"}): the runner
     * caps concurrent saves per store. Memory datasets answer {@code "memory"}.
     */
    default String storeKey() {
        return "file";
    }

    /**
     * Where this dataset keeps its stored bytes (a file, a directory, an object key), so that a run can
     * remove what writes killed before they committed left there ({@link Location#removeLeftovers()});
     * empty for datasets that keep nothing in a {@link Location} (memory, databases). Wrappers return
     * their wrapped dataset's.
     */
    default List<Location> locations() {
        return List.of();
    }

    /**
     * The Java type of the values this dataset loads and saves ({@code String}, {@code DataFrame}, a
     * record class), or {@code Object} when it cannot say. A run compares it, before any node starts,
     * with the argument and return types of the nodes that read and write the dataset, and reports a
     * mismatch naming the node, the argument, the dataset and both types.
     */
    default Class<?> valueType() {
        return Object.class;
    }

    /**
     * How the tee keeps a value this dataset's producer returned while consumers take it in memory and
     * it is saved in the background (see {@link Handoff}); plain values need nothing, so the default is
     * {@link Handoff#inMemory()}. Wrappers return their wrapped dataset's.
     */
    default Handoff<T> handoff() {
        return Handoff.inMemory();
    }

    /**
     * The format and layout this dataset saves in, for another transcoding of the same data that reads it
     * ({@link #cannotRead}); empty when it cannot say, and then nothing is checked. Wrappers return their
     * wrapped dataset's.
     */
    default Optional<StoredForm> storedForm() {
        return Optional.empty();
    }

    /**
     * Why this dataset cannot load what the entry {@code writer}, another transcoding of the same data, saves
     * in {@code written}: a sentence naming the fix, such as the setting to add to one of the entries; empty
     * when it can, or cannot tell. A run asks before any node starts and fails with the answer.
     */
    default Optional<String> cannotRead(StoredForm written, String writer) {
        return Optional.empty();
    }

    /** The dataset's type and settings, for logs and {@code sluice catalog describe}; never secrets. */
    Map<String, Object> describe();
}
