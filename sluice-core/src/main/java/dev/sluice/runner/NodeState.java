package dev.sluice.runner;

/**
 * The life of one node in a run: PENDING → RUNNING → COMPLETED | FAILED, or NOT_RUN when the run
 * stopped before it started, or INTERRUPTED when the run was stopped while it ran.
 */
public enum NodeState {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    /** The run stopped (a failure, or a signal) before this node could start. */
    NOT_RUN,
    /** The run was stopped at once (a second signal, or a grace period that ran out) while this node ran. */
    INTERRUPTED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
