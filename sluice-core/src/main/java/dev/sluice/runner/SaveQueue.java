package dev.sluice.runner;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.pipeline.Node;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background saves with backpressure: at most {@code maxPending} saves and {@code maxBytes} estimated
 * bytes are pending (queued or writing) at once; {@link #submit} blocks the producer at the bound and
 * never drops a save. Saves to one store write at most as many at a time as that store's
 * {@link StoreLimiter} allows; the others wait in its queue without holding a thread. A failed save is
 * retried with exponential backoff, then recorded as the run's failure. Thread-safe.
 */
final class SaveQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SaveQueue.class);

    private final RunContext ctx;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, StoreLimiter> limiters = new ConcurrentHashMap<>();
    private int pendingCount;
    private long pendingBytes;

    SaveQueue(RunContext ctx) {
        this.ctx = ctx;
        this.executor = ctx.ioExecutor;
    }

    /**
     * Queues a save of {@code value} to {@code dataset}, first waiting while the queue is at its bound
     * (a single save larger than the byte bound is let through when nothing else is pending).
     *
     * @return completes when the save committed; completes exceptionally when it finally failed
     */
    CompletableFuture<Void> submit(Node producer, String dataset, Object value, long estimatedBytes) {
        long bytes = Math.max(0, estimatedBytes);
        lock.lock();
        try {
            while (pendingCount >= ctx.options.maxPendingSaves()
                    || (pendingCount > 0 && pendingBytes + bytes > ctx.options.maxPendingBytes())) {
                LOG.debug(
                        "Save of '{}' waits for the queue to drain ({} saves, {} bytes pending)",
                        dataset,
                        pendingCount,
                        pendingBytes);
                changed.await();
            }
            pendingCount++;
            pendingBytes += bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while waiting to queue the save of '" + dataset + "'", e);
        } finally {
            lock.unlock();
        }
        ctx.setSaveState(dataset, SaveState.PENDING);
        ctx.hooks.fire("onSaveQueued", h -> h.onSaveQueued(ctx.info, dataset, bytes));
        CompletableFuture<Void> committed = new CompletableFuture<>();
        limiter(ctx.entry(dataset).dataset().storeKey())
                .submit(slot -> start(slot, producer, dataset, value, bytes, committed));
        return committed;
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
            long bytes,
            CompletableFuture<Void> committed) {
        try {
            executor.execute(() -> runSave(slot, producer, dataset, value, bytes, committed));
        } catch (RuntimeException e) {
            slot.release();
            release(bytes);
            ctx.setSaveState(dataset, SaveState.FAILED);
            DatasetException error = new DatasetException(
                    dataset,
                    "Could not start the save of dataset '" + dataset + "': the I/O executor refused it (" + e + ")",
                    e);
            ctx.failures.add(error);
            committed.completeExceptionally(error);
        }
    }

    /** Blocks until nothing is pending. */
    void awaitIdle() {
        lock.lock();
        try {
            while (pendingCount > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void runSave(
            StoreLimiter.Slot slot,
            Node producer,
            String dataset,
            Object value,
            long bytes,
            CompletableFuture<Void> done) {
        try {
            try {
                ctx.hooks.fire("beforeDatasetSaved", h -> h.beforeDatasetSaved(ctx.info, dataset, value, producer));
                ctx.setSaveState(dataset, SaveState.WRITING);
                saveWithRetries(slot, dataset, value, bytes);
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
            release(bytes);
        }
    }

    private void saveWithRetries(StoreLimiter.Slot slot, String dataset, Object value, long bytes) {
        int attempts = ctx.options.saveRetries() + 1;
        Duration backoff = ctx.options.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                slot.attemptStarted();
                ctx.catalog.save(dataset, value);
                slot.succeeded(bytes);
                return;
            } catch (RuntimeException e) {
                slot.failed();
                if (attempt >= attempts) {
                    if (attempts == 1) {
                        throw e;
                    }
                    throw new DatasetException(
                            dataset,
                            "Saving dataset '" + dataset + "' failed after " + attempts + " attempts: "
                                    + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "Saving '{}' failed (attempt {} of {}), retrying in {} ms: {}",
                        dataset,
                        attempt,
                        attempts,
                        backoff.toMillis(),
                        e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while waiting to retry a save", e);
        }
    }

    private void release(long bytes) {
        lock.lock();
        try {
            pendingCount--;
            pendingBytes -= bytes;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
