package dev.sluice.runner;

import dev.sluice.SluiceException;

/**
 * A run that did not complete. The cause is the first failure (a node or a save); later failures are
 * attached to it as suppressed exceptions. {@link #result()} tells what did complete and commit. A run
 * that was stopped from outside ends with the subclass {@link RunInterruptedException}.
 */
public sealed class RunFailedException extends SluiceException permits RunInterruptedException {
    private final RunResult result;

    RunFailedException(String message, SluiceException primary, RunResult result) {
        this(primary.kind(), message, primary, result);
    }

    RunFailedException(Kind kind, String message, SluiceException primary, RunResult result) {
        super(kind, message, primary);
        this.result = result;
    }

    /** Node and save states at the end of the failed run. */
    public RunResult result() {
        return result;
    }

    /** The first failure. */
    public SluiceException primary() {
        return (SluiceException) getCause();
    }
}
