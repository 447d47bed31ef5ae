package dev.sluice.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files local writes go through, and the removal of those that writers killed before
 * they committed left behind.
 *
 * <p>A temporary file is named {@code .sluice-<name>.<pid>.<random>.tmp} beside its target: the
 * leading dot hides it from listings, {@code .sluice-} makes it recognisably Sluice's, {@code <name>}
 * is the target's file name (cut to {@value #NAME_LIMIT} characters) and {@code <pid>} the writing
 * process. Its writer holds an exclusive lock on it from before its first byte until the file has
 * been moved over the target. The operating system releases a process's locks when it dies, however
 * it dies, and locks are seen across containers and, on NFS, across machines; so a temporary file is
 * abandoned exactly when its lock can be taken. A file is removed only when it matches the name
 * pattern, no write of this JVM is using it (probing it would drop that write's lock: POSIX locks
 * belong to the process), and its lock can be taken; on a file system that cannot lock, only when its
 * writer's process id is not running on this machine. A writer that finds its new file removed
 * before it could lock it (a cleaner took the lock in between) starts again under a new name.
 * Thread-safe.
 */
final class TempFiles {
    static final String PREFIX = ".sluice-";
    static final int NAME_LIMIT = 48;
    private static final Pattern NAME = Pattern.compile("\\.sluice-(.+)\\.(\\d{1,18})\\.[0-9a-z]{1,13}\\.tmp");
    private static final long PID = ProcessHandle.current().pid();
    /** The temporary files this JVM's writes are using. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    /**
     * A temporary file open for writing, locked when the file system allows it.
     *
     * @param path where it is
     * @param channel the open channel; closing it releases the lock
     */
    record Temp(Path path, FileChannel channel) {}

    private TempFiles() {}

    /**
     * Creates an empty temporary file beside {@code target} and opens it, locked, marked in use until
     * {@link #finished}. The caller closes the channel after moving the file, so the lock covers the
     * move.
     */
    static Temp create(Path target) throws IOException {
        String prefix = PREFIX + shortName(target) + "." + PID + ".";
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling(
                    prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            if (!IN_USE.add(temp)) {
                continue;
            }
            FileChannel channel = null;
            try {
                // Unlike Files.createTempFile, the file gets the default permissions (umask), which the
                // committed file keeps.
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                lock(channel);
                if (Files.exists(temp)) {
                    return new Temp(temp, channel);
                }
                // Removed between creation and lock by another process's cleaner; no one else knows this name.
                channel.close();
                IN_USE.remove(temp);
            } catch (FileAlreadyExistsException e) {
                IN_USE.remove(temp);
                if (attempt == 10) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                Files.deleteIfExists(temp);
                IN_USE.remove(temp);
                throw e;
            }
        }
    }

    /** Waits for the lock, which a cleaner holds only while it removes the file; nothing when locks are unsupported. */
    private static void lock(FileChannel channel) throws IOException {
        try {
            channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            if (e instanceof ClosedChannelException closed) {
                throw closed;
            }
            // No locks on this file system: cleaners judge by the process id in the name instead.
        }
    }

    /** Ends the use of {@code temp} by this JVM; call after it was moved or deleted. */
    static void finished(Path temp) {
        IN_USE.remove(temp);
    }

    /**
     * Removes the abandoned temporary files of writes to {@code target}: those beside it for its name,
     * and, when it is a directory (a versioned or partitioned dataset), every one below it.
     */
    static Leftovers removeAbandoned(Path target) throws IOException {
        Leftovers removed = Leftovers.NONE;
        Path parent = target.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            String name = shortName(target);
            for (Path candidate : list(parent)) {
                Matcher matcher = NAME.matcher(candidate.getFileName().toString());
                if (matcher.matches() && matcher.group(1).equals(name)) {
                    removed = removed.plus(removeIfAbandoned(candidate, matcher));
                }
            }
        }
        if (Files.isDirectory(target)) {
            List<Path> below;
            try (Stream<Path> files = Files.walk(target)) {
                below = files.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                        .toList();
            }
            for (Path candidate : below) {
                Matcher matcher = NAME.matcher(candidate.getFileName().toString());
                if (matcher.matches()) {
                    removed = removed.plus(removeIfAbandoned(candidate, matcher));
                }
            }
        }
        return removed;
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .toList();
        }
    }

    private static Leftovers removeIfAbandoned(Path temp, Matcher name) throws IOException {
        if (IN_USE.contains(temp)) {
            return Leftovers.NONE;
        }
        try {
            if (!Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
                return Leftovers.NONE;
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                    if (lock == null) {
                        return Leftovers.NONE; // its writer is alive
                    }
                } catch (OverlappingFileLockException e) {
                    return Leftovers.NONE; // a write of this JVM holds it
                } catch (IOException | UnsupportedOperationException e) {
                    if (ProcessHandle.of(Long.parseLong(name.group(2))).isPresent()) {
                        return Leftovers.NONE; // no locks here, and its writer may be alive
                    }
                }
                long size = channel.size();
                Files.delete(temp);
                return new Leftovers(1, size);
            }
        } catch (NoSuchFileException e) {
            return Leftovers.NONE; // committed or removed meanwhile
        }
    }

    /** The target's file name as it appears in its temporary files' names, short enough for any file system. */
    private static String shortName(Path target) {
        String name = target.getFileName().toString();
        return name.codePointCount(0, name.length()) <= NAME_LIMIT
                ? name
                : name.substring(0, name.offsetByCodePoints(0, NAME_LIMIT));
    }
}
