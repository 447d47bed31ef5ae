package dev.sluice.launcher;

/** A launcher failure the user can act on; its message says what went wrong and what to do. */
final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
