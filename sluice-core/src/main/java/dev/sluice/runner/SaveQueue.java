package dev.sluice.runner;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.pipeline.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background saves with backpressure: at most {@code maxPending} saves and {@code maxBytes} bytes
 * (estimated, or as the dataset's {@link dev.sluice.io.Handoff} reports them) are pending (queued or writing) at once; {@link #submit} blocks the producer at the bound and
 * never drops a save. Saves to one store write at most as many at a time as that store's
 * {@link StoreLimiter} allows; the others wait in its queue without holding a thread. A failed save is
 * retried with exponential backoff, then recorded as the run's failure. Thread-safe.
 */
final class SaveQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SaveQueue.class);
    private static final long RECHECK_MILLIS = 50;

    private final RunContext ctx;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, StoreLimiter> limiters = new ConcurrentHashMap<>();
    private final List<Pending> pendingSaves = new ArrayList<>();

    SaveQueue(RunContext ctx) {
        this.ctx = ctx;
        this.executor = ctx.ioExecutor;
    }

    /**
     * Queues a save of {@code value} to {@code dataset}, first waiting while the queue is at its bound
     * (a single save larger than the byte bound is let through when nothing else is pending).
     *
     * @param estimatedBytes the bytes {@code value} holds
     * @return completes when the save committed; completes exceptionally when it finally failed
     */
    CompletableFuture<Void> submit(Node producer, String dataset, Object value, long estimatedBytes) {
        return submit(producer, dataset, value, new Pending(() -> estimatedBytes, false));
    }

    /**
     * Like {@link #submit(Node, String, Object, long)}, for a value whose size changes while its save is
     * pending (a Spark cache fills as jobs run): {@code liveBytes} is asked each time the queue checks
     * its bound.
     */
    CompletableFuture<Void> submit(Node producer, String dataset, Object value, LongSupplier liveBytes) {
        return submit(producer, dataset, value, new Pending(liveBytes, true));
    }

    private CompletableFuture<Void> submit(Node producer, String dataset, Object value, Pending pending) {
        lock.lock();
        try {
            long wanted = pending.bytes();
            while (pendingSaves.size() >= ctx.options.maxPendingSaves()
                    || (!pendingSaves.isEmpty() && pendingBytes() + wanted > ctx.options.maxPendingBytes())) {
                LOG.debug(
                        "Save of '{}' waits for the queue to drain ({} saves, {} bytes pending)",
                        dataset,
                        pendingSaves.size(),
                        pendingBytes());
                if (pendingSaves.stream().anyMatch(p -> p.changes)) {
                    // Sizes that change without a save finishing are not signalled: look again soon.
                    changed.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    changed.await();
                }
                wanted = pending.bytes();
            }
            pendingSaves.add(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while waiting to queue the save of '" + dataset + "'", e);
        } finally {
            lock.unlock();
        }
        long queuedBytes = pending.bytes();
        ctx.setSaveState(dataset, SaveState.PENDING);
        ctx.hooks.fire("onSaveQueued", h -> h.onSaveQueued(ctx.info, dataset, queuedBytes));
        CompletableFuture<Void> committed = new CompletableFuture<>();
        limiter(ctx.entry(dataset).dataset().storeKey())
                .submit(slot -> start(slot, producer, dataset, value, pending, committed));
        return committed;
    }

    /** The bytes of every pending save, as they are now. Called with the lock held. */
    private long pendingBytes() {
        long total = 0;
        for (Pending pending : pendingSaves) {
            total += pending.bytes();
        }
        return total;
    }

    /**
     * One pending save's size: fixed sizes are read once; changing ones each time the queue checks its
     * bound, and a producer waiting on them looks again every {@link #RECHECK_MILLIS}.
     */
    private static final class Pending {
        private final LongSupplier source;
        private final boolean changes;
        private final long fixed;

        Pending(LongSupplier source, boolean changes) {
            this.source = source;
            this.changes = changes;
            this.fixed = changes ? 0 : Math.max(0, source.getAsLong());
        }

        long bytes() {
            return changes ? Math.max(0, source.getAsLong()) : fixed;
        }
    }

    /** The limiter of {@code store}, made (and announced to hooks) on the store's first save in this run. */
    private StoreLimiter limiter(String store) {
        StoreLimiter existing = limiters.get(store);
        if (existing != null) {
            return existing;
        }
        StoreLimiter made =
                ctx.storeLimits.limiter(store, ctx.options.storeConcurrency(), ctx.clock, this::limitChanged);
        StoreLimiter raced = limiters.putIfAbsent(store, made);
        if (raced != null) {
            return raced;
        }
        limitChanged(store, made.limit());
        return made;
    }

    private void limitChanged(String store, int limit) {
        LOG.debug("Store '{}' now takes {} concurrent saves", store, limit);
        ctx.storeLimits.remember(store, limit);
        ctx.hooks.fire("onStoreConcurrencyChanged", h -> h.onStoreConcurrencyChanged(ctx.info, store, limit));
    }

    /** Runs the save on the I/O executor now that it holds a slot of its store. */
    private void start(
            StoreLimiter.Slot slot,
            Node producer,
            String dataset,
            Object value,
            Pending pending,
            CompletableFuture<Void> committed) {
        try {
            executor.execute(() -> runSave(slot, producer, dataset, value, pending, committed));
        } catch (RuntimeException e) {
            slot.release();
            release(pending);
            ctx.setSaveState(dataset, SaveState.FAILED);
            DatasetException error = new DatasetException(
                    dataset,
                    "Could not start the save of dataset '" + dataset + "': the I/O executor refused it (" + e + ")",
                    e);
            ctx.failures.add(error);
            committed.completeExceptionally(error);
        }
    }

    /** Blocks until nothing is pending, or {@code giveUp} says so when {@link #wake} is called. */
    void awaitIdle(BooleanSupplier giveUp) {
        lock.lock();
        try {
            while (!pendingSaves.isEmpty() && !giveUp.getAsBoolean()) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes {@link #awaitIdle} so it asks its condition again. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void runSave(
            StoreLimiter.Slot slot,
            Node producer,
            String dataset,
            Object value,
            Pending pending,
            CompletableFuture<Void> done) {
        try {
            try {
                ctx.hooks.fire("beforeDatasetSaved", h -> h.beforeDatasetSaved(ctx.info, dataset, value, producer));
                ctx.setSaveState(dataset, SaveState.WRITING);
                saveWithRetries(slot, dataset, value, pending);
            } finally {
                slot.release();
            }
            ctx.setSaveState(dataset, SaveState.COMMITTED);
            ctx.hooks.fire("afterDatasetSaved", h -> h.afterDatasetSaved(ctx.info, dataset, value, producer));
            done.complete(null);
        } catch (RuntimeException | Error e) {
            ctx.setSaveState(dataset, SaveState.FAILED);
            ctx.failures.add(e);
            done.completeExceptionally(e);
        } finally {
            release(pending);
        }
    }

    /** Saves with the run's retries; each attempt tells the store's limiter how it went. */
    private void saveWithRetries(StoreLimiter.Slot slot, String dataset, Object value, Pending pending) {
        ctx.retries.run(dataset, "Saving", () -> {
            slot.attemptStarted();
            try {
                ctx.catalog.save(dataset, value);
            } catch (RuntimeException e) {
                slot.failed();
                throw e;
            }
            slot.succeeded(pending.bytes());
            return null;
        });
    }

    private void release(Pending pending) {
        lock.lock();
        try {
            pendingSaves.remove(pending);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
