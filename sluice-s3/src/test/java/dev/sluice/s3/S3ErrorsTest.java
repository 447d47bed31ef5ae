package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 failures are transient (retried) and which are final; no server needed. */
class S3ErrorsTest {
    private final S3Location location = (S3Location) new S3StorageProvider()
            .locate(
                    URI.create("s3://warehouse/data/x.csv"),
                    Map.of("key", "k", "secret", "s"),
                    Map.of("endpoint_url", "http://127.0.0.1:9"));

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("message of " + code)
                        .build())
                .build();
    }

    static Stream<Arguments> transientAnswers() {
        return Stream.of(
                Arguments.of(503, "SlowDown"),
                Arguments.of(500, "InternalError"),
                Arguments.of(503, "ServiceUnavailable"),
                Arguments.of(400, "RequestTimeout"),
                Arguments.of(429, "TooManyRequests"),
                Arguments.of(502, null));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("transientAnswers")
    void translate_throttlingOrServerError_isTransientAndNamesTheAnswer(int status, String code) {
        IOException e = S3Errors.translate(location, "write", new CompletionException(answer(status, code)));

        assertThat(e).isInstanceOf(TransientIOException.class);
        assertThat(e.getMessage())
                .contains("s3://warehouse/data/x.csv")
                .contains("HTTP " + status)
                .contains("retried");
    }

    static Stream<Arguments> permanentAnswers() {
        return Stream.of(
                Arguments.of(404, "NoSuchBucket"),
                Arguments.of(403, "AccessDenied"),
                Arguments.of(403, "InvalidAccessKeyId"),
                Arguments.of(400, "InvalidArgument"),
                Arguments.of(301, "PermanentRedirect"),
                Arguments.of(400, "EntityTooSmall"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("permanentAnswers")
    void translate_refusalOrBadRequest_isPermanent(int status, String code) {
        IOException e = S3Errors.translate(location, "write", answer(status, code));

        assertThat(e).isNotInstanceOf(TransientIOException.class);
    }

    @Test
    void translate_refusedConnection_isTransientAndNamesTheEndpoint() {
        SdkClientException client = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused"))
                .build();

        IOException e = S3Errors.translate(location, "read", client);

        assertThat(e).isInstanceOf(TransientIOException.class);
        assertThat(e.getMessage()).contains("http://127.0.0.1:9");
    }

    @Test
    void translate_attemptTimeout_isTransient() {
        IOException e = S3Errors.translate(
                location,
                "write",
                ApiCallAttemptTimeoutException.builder()
                        .message("HTTP request execution did not complete before the specified timeout")
                        .build());

        assertThat(e).isInstanceOf(TransientIOException.class);
    }

    @Test
    void translate_missingCredentials_isPermanent() {
        SdkClientException client = SdkClientException.builder()
                .message("Unable to load credentials from any of the providers in the chain")
                .build();

        IOException e = S3Errors.translate(location, "write", client);

        assertThat(e).isNotInstanceOf(TransientIOException.class);
        assertThat(e).isNotInstanceOf(AccessDeniedException.class);
        assertThat(e.getMessage()).contains("credentials.yml");
    }
}
