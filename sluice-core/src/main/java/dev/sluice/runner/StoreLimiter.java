package dev.sluice.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How many saves may write to one store (a {@link dev.sluice.io.Dataset#storeKey()}) at once: a limit
 * between one and a ceiling that moves with what the store's saves report, as TCP's congestion window
 * and adaptive concurrency limiters (Netflix's concurrency-limits, TCP Vegas) move with round trips.
 *
 * <p>The limit starts at {@link #START} (or the ceiling, if lower; or what an earlier run of the same
 * runner ended with). A burst of saves gives no signal before its first save completes, so the start
 * is generous: a run that produces twenty outputs at once should not wait for the first eight to
 * commit before writing the rest. From there:
 *
 * <ul>
 *   <li><b>Grow</b> by one for every save that commits while at least half the limit is in use and the
 *       store's latency is within {@link #TOLERANCE} of its long-run average: the store keeps up, and
 *       saves are waiting or could be.
 *   <li><b>Shrink in proportion</b> when latency rises above that tolerance: to {@code limit · tolerance
 *       · average / recent}, never below half. Latency is compared per unit of work, a unit being a
 *       fixed cost plus {@link #UNIT_BYTES} bytes, so that a large save is not mistaken for a slow
 *       store.
 *   <li><b>Halve</b> on a failed attempt (an error, a throttling reply, a timeout).
 * </ul>
 *
 * <p>After a decrease, failures and slow completions of attempts that started before it are not
 * counted again: they ran under the old limit, so one congestion episode shrinks the limit once (TCP
 * does the same once per window). Saves beyond the limit wait in a queue, without holding a thread,
 * and start in the order they were submitted.
 *
 * <p>Thread-safe. Times come from the given clock (nanoseconds), so tests can drive it. The listener is
 * called outside the lock after every change of the whole-number limit; two changes made at once on
 * two threads may reach it in either order, so {@link #limit()} is the authority.
 */
final class StoreLimiter {
    /** The limit a store starts at unless the ceiling is lower. */
    static final int START = 32;
    /** How far latency per unit may rise over its long-run average before the limit shrinks. */
    static final double TOLERANCE = 1.5;
    /** The bytes that count as one unit of work in addition to a save's fixed cost. */
    static final long UNIT_BYTES = 1 << 20;

    private static final double RECENT_WEIGHT = 0.5;
    private static final double AVERAGE_WEIGHT = 0.05;

    /** Hears about changes of a store's limit. */
    interface Listener {
        void limitChanged(String store, int limit);
    }

    private final String store;
    private final int ceiling;
    private final LongSupplier clock;
    private final Listener listener;
    private final Deque<Consumer<Slot>> waiting = new ArrayDeque<>();
    private double limit;
    private int inFlight;
    private int peak;
    private double average = Double.NaN;
    private double recent = Double.NaN;
    private long lastDecrease;
    private boolean decreased;

    /**
     * @param start the limit to begin with; clamped to {@code [1, ceiling]}
     * @param ceiling the most saves ever let through at once
     */
    StoreLimiter(String store, int start, int ceiling, LongSupplier clock, Listener listener) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("ceiling must be at least 1, not " + ceiling);
        }
        this.store = store;
        this.ceiling = ceiling;
        this.clock = clock;
        this.listener = listener;
        this.limit = Math.max(1, Math.min(ceiling, start));
    }

    /** The store this limiter guards. */
    String store() {
        return store;
    }

    /** The current limit, a whole number between 1 and the ceiling. */
    synchronized int limit() {
        return (int) limit;
    }

    /** The most saves that held a slot at the same time. */
    synchronized int peak() {
        return peak;
    }

    /** Saves holding a slot now. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Saves waiting for a slot now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Hands a slot to {@code start} now if one is free, or later (on the thread that frees one) in
     * submission order. {@code start} must not block; it must eventually {@link Slot#release} the slot.
     */
    void submit(Consumer<Slot> start) {
        Slot slot;
        synchronized (this) {
            if (inFlight >= (int) limit) {
                waiting.add(start);
                return;
            }
            slot = admit();
        }
        start.accept(slot);
    }

    private Slot admit() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        return new Slot();
    }

    /** Starts as many waiting saves as the limit allows now; call without holding the lock. */
    private void drain() {
        List<Consumer<Slot>> starts = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty() && inFlight < (int) limit) {
                starts.add(waiting.poll());
                slots.add(admit());
            }
        }
        for (int i = 0; i < starts.size(); i++) {
            starts.get(i).accept(slots.get(i));
        }
    }

    private void setLimit(double next) {
        limit = Math.max(1, Math.min(ceiling, next));
    }

    /** Tells the listener when the whole-number limit moved from {@code before}; call without the lock. */
    private void notifyIfChanged(int before, int after) {
        if (after != before) {
            listener.limitChanged(store, after);
        }
    }

    /** One save's permission to write; report each attempt's outcome, then release it once. */
    final class Slot {
        private long attemptStart;
        private boolean released;

        private Slot() {
            attemptStart = clock.getAsLong();
        }

        /** Marks the start of an attempt (the first starts when the slot is handed out). */
        void attemptStarted() {
            attemptStart = clock.getAsLong();
        }

        /** The attempt committed {@code bytes} bytes (an estimate will do; zero when unknown). */
        void succeeded(long bytes) {
            long now = clock.getAsLong();
            int before;
            int after;
            synchronized (StoreLimiter.this) {
                before = (int) limit;
                double units = 1 + (double) Math.max(0, bytes) / UNIT_BYTES;
                double perUnit = Math.max(1, now - attemptStart) / units;
                if (Double.isNaN(average)) {
                    average = perUnit;
                    recent = perUnit;
                } else {
                    recent += (perUnit - recent) * RECENT_WEIGHT;
                    average += (perUnit - average) * AVERAGE_WEIGHT;
                    if (average > 2 * recent) {
                        // Latency fell back after a slow spell: let the average follow quickly.
                        average = Math.max(recent, average * 0.9);
                    }
                }
                boolean counts = !decreased || attemptStart >= lastDecrease;
                if (recent > TOLERANCE * average) {
                    if (counts) {
                        decrease(Math.max(0.5, TOLERANCE * average / recent), now);
                    }
                } else if (inFlight * 2 >= limit) {
                    setLimit(limit + 1);
                }
                after = (int) limit;
            }
            notifyIfChanged(before, after);
            drain();
        }

        /** The attempt failed: the store may be overloaded or throttling. */
        void failed() {
            long now = clock.getAsLong();
            int before;
            int after;
            synchronized (StoreLimiter.this) {
                before = (int) limit;
                if (!decreased || attemptStart >= lastDecrease) {
                    decrease(0.5, now);
                }
                after = (int) limit;
            }
            notifyIfChanged(before, after);
        }

        /** Frees the slot for the next waiting save; later calls do nothing. */
        void release() {
            synchronized (StoreLimiter.this) {
                if (released) {
                    return;
                }
                released = true;
                inFlight--;
            }
            drain();
        }
    }

    private void decrease(double factor, long now) {
        setLimit(limit * factor);
        decreased = true;
        lastDecrease = now;
    }
}
