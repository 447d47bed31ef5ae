package dev.sluice.runner;

/**
 * The life of one output in a run: PENDING → WRITING → COMMITTED | FAILED, or NOT_PRODUCED when the
 * run ended before its node returned it, or INTERRUPTED when the run was stopped before its save
 * committed. A finished run never leaves an output PENDING or WRITING.
 */
public enum SaveState {
    /** Produced and queued; nothing written yet (or, in a live manifest, not produced yet). */
    PENDING,
    /** Being written (possibly retried). */
    WRITING,
    /** Stored completely under its final name. */
    COMMITTED,
    /** Every attempt failed; the run fails too. Nothing changed under its name. */
    FAILED,
    /** The run ended before the node that produces it returned it: there was nothing to save. */
    NOT_PRODUCED,
    /** The run was stopped (a second signal, or a grace period that ran out) before this save committed. */
    INTERRUPTED;

    /** Whether the state is final. */
    public boolean isTerminal() {
        return this != PENDING && this != WRITING;
    }
}
