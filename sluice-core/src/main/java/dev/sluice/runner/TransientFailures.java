package dev.sluice.runner;

import dev.sluice.storage.TransientIOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Tells a transient failure (worth another attempt: throttling, a 5xx answer, a reset or refused
 * connection, a timeout) from a permanent one (a type error, a refused permission, a missing bucket, a
 * full disk, a bug), by the exceptions in its cause chain. Stores mark their transient failures with
 * {@link TransientIOException}; JDK network timeouts and resets count without marking. Anything else is
 * permanent: retrying it would only delay the error.
 */
final class TransientFailures {
    private static final String[] TRANSIENT_SQL = {"java.sql.SQLTransientException", "java.sql.SQLRecoverableException"
    };

    private TransientFailures() {}

    /** What makes {@code failure} transient, in words ("a timeout"), or empty when it is permanent. */
    static Optional<String> reason(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof TransientIOException) {
                return Optional.of("a transient store error");
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return Optional.of("a timeout");
            }
            if (t instanceof ConnectException) {
                return Optional.of("a refused connection");
            }
            if (t instanceof SocketException) {
                return Optional.of("a broken connection");
            }
            if (t instanceof InterruptedIOException) {
                // An interrupt, not a network timeout (those are SocketTimeoutExceptions): stop.
                return Optional.empty();
            }
            if (isA(t, TRANSIENT_SQL)) {
                return Optional.of("a transient database error");
            }
        }
        return Optional.empty();
    }

    static boolean isTransient(Throwable failure) {
        return reason(failure).isPresent();
    }

    private static boolean isA(Throwable t, String[] classNames) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            for (String name : classNames) {
                if (c.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
