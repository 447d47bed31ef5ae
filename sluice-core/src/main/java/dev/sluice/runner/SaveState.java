package dev.sluice.runner;

/** The life of one persisted output in a run: PENDING → WRITING → COMMITTED | FAILED. */
public enum SaveState {
    /** Produced and queued; nothing written yet. */
    PENDING,
    /** Being written (possibly retried). */
    WRITING,
    /** Stored completely under its final name. */
    COMMITTED,
    /** Every attempt failed; the run fails too. */
    FAILED;

    /** Whether the state is final. */
    public boolean isTerminal() {
        return this == COMMITTED || this == FAILED;
    }
}
