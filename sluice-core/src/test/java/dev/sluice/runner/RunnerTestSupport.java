package dev.sluice.runner;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Pipeline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Starts runs on their own thread so a test can observe them while they are blocked. */
final class RunnerTestSupport {
    private RunnerTestSupport() {}

    /** A run in progress and the thread that runs it. */
    record BackgroundRun(CompletableFuture<RunResult> result, Thread thread) {}

    static BackgroundRun start(Runner runner, Pipeline pipeline, DataCatalog catalog) {
        return start(runner, pipeline, catalog, RunCancellation.create());
    }

    static BackgroundRun start(Runner runner, Pipeline pipeline, DataCatalog catalog, RunCancellation cancellation) {
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        AtomicReference<Thread> ref = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.complete(runner.run(
                                pipeline, catalog, java.util.UUID.randomUUID().toString(), cancellation));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "test-run");
        ref.set(thread);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundRun(result, thread);
    }

    /** Whether {@code thread} is parked inside a method of {@code type} named {@code method}. */
    static boolean blockedIn(Thread thread, Class<?> type, String method) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(type.getName())
                    && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
