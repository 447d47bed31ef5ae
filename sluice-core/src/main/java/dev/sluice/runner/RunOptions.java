package dev.sluice.runner;

/**
 * A runner's settings. Build them with {@link Runner#builder()}.
 *
 * @param parallel whether nodes run on a worker pool ({@code false}: one at a time on the calling thread)
 * @param workers the worker pool size for the parallel runner
 * @param io how data moves between the catalog and the nodes
 * @param maxPendingSaves the most background saves (queued or writing) before a producer waits
 * @param maxPendingBytes the most estimated bytes of background saves before a producer waits
 * @param storeConcurrency the ceiling of saves writing to one store at once; below it each store finds
 *     its own number as the run goes (it starts at 32, or at the ceiling if lower)
 * @param retry when a load or save that failed with a transient error is tried again
 * @param prefetch how many free inputs may be loaded ahead of their consumers (tee)
 * @param verify reload every saved output after the run and report those that differ from the value
 *     handed on (keeps handed-on values until then)
 * @param checkMutation fingerprint node inputs before and after each node and fail a node that mutated one
 */
public record RunOptions(
        boolean parallel,
        int workers,
        IoMode io,
        int maxPendingSaves,
        long maxPendingBytes,
        int storeConcurrency,
        RetryPolicy retry,
        int prefetch,
        boolean verify,
        boolean checkMutation) {

    /** A short description such as {@code parallel(4 workers), io=tee}. */
    public String describe() {
        return (parallel ? "parallel(" + workers + " workers)" : "sequential") + ", io=" + io;
    }
}
