package dev.sluice.runner;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import dev.sluice.pipeline.Node;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background saves with backpressure: at most {@code maxPending} saves and {@code maxBytes} estimated
 * bytes are pending (queued or writing) at once; {@link #submit} blocks the producer at the bound and
 * never drops a save. Saves to one store run at most {@code storeConcurrency} at a time. A failed save
 * is retried with exponential backoff, then recorded as the run's failure. Thread-safe.
 */
final class SaveQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SaveQueue.class);

    private final RunContext ctx;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Semaphore> storePermits = new ConcurrentHashMap<>();
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
        try {
            executor.execute(() -> runSave(producer, dataset, value, bytes, committed));
        } catch (RuntimeException e) {
            release(bytes);
            ctx.setSaveState(dataset, SaveState.FAILED);
            DatasetException error = new DatasetException(
                    dataset,
                    "Could not start the save of dataset '" + dataset + "': the I/O executor refused it (" + e + ")",
                    e);
            ctx.failures.add(error);
            committed.completeExceptionally(error);
        }
        return committed;
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

    private void runSave(Node producer, String dataset, Object value, long bytes, CompletableFuture<Void> done) {
        Semaphore permits = storePermits.computeIfAbsent(
                ctx.entry(dataset).dataset().storeKey(), k -> new Semaphore(ctx.options.storeConcurrency()));
        try {
            permits.acquireUninterruptibly();
            try {
                ctx.hooks.fire("beforeDatasetSaved", h -> h.beforeDatasetSaved(ctx.info, dataset, value, producer));
                ctx.setSaveState(dataset, SaveState.WRITING);
                saveWithRetries(dataset, value);
            } finally {
                permits.release();
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

    private void saveWithRetries(String dataset, Object value) {
        int attempts = ctx.options.saveRetries() + 1;
        Duration backoff = ctx.options.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                ctx.catalog.save(dataset, value);
                return;
            } catch (RuntimeException e) {
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
