package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A put whose connection the store drops (as S3Proxy does for a missing bucket) is a transient
 * failure unless the bucket turns out not to exist: then the write fails for good, naming the
 * bucket, so the run does not retry what cannot succeed.
 */
class S3LocationDroppedWriteTest {
    @Test
    void write_connectionDroppedAndBucketMissing_failsNamingTheBucketNotAsTransient() {
        S3Location location = locate(new DroppingClient(false));

        assertThatThrownBy(() -> location.write(out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(TransientIOException.class)
                .hasMessageContaining("S3 bucket 'bucket' does not exist")
                .hasMessageContaining("http://localhost:1")
                .satisfies(e -> assertThatThrownBy(() -> {
                            throw e.getSuppressed()[0];
                        })
                        .isInstanceOf(TransientIOException.class));
    }

    @Test
    void write_connectionDroppedAndBucketPresent_staysTransientSoTheRunRetriesIt() {
        S3Location location = locate(new DroppingClient(true));

        assertThatThrownBy(() -> location.write(out -> out.write(1)))
                .isInstanceOf(TransientIOException.class)
                .hasMessageContaining("connection was closed");
    }

    private static S3Location locate(S3AsyncClient client) {
        S3Settings settings = S3Settings.parse(
                "s3://bucket/key", Map.of("key", "k", "secret", "s"), Map.of("endpoint_url", "http://localhost:1"));
        return new S3Location(client, settings, "bucket", "key");
    }

    /** Drops every put's connection; answers HeadBucket with 200 or a bodiless 404. */
    private record DroppingClient(boolean bucketExists) implements S3AsyncClient {
        @Override
        public CompletableFuture<PutObjectResponse> putObject(PutObjectRequest request, AsyncRequestBody body) {
            return CompletableFuture.failedFuture(SdkClientException.create(
                    "Unable to execute HTTP request: connection was closed during the request",
                    new IOException("connection was closed during the request")));
        }

        @Override
        public CompletableFuture<HeadBucketResponse> headBucket(HeadBucketRequest request) {
            if (bucketExists) {
                return CompletableFuture.completedFuture(
                        HeadBucketResponse.builder().build());
            }
            return CompletableFuture.failedFuture(
                    S3Exception.builder().statusCode(404).message(null).build());
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }
}
