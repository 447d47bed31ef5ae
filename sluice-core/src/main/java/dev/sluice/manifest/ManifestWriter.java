package dev.sluice.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites one manifest file as the run changes: each write goes to a temporary file in the same
 * directory and is moved over the old one atomically, so a reader (or a run killed mid-write) always
 * finds a complete manifest.
 *
 * <p>Hooks only {@link #markDirty() mark} the manifest; a daemon thread rewrites it at most once per
 * interval, so a run with thousands of events costs a few writes a second. {@link #writeNow()} writes
 * synchronously; snapshots are taken under the write lock, so a later write always carries a later
 * state and the last state is never lost. Thread-safe.
 */
final class ManifestWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestWriter.class);

    private final Path file;
    private final Supplier<String> content;
    private final long intervalNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition signal = signalLock.newCondition();
    private boolean dirty;
    private boolean stopped;
    private boolean warned;
    private Thread thread;

    /**
     * @param content renders the current state; called under the write lock, on the writing thread
     */
    ManifestWriter(Path file, Supplier<String> content, Duration interval) {
        this.file = file;
        this.content = content;
        this.intervalNanos = Math.max(0, interval.toNanos());
    }

    /** Starts the background thread. */
    void start() {
        signalLock.lock();
        try {
            if (thread != null || stopped) {
                return;
            }
            thread = new Thread(this::loop, "sluice-manifest");
            thread.setDaemon(true);
            thread.start();
        } finally {
            signalLock.unlock();
        }
    }

    /** Asks for a rewrite soon; never blocks on I/O. */
    void markDirty() {
        signalLock.lock();
        try {
            dirty = true;
            signal.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    /** Writes the current state now, on the calling thread. Returns whether the write succeeded. */
    boolean writeNow() {
        writeLock.lock();
        try {
            String text = content.get();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn(
                        "Cannot write the run manifest {}: {}. The run goes on, but it cannot be resumed with "
                                + "--resume; check that the directory is writable.",
                        file,
                        e.toString());
            }
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    /** Stops the background thread after any write in progress; does not write. Idempotent. */
    void stop() {
        Thread running;
        signalLock.lock();
        try {
            stopped = true;
            signal.signalAll();
            running = thread;
        } finally {
            signalLock.unlock();
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (awaitDirty()) {
            writeNow();
            pause();
        }
    }

    /** Waits for a change; returns {@code false} once stopped. Clears the flag before the write snapshots. */
    private boolean awaitDirty() {
        signalLock.lock();
        try {
            while (!dirty && !stopped) {
                signal.awaitUninterruptibly();
            }
            dirty = false;
            return !stopped;
        } finally {
            signalLock.unlock();
        }
    }

    /** Throttles: at most one write per interval, cut short by {@link #stop()}. */
    private void pause() {
        signalLock.lock();
        try {
            long left = intervalNanos;
            while (left > 0 && !stopped) {
                left = signal.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signalLock.unlock();
        }
    }
}
