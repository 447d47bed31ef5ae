package dev.sluice.runner;

/** The life of one node in a run: PENDING → RUNNING → COMPLETED | FAILED, or NOT_RUN when the run stopped first. */
public enum NodeState {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    /** The run failed before this node could start. */
    NOT_RUN;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == NOT_RUN;
    }
}
