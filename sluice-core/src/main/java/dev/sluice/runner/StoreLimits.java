package dev.sluice.runner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What one {@link Runner} learned about its stores: the limit each store's {@link StoreLimiter} last
 * had, so that the runner's next run starts where the previous one left off instead of at
 * {@link StoreLimiter#START}. Thread-safe.
 */
final class StoreLimits {
    private final Map<String, Integer> last = new ConcurrentHashMap<>();

    /** A limiter for one run's saves to {@code store}, starting at the store's last limit if known. */
    StoreLimiter limiter(String store, int ceiling, LongSupplier clock, StoreLimiter.Listener listener) {
        int start = last.getOrDefault(store, StoreLimiter.START);
        return new StoreLimiter(store, start, ceiling, clock, listener);
    }

    void remember(String store, int limit) {
        last.put(store, limit);
    }
}
