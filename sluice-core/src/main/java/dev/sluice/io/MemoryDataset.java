package dev.sluice.io;

import dev.sluice.DatasetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds a value in memory for the length of a run: the dataset of every name not in the catalog.
 * Values are handed on as they are (no copy). Thread-safe.
 */
public final class MemoryDataset<T> implements Dataset<T> {
    private volatile T value;

    public MemoryDataset() {}

    /** A memory dataset that already holds {@code value} (parameters, values fed in code). */
    public MemoryDataset(T value) {
        this.value = value;
    }

    @Override
    public T load() {
        T current = value;
        if (current == null) {
            throw new DatasetException(
                    null, "Memory dataset holds no data: it was never saved in this run, or was " + "already released");
        }
        return current;
    }

    @Override
    public void save(T newValue) {
        if (newValue == null) {
            throw new DatasetException(null, "Saving null to a memory dataset is not allowed");
        }
        value = newValue;
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void release() {
        value = null;
    }

    /** The class of the value it holds (a parameter, a value fed in code); {@code Object} while empty. */
    @Override
    public Class<?> valueType() {
        T current = value;
        return current == null ? Object.class : current.getClass();
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public String storeKey() {
        return "memory";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "memory");
        T current = value;
        d.put("data", current == null ? "<empty>" : "<" + current.getClass().getSimpleName() + ">");
        return d;
    }
}
