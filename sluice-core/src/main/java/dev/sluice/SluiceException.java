package dev.sluice;

/**
 * The base of every error Sluice reports. Each subclass is one kind of failure that the CLI maps to
 * its own exit code; messages name the file and line, the node or the dataset, and the fix.
 */
public class SluiceException extends RuntimeException {
    private final Kind kind;

    /** The kinds of failure, each with the process exit code the CLI uses for it. */
    public enum Kind {
        CONFIGURATION(2),
        PIPELINE_DEFINITION(3),
        NODE_EXECUTION(4),
        DATASET_IO(5),
        /** The run was stopped from outside (Ctrl-C is SIGINT: 128 + 2; the CLI exits 143 for SIGTERM). */
        INTERRUPTED(130),
        INTERNAL(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    protected SluiceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public SluiceException(String message, Throwable cause) {
        this(Kind.INTERNAL, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
