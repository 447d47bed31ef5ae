package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Drives a {@link StoreLimiter} with a simulated store on a simulated clock: every save is an event
 * at a known time, so each test is exact and repeatable.
 */
class StoreLimiterTest {
    private static final long MS = 1_000_000;

    /**
     * A store and its clock. {@code latency} gives an attempt's duration from the time it starts;
     * {@code throttles} says whether an attempt that starts while {@code n} requests are in progress
     * (itself included) is refused, as S3 refuses requests with 503 SlowDown. A refused attempt fails
     * after 1 ms and the save tries again 5 ms later, keeping its slot, as the save queue does.
     */
    private static final class SimulatedStore {
        private static final long REFUSAL = MS;
        private static final long BACKOFF = 5 * MS;

        private final LongUnaryOperator latency;
        private final IntPredicate throttles;
        private final PriorityQueue<Event> events = new PriorityQueue<>(
                (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Integer.compare(a.id, b.id));
        private final List<Integer> limits = new ArrayList<>();
        private final List<Integer> changes = new ArrayList<>();
        private final StoreLimiter limiter;
        private long now;
        private int requests;
        private int maxSlots;
        private int nextId;
        private int committed;
        private int refused;
        private long bytesPerSave;

        /** An attempt ending (refused or committed), or a refused save's next attempt starting. */
        private record Event(int id, long time, Kind kind, StoreLimiter.Slot slot) {}

        private enum Kind {
            COMMIT,
            REFUSAL,
            RETRY
        }

        SimulatedStore(int start, int ceiling, LongUnaryOperator latency, IntPredicate throttles) {
            this.latency = latency;
            this.throttles = throttles;
            this.limiter = new StoreLimiter("sim", start, ceiling, () -> now, (store, limit) -> changes.add(limit));
        }

        /** Queues {@code saves} saves now. */
        void submit(int saves) {
            for (int i = 0; i < saves; i++) {
                limiter.submit(this::begin);
            }
        }

        private void begin(StoreLimiter.Slot slot) {
            assertThat(limiter.inFlight()).as("slots in use").isLessThanOrEqualTo(limiter.limit());
            maxSlots = Math.max(maxSlots, limiter.inFlight());
            attempt(slot);
        }

        private void attempt(StoreLimiter.Slot slot) {
            slot.attemptStarted();
            requests++;
            if (throttles.test(requests)) {
                events.add(new Event(nextId++, now + REFUSAL, Kind.REFUSAL, slot));
            } else {
                events.add(new Event(nextId++, now + latency.applyAsLong(now), Kind.COMMIT, slot));
            }
        }

        /** Runs events until {@code total} saves have committed in all, or nothing is left to do. */
        void runUntil(int total) {
            while (committed < total && !events.isEmpty()) {
                step();
            }
        }

        /** Runs every event up to and including time {@code until}. */
        void runFor(long until) {
            while (!events.isEmpty() && events.peek().time <= until) {
                step();
            }
            now = Math.max(now, until);
        }

        private void step() {
            Event next = events.poll();
            now = next.time;
            switch (next.kind) {
                case REFUSAL -> {
                    refused++;
                    requests--;
                    next.slot.failed();
                    events.add(new Event(nextId++, now + BACKOFF, Kind.RETRY, next.slot));
                }
                case RETRY -> attempt(next.slot);
                case COMMIT -> {
                    requests--;
                    next.slot.succeeded(bytesPerSave);
                    committed++;
                    next.slot.release();
                    limits.add(limiter.limit());
                }
            }
        }

        /** The limit after each commit from the {@code from}-th on. */
        List<Integer> limitsFrom(int from) {
            return limits.subList(from, limits.size());
        }
    }

    @Test
    void limiter_storeKeepsUp_growsToTheCeiling() {
        SimulatedStore store = new SimulatedStore(32, 64, t -> 10 * MS, n -> false);

        store.submit(1000);
        store.runUntil(1000);

        assertThat(store.limiter.limit()).isEqualTo(64);
        assertThat(store.maxSlots).isEqualTo(64);
        assertThat(store.changes).startsWith(33, 34, 35).endsWith(64).isSorted();
    }

    @Test
    void limiter_fewerSavesThanHalfTheLimit_doesNotGrow() {
        SimulatedStore store = new SimulatedStore(32, 64, t -> 10 * MS, n -> false);

        for (int round = 0; round < 50; round++) {
            store.submit(10);
            store.runUntil((round + 1) * 10);
        }

        assertThat(store.limiter.limit()).isEqualTo(32);
        assertThat(store.changes).isEmpty();
    }

    @Test
    void limiter_storeThrottlesAboveItsCapacity_backsOffAndSettlesAroundIt() {
        int capacity = 10;
        SimulatedStore store = new SimulatedStore(32, 64, t -> 10 * MS, n -> n > capacity);

        store.submit(2000);
        store.runUntil(2000);

        assertThat(store.refused).isPositive();
        assertThat(store.changes.get(0))
                .as("the first refusal halves the limit")
                .isEqualTo(16);
        // AIMD's saw-tooth: grows by one per commit up to where the store refuses, then halves.
        // AIMD's saw-tooth: grows by one per commit past the store's capacity, halves when refused.
        List<Integer> settled = store.limitsFrom(1000);
        assertThat(settled).allSatisfy(limit -> assertThat(limit).isBetween(capacity / 2, capacity * 3 / 2));
        double mean = settled.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isBetween(capacity * 0.75, capacity * 1.25);
    }

    @Test
    void limiter_refusalsOfOneBurst_shrinkTheLimitOnce() {
        SimulatedStore store = new SimulatedStore(32, 64, t -> 10 * MS, n -> n > 8);

        store.submit(32);
        store.runFor(MS);

        assertThat(store.refused)
                .as("every attempt beyond the store's capacity was refused")
                .isEqualTo(24);
        assertThat(store.changes)
                .as("24 refusals of attempts that began before the first back-off count once")
                .containsExactly(16);
        store.runFor(7 * MS);
        assertThat(store.changes)
                .as("refused retries, which began after that back-off, shrink it again")
                .containsExactly(16, 8);
    }

    @Test
    void limiter_storeSlowsDown_shrinksInProportionAndAtMostByHalf() {
        // The store's latency quadruples at t = 1 s and stays there.
        SimulatedStore store = new SimulatedStore(32, 64, t -> t < 1000 * MS ? 10 * MS : 40 * MS, n -> false);
        store.submit(100_000);
        store.runFor(1000 * MS);
        assertThat(store.limiter.limit()).as("grew while the store kept up").isEqualTo(64);
        int changesBefore = store.changes.size();

        store.runFor(1100 * MS);

        List<Integer> after = store.changes.subList(changesBefore, store.changes.size());
        assertThat(after).isNotEmpty();
        assertThat(after.get(0)).as("the first decrease").isBetween(32, 63);
        assertThat(after)
                .as("once the long-run average has caught up with the slower store, which refuses nothing, the"
                        + " limit grows back")
                .endsWith(64);
    }

    @Test
    void limiter_largeSavesTakeLonger_areNotMistakenForASlowStore() {
        // 64 MiB saves take 65 times as long as empty ones: a fixed 10 ms plus 10 ms per MiB.
        SimulatedStore store = new SimulatedStore(32, 64, t -> 65 * 10 * MS, n -> false);
        store.bytesPerSave = 64L << 20;

        store.submit(500);
        store.runUntil(500);

        assertThat(store.changes).isSorted().endsWith(64);
    }

    @Test
    void limiter_ceilingBelowTheStart_startsAtTheCeilingAndNeverPassesIt() {
        SimulatedStore store = new SimulatedStore(StoreLimiter.START, 3, t -> 10 * MS, n -> false);

        store.submit(100);
        store.runUntil(100);

        assertThat(store.maxSlots).isEqualTo(3);
        assertThat(store.limits).containsOnly(3);
    }

    @Test
    void submit_beyondTheLimit_waitsAndStartsInSubmissionOrder() {
        List<String> started = new ArrayList<>();
        List<StoreLimiter.Slot> slots = new ArrayList<>();
        StoreLimiter limiter = new StoreLimiter("store", 2, 2, () -> 0, (store, limit) -> {});

        for (String save : List.of("a", "b", "c", "d")) {
            limiter.submit(slot -> {
                started.add(save);
                slots.add(slot);
            });
        }
        assertThat(started).containsExactly("a", "b");
        assertThat(limiter.waiting()).isEqualTo(2);
        slots.get(1).release();
        slots.get(1).release();

        assertThat(started).as("a second release of one slot frees nothing").containsExactly("a", "b", "c");
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.peak()).isEqualTo(2);
    }
}
