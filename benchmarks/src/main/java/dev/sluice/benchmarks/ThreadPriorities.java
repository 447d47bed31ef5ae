package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads at the lowest Java priority, and whether that priority reaches the operating system. HotSpot
 * on Linux ignores thread priorities unless started with {@code -XX:ThreadPriorityPolicy=1}; with it,
 * priority 1 becomes nice 4 (lowering a thread's priority needs no privilege).
 */
final class ThreadPriorities {
    private ThreadPriorities() {}

    /** Daemon threads at {@link Thread#MIN_PRIORITY}, named {@code prefix-1}, {@code prefix-2}, ... */
    static ThreadFactory lowPriorityThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }

    /**
     * The nice value a thread at {@link Thread#MIN_PRIORITY} runs at, read from {@code /proc}; empty
     * where the system does not say (not Linux). Nice 0, the default, means the priority has no effect.
     */
    static OptionalInt lowPriorityNice() {
        AtomicReference<OptionalInt> nice = new AtomicReference<>(OptionalInt.empty());
        Thread probe = lowPriorityThreads("priority-probe").newThread(() -> nice.set(currentThreadNice()));
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return nice.get();
    }

    /** Field 19 of {@code /proc/thread-self/stat}, counted after the command name, which may hold spaces. */
    private static OptionalInt currentThreadNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[19 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** What the low-priority variant did on this JVM, in words for the report. */
    static String describe() {
        OptionalInt nice = lowPriorityNice();
        if (nice.isEmpty()) {
            return "the system does not say whether Java thread priorities reach it";
        }
        if (nice.getAsInt() == 0) {
            return "Java thread priorities had no effect (nice 0; HotSpot on Linux needs -XX:ThreadPriorityPolicy=1)";
        }
        return "the low-priority save threads ran at nice " + nice.getAsInt() + ", the nodes at nice 0";
    }
}
