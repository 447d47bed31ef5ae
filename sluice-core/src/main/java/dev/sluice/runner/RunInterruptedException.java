package dev.sluice.runner;

import dev.sluice.SluiceException;

/**
 * A run that was stopped through its {@link RunCancellation} before every node completed and every save
 * committed. Its kind is {@link SluiceException.Kind#INTERRUPTED}. {@link #result()} gives each node's and
 * save's true final state: nodes that never started are {@link NodeState#NOT_RUN}, and only when the run
 * stopped waiting (an abort, or the grace period ran out) are nodes and saves {@code INTERRUPTED}.
 */
public final class RunInterruptedException extends RunFailedException {
    private final String reason;
    private final boolean waitedForAll;

    RunInterruptedException(
            String message, String reason, boolean waitedForAll, SluiceException failure, RunResult result) {
        super(Kind.INTERRUPTED, message, failure, result);
        this.reason = reason;
        this.waitedForAll = waitedForAll;
    }

    /** Why the run was stopped, as the cancellation was asked ({@code SIGINT}, ...). */
    public String reason() {
        return reason;
    }

    /** Whether every node that was running finished and every queued save ended before the run stopped. */
    public boolean waitedForAll() {
        return waitedForAll;
    }

    /** The first failure of a node or save before the run stopped, or this exception when there was none. */
    @Override
    public SluiceException primary() {
        return getCause() instanceof SluiceException failure ? failure : this;
    }
}
