package dev.sluice.storage;

import java.io.IOException;

/**
 * An I/O failure that another attempt may not meet: the store throttled the request, answered with a
 * server error, dropped the connection or did not answer in time. The runner retries loads and saves
 * that fail with one (see {@code RetryPolicy}); every other failure is final. Stores throw it; datasets
 * let it pass.
 */
public class TransientIOException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransientIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
