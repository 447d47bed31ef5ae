package dev.sluice.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values produced in this run, held for their consumers by the name the producer wrote them under.
 * Hand-off is zero-copy: consumers receive the very object the producer returned. Thread-safe.
 */
final class HandoffStore {
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    void put(String dataset, Object value) {
        values.put(dataset, value);
    }

    Optional<Object> get(String dataset) {
        return Optional.ofNullable(values.get(dataset));
    }

    void drop(String dataset) {
        values.remove(dataset);
    }
}
