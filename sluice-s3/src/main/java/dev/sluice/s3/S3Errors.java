package dev.sluice.s3;

import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK failures into {@link IOException}s whose messages name the bucket and key and say what
 * to do. Missing objects become {@link NoSuchFileException} and refusals {@link AccessDeniedException},
 * as for local files, so datasets can treat both stores alike. Failures another attempt may not meet
 * (throttling, 5xx answers, dropped connections, timeouts) become {@link TransientIOException}s, which
 * the runner retries; every other failure is final.
 */
final class S3Errors {
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "InvalidToken",
            "TokenRefreshRequired",
            "AccessDenied",
            "AllAccessDisabled",
            "AccountProblem");
    /** Error codes S3 (and S3-compatible stores) answer when a later attempt may succeed. */
    // How the SDK's Netty client begins the message of a connection closed or reset before the answer.
    private static final String CLOSED_BEFORE_ANSWER = "The connection was closed during the request";

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown",
            "Throttling",
            "ThrottlingException",
            "RequestLimitExceeded",
            "RequestTimeout",
            "InternalError",
            "ServiceUnavailable",
            "BandwidthLimitExceeded",
            "OperationAborted");

    private static final Set<String> REGION_CODES =
            Set.of("PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException");

    private S3Errors() {}

    /**
     * The exception to throw for {@code failure}, met while doing {@code action} (such as "read") on
     * {@code location}. Returns interruptions and {@link IOException}s unchanged.
     */
    static IOException translate(S3Location location, String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            InterruptedIOException e = new InterruptedIOException(
                    "Interrupted while trying to " + action + " " + location.uri() + "; nothing was committed");
            e.initCause(cause);
            return e;
        }
        String target = location.uri().toString();
        if (cause instanceof S3Exception s3) {
            String code = errorCode(s3);
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return missingBucket(location, action, s3);
            }
            if ("NoSuchKey".equals(code) || "NoSuchUpload".equals(code) || status == 404) {
                NoSuchFileException e = new NoSuchFileException(
                        target,
                        null,
                        "no object with key '" + location.key() + "' in S3 bucket '" + location.bucket() + "'"
                                + at(location) + " (could not " + action + " it). Run the pipeline that produces"
                                + " it first, or fix the dataset's filepath.");
                e.initCause(s3);
                return e;
            }
            if ((code != null && REGION_CODES.contains(code)) || status == 301) {
                IOException e = new IOException("Could not " + action + " " + target + ": S3 bucket '"
                        + location.bucket() + "' is in another region than the client uses (" + code + "). Set"
                        + " 'region' under the entry's fs_args to the bucket's region.");
                e.initCause(s3);
                return e;
            }
            if ((code != null && CREDENTIAL_CODES.contains(code)) || status == 401 || status == 403) {
                AccessDeniedException e = new AccessDeniedException(
                        target,
                        null,
                        "S3 refused to " + action + " key '" + location.key() + "' in bucket '" + location.bucket()
                                + "'" + at(location) + " (" + describe(code, status) + "). The client used "
                                + location.settings().client().credentials().describe() + ". "
                                + credentialsFix(code));
                e.initCause(s3);
                return e;
            }
            String text = "Could not " + action + " " + target + at(location) + ": S3 answered "
                    + describe(code, status) + (message(s3) == null ? "" : " (" + message(s3) + ")") + ".";
            if ((code != null && TRANSIENT_CODES.contains(code)) || status == 429 || status >= 500) {
                return new TransientIOException(
                        text
                                + " The store is throttling or failing; such errors are retried (--save-retries, --retry-budget).",
                        s3);
            }
            IOException e = new IOException(text);
            e.initCause(s3);
            return e;
        }
        if (cause instanceof SdkClientException client) {
            String timeout = timeoutKey(client);
            if (timeout != null) {
                var settings = location.settings().client();
                java.time.Duration limit =
                        timeout.equals("connect_timeout") ? settings.connectTimeout() : settings.requestTimeout();
                return new TransientIOException(
                        "Could not " + action + " " + target + at(location) + ": "
                                + (timeout.equals("connect_timeout")
                                        ? "no connection to the store within "
                                        : "the store stopped answering for ")
                                + seconds(limit) + " ('" + timeout + "' under the entry's fs_args, or --s3-"
                                + timeout.replace('_', '-') + " for every S3 entry). Check"
                                + " that the store" + (settings.endpoint() == null ? "" : " at " + settings.endpoint())
                                + " is up, or raise '" + timeout + "' if it is only slow. Timeouts are retried"
                                + " within --retry-budget.",
                        client);
            }
            String text = String.valueOf(client.getMessage());
            String fix = text.contains("credentials")
                    ? " No AWS credentials were found: put 'key' and 'secret' in conf/local/credentials.yml and"
                            + " refer to them from the catalog entry ('credentials: <name>'), or configure the"
                            + " AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials)."
                    : location.settings().client().endpoint() == null
                            ? " Check the network connection to AWS S3."
                            : " Check that the store at "
                                    + location.settings().client().endpoint()
                                    + " is running, and the 'endpoint_url' in the entry's fs_args.";
            String message = "Could not " + action + " " + target + at(location) + ": " + text + "." + fix;
            if (isNetworkFailure(client)) {
                return new TransientIOException(message, client);
            }
            IOException e = new IOException(message);
            e.initCause(client);
            return e;
        }
        IOException e = new IOException("Could not " + action + " " + target + at(location) + ": " + cause);
        e.initCause(cause);
        return e;
    }

    /** The failure of a write to {@code location} that took longer than its {@code save_timeout}. */
    static TransientIOException saveTimedOut(S3Location location, java.time.Duration limit) {
        var endpoint = location.settings().client().endpoint();
        return new TransientIOException(
                "Could not write " + location.uri() + at(location) + ": the save took longer than " + seconds(limit)
                        + " ('save_timeout' under the entry's fs_args, or --s3-save-timeout for every S3 entry)."
                        + " Check that the store" + (endpoint == null ? "" : " at " + endpoint)
                        + " is up, or raise 'save_timeout' if the object is only large. Timeouts are retried within"
                        + " --retry-budget.",
                new TimeoutException("save_timeout of " + seconds(limit)));
    }

    /** The failure for {@code action} on {@code location} when its bucket does not exist. */
    static IOException missingBucket(S3Location location, String action, Throwable cause) {
        IOException e = new IOException("Could not " + action + " " + location.uri() + ": S3 bucket '"
                + location.bucket() + "' does not exist" + at(location) + ". Create the bucket, or fix"
                + " the bucket name in the dataset's filepath" + otherStoreHint(location) + ".");
        e.initCause(cause);
        return e;
    }

    /**
     * The fs_args key of the client timeout that ended {@code client} ({@code connect_timeout} or {@code
     * request_timeout}), or {@code null} when it did not end on one of them.
     */
    private static String timeoutKey(SdkClientException client) {
        Map<Throwable, Boolean> seen = new java.util.IdentityHashMap<>();
        for (Throwable t = client; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (name.contains("ConnectTimeout") || message.contains("connection timed out")) {
                return "connect_timeout";
            }
            if (name.contains("ReadTimeout")
                    || name.contains("WriteTimeout")
                    || message.contains("read timed out")
                    || message.contains("write timed out")) {
                return "request_timeout";
            }
        }
        return null;
    }

    /**
     * Whether {@code failure} ended on a client timeout: the store is slow or stalled, which a missing
     * bucket never explains, so there is nothing to ask it.
     */
    static boolean endedOnTimeout(IOException failure) {
        return failure.getCause() instanceof TimeoutException
                || failure.getCause() instanceof SdkClientException client
                        && (client instanceof ApiCallTimeoutException
                                || client instanceof ApiCallAttemptTimeoutException
                                || timeoutKey(client) != null);
    }

    /**
     * Whether the connection was closed, or reset, before the store answered: the SDK's Netty client reports
     * both as an I/O error with this message, over the channel's {@link java.nio.channels.ClosedChannelException}
     * or the reset.
     */
    static boolean closedBeforeAnswer(Throwable failure) {
        Map<Throwable, Boolean> seen = new java.util.IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof IOException
                            && t.getMessage() != null
                            && t.getMessage().startsWith(CLOSED_BEFORE_ANSWER)) {
                return true;
            }
        }
        return false;
    }

    /** A timeout, or a connection that failed or broke (an I/O error under the SDK's exception). */
    private static boolean isNetworkFailure(SdkClientException client) {
        if (client instanceof ApiCallTimeoutException || client instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        Map<Throwable, Boolean> seen = new java.util.IdentityHashMap<>();
        for (Throwable t = client.getCause(); t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof IOException && !(t instanceof InterruptedIOException)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof CancellationException) {
            InterruptedException interrupted = new InterruptedException("cancelled");
            interrupted.initCause(current);
            return interrupted;
        }
        return current;
    }

    private static String errorCode(S3Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }

    private static String message(S3Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorMessage();
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String describe(String code, int status) {
        return (code == null ? "" : code + ", ") + "HTTP " + status;
    }

    private static String at(S3Location location) {
        return location.settings().client().endpoint() == null
                ? ""
                : " at " + location.settings().client().endpoint();
    }

    private static String otherStoreHint(S3Location location) {
        return location.settings().client().endpoint() == null
                ? ""
                : " (or the 'endpoint_url' in the entry's fs_args, if the bucket lives on another store)";
    }

    private static String credentialsFix(String code) {
        if ("ExpiredToken".equals(code) || "InvalidToken".equals(code) || "TokenRefreshRequired".equals(code)) {
            return "The session token has expired or is invalid: refresh it ('token' or 'aws_session_token' in the"
                    + " credentials).";
        }
        if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code) || "AccountProblem".equals(code)) {
            return "Grant these credentials access to the bucket (bucket or IAM policy), or use credentials that"
                    + " have it.";
        }
        return "Check the access key and secret ('key'/'secret' or 'aws_access_key_id'/'aws_secret_access_key')"
                + " in the credentials entry the catalog refers to.";
    }
}
