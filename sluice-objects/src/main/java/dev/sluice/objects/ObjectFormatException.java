package dev.sluice.objects;

import java.io.IOException;

/**
 * A file that is not a readable object file, or a value the object format cannot store; unlike other
 * {@link IOException}s, retrying or fixing the store does not help. The message says what to change.
 */
final class ObjectFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    ObjectFormatException(String message) {
        super(message);
    }

    ObjectFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message without its final period, to be embedded in a longer one. */
    String problem() {
        String message = getMessage();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
