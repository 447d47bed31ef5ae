package dev.sluice.spark;

import dev.sluice.storage.Leftovers;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden siblings a {@code spark} save on the local file system goes through ({@link DirectoryCommit}),
 * and the removal of those that saves killed before they ended left behind.
 *
 * <p>A save's siblings are {@code .<name>.sluice-<pid>.<random>} (the new data) and, while an overwrite swaps
 * directories, {@code .<name>.sluice-old-<pid>.<random>} (the old data). The writing JVM first creates {@code
 * .<name>.sluice-<pid>.<random>.lock} and holds an exclusive lock on it until the save has ended; the
 * operating system drops the lock when the process dies, however it dies, so a save's siblings are abandoned
 * exactly when its lock can be taken (without a lock file, or where the file system cannot lock, when no
 * process with its id runs here). Removing an abandoned save deletes its new data; if it was killed in the
 * middle of a swap (the old data aside, the new not yet in place), the old data is renamed back first. Other
 * Hadoop file systems (HDFS) have no such locks and their siblings are left alone; object stores are written
 * in place. Thread-safe.
 *
 * <p>As a {@link Location} it serves {@link dev.sluice.catalog.AbandonedWrites}, which calls {@link
 * #removeLeftovers()}; Spark reads and writes the data itself, so the methods for content refuse.
 */
final class Siblings implements Location {
    private static final Logger LOG = LoggerFactory.getLogger(Siblings.class);
    private static final long PID = ProcessHandle.current().pid();
    /** The lock files of this JVM's saves: probing one would drop its lock (POSIX locks are per process). */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final Path target;

    /** The siblings of the local directory {@code target}. */
    Siblings(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    /** A held lock of one save; closing it deletes the lock file and releases the lock. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** A new save's id, {@code <pid>.<random>}. */
    static String newId() {
        return PID + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }

    /** The sibling of {@code target} of a save's {@code kind} ({@code sluice} or {@code sluice-old}). */
    static org.apache.hadoop.fs.Path sibling(org.apache.hadoop.fs.Path target, String kind, String id) {
        return new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + "." + kind + "-" + id);
    }

    /**
     * Locks the lock file of the save {@code id} of {@code target} when it is a local path; elsewhere a lock
     * that holds nothing. Call before the save creates a sibling, and close after it ended.
     */
    static Lock lock(org.apache.hadoop.fs.Path target, String id) throws IOException {
        URI uri = target.toUri();
        if (!"file".equals(uri.getScheme())) {
            return () -> {};
        }
        Path file = Path.of(uri).resolveSibling(lockName(Path.of(uri), id));
        Files.createDirectories(file.getParent());
        IN_USE.add(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            IN_USE.remove(file);
            throw e;
        }
        try {
            channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            // No locks on this file system: cleaners judge by the process id in the name.
        }
        return () -> {
            try (channel) {
                Files.deleteIfExists(file);
            } finally {
                IN_USE.remove(file);
            }
        };
    }

    private static String lockName(Path target, String id) {
        return "." + target.getFileName() + ".sluice-" + id + ".lock";
    }

    /** Removes the siblings of saves to this directory whose writer is dead, restoring data a killed swap set aside. */
    @Override
    public Leftovers removeLeftovers() throws IOException {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Leftovers.NONE;
        }
        Pattern names =
                Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                        + "\\.sluice-(?:old-)?(\\d{1,18}\\.[0-9a-z]{1,13})(?:\\.lock)?");
        Set<String> saves = new TreeSet<>();
        try (Stream<Path> children = Files.list(parent)) {
            children.forEach(child -> {
                Matcher name = names.matcher(child.getFileName().toString());
                if (name.matches()) {
                    saves.add(name.group(1));
                }
            });
        }
        Leftovers removed = Leftovers.NONE;
        for (String id : saves) {
            removed = removed.plus(removeIfAbandoned(id));
        }
        return removed;
    }

    /** Removes the save {@code id}'s siblings and lock file when its writer is dead. */
    private Leftovers removeIfAbandoned(String id) throws IOException {
        Path lockFile = target.resolveSibling(lockName(target, id));
        if (IN_USE.contains(lockFile)) {
            return Leftovers.NONE;
        }
        FileChannel channel = null;
        try {
            if (Files.exists(lockFile)) {
                channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                try {
                    if (channel.tryLock() == null) {
                        return Leftovers.NONE; // its writer is alive
                    }
                } catch (OverlappingFileLockException e) {
                    return Leftovers.NONE;
                } catch (IOException | UnsupportedOperationException e) {
                    if (isRunning(id)) {
                        return Leftovers.NONE; // no locks here, and its writer may be alive
                    }
                }
            } else if (isRunning(id)) {
                return Leftovers.NONE; // not locked yet, or ended: its writer runs
            }
            Path staging = target.resolveSibling("." + target.getFileName() + ".sluice-" + id);
            Path old = target.resolveSibling("." + target.getFileName() + ".sluice-old-" + id);
            if (Files.isDirectory(old) && !Files.exists(target)) {
                Files.move(old, target);
                LOG.warn("A save of {} was killed while it swapped directories; the data it replaced is back", target);
            }
            Leftovers removed = delete(staging).plus(delete(old));
            Files.deleteIfExists(lockFile);
            return removed;
        } catch (NoSuchFileException e) {
            return Leftovers.NONE; // ended meanwhile
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** Deletes the directory {@code dir} and everything below it; one leftover of the bytes its files held. */
    private static Leftovers delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Leftovers.NONE;
        }
        long bytes = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                bytes += Files.size(path);
            }
            Files.deleteIfExists(path);
        }
        return new Leftovers(1, bytes);
    }

    private static boolean isRunning(String id) {
        return ProcessHandle.of(Long.parseLong(id.substring(0, id.indexOf('.'))))
                .isPresent();
    }

    @Override
    public URI uri() {
        return target.toUri();
    }

    @Override
    public String storeKey() {
        return "file";
    }

    @Override
    public InputStream openRead() {
        throw unsupported();
    }

    @Override
    public void write(ContentWriter writer) {
        throw unsupported();
    }

    @Override
    public boolean exists() {
        return Files.exists(target);
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public Location resolve(String relative) {
        throw unsupported();
    }

    @Override
    public List<String> list() {
        return List.of();
    }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(target + " is a Spark directory, read and written by Spark");
    }
}
