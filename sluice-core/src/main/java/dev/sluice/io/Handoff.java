package dev.sluice.io;

import java.util.OptionalLong;

/**
 * How the tee keeps a value that a node returned for a persisted dataset while consumers take it in
 * memory and its save runs in the background: what to do before handing it on, what it holds while
 * the save is pending, and what to do when the run lets go of it. A {@link Dataset} gives its own
 * through {@link Dataset#handoff()}; the default, {@link #inMemory()}, suits plain Java values.
 *
 * <p>A Spark dataset's hand-off persists the DataFrame (so consumers and the write job share one
 * computation), reports the bytes Spark cached for it, unpersists it on release, and is {@linkplain
 * #lazy() lazy}: a DataFrame computed from it reads it only when an action runs, after its node
 * returned. Implementations must be thread-safe; the runner calls them from node and I/O threads.
 *
 * @param <T> the type of value the dataset holds
 */
public interface Handoff<T> {
    /**
     * Prepares {@code value} for hand-off and returns what consumers and the background save receive
     * (usually {@code value} itself). Called once per value, on the producing node's thread, before its
     * save is queued, and only when some consumer in the run takes the value in memory.
     */
    T prepare(T value);

    /**
     * Lets go of a value {@link #prepare} returned: every consumer finished with it (for a {@link
     * #lazy()} hand-off, also what they computed from it), and its save committed or failed. Called
     * at most once per prepared value; failures are logged, never fail the run.
     */
    void release(T value);

    /**
     * The bytes {@code value} holds while its save is pending, for the save queue's byte bound; empty
     * (the default) lets the runner estimate them from the object graph. The queue asks again while
     * the save is pending, so the figure may change (a Spark cache fills while jobs run).
     */
    default OptionalLong heldBytes(T value) {
        return OptionalLong.empty();
    }

    /**
     * Whether values computed from this one may still read it after their node returned, as a lazy
     * Spark DataFrame does. Then the runner releases it only once every consumer's outputs are settled
     * too: each persisted output committed, each in-memory one released by the same rule.
     */
    default boolean lazy() {
        return false;
    }

    /** The hand-off of plain in-memory values: handed on as they are, estimated, dropped when done. */
    @SuppressWarnings("unchecked")
    static <T> Handoff<T> inMemory() {
        return (Handoff<T>) InMemoryHandoff.INSTANCE;
    }
}
