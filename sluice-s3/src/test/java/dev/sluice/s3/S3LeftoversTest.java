package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.Leftovers;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** Proves that unfinished multipart uploads of killed writers are aborted, and nothing else. */
class S3LeftoversTest {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    private static final Instant LATER = Instant.now().plusSeconds(24 * 3600);

    @Test
    void removeLeftovers_uploadOfAKilledWriter_isAbortedAndItsBytesCounted() throws Exception {
        String bucket = S3.createBucket();
        S3Location model = location(bucket, "06_models/model.bin");
        abandonUpload(model, "06_models/model.bin", 1000);
        abandonUpload(model, "06_models/model.bin/2024-01-01T00.00.00.000Z/model.bin", 24);

        Leftovers removed = model.removeLeftovers(LATER);

        assertThat(removed).isEqualTo(new Leftovers(2, 1024));
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void removeLeftovers_uploadsOfOtherKeysOrStartedAfterTheCutoff_areKept() throws Exception {
        String bucket = S3.createBucket();
        S3Location model = location(bucket, "model.bin");
        abandonUpload(model, "model.bin.old", 10); // another key sharing the prefix
        abandonUpload(model, "other/model.bin", 10);
        abandonUpload(model, "model.bin", 10);

        assertThat(model.removeLeftovers(Instant.EPOCH)).isEqualTo(Leftovers.NONE);
        // Through the public method the cutoff is this process's start: an upload begun since is live.
        assertThat(model.removeLeftovers()).isEqualTo(Leftovers.NONE);
        assertThat(S3.pendingUploads(bucket))
                .extracting(MultipartUpload::key)
                .containsExactlyInAnyOrder("model.bin.old", "other/model.bin", "model.bin");
    }

    @Test
    void removeLeftovers_uploadOfAWriteInThisJvm_isKeptAndTheWriteCommits() throws Exception {
        String bucket = S3.createBucket();
        S3Location model = location(bucket, "model.bin");
        CountDownLatch partArrived = new CountDownLatch(1);
        CountDownLatch releasePart = new CountDownLatch(1);
        S3.onPartUpload(request -> {
            partArrived.countDown();
            releasePart.await();
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> {
                model.write(out -> out.write(new byte[6 * 1024 * 1024]));
                return null;
            });
            partArrived.await();

            Leftovers removed = model.removeLeftovers(LATER);
            releasePart.countDown();
            write.get();

            assertThat(removed).isEqualTo(Leftovers.NONE);
            assertThat(S3.objectBytes(bucket, "model.bin")).hasSize(6 * 1024 * 1024);
        } finally {
            releasePart.countDown();
            writer.shutdownNow();
        }
    }

    private static S3Location location(String bucket, String key) {
        return (S3Location) S3.locate("s3://" + bucket + "/" + key, Map.of("part_size", "5MiB"));
    }

    /** Starts a multipart upload of {@code key} with one part of {@code bytes}, as a writer killed mid-write leaves it. */
    private static void abandonUpload(S3Location any, String key, int bytes) {
        S3AsyncClient client = S3Clients.client(any.settings().client());
        String uploadId = client.createMultipartUpload(
                        b -> b.bucket(any.bucket()).key(key))
                .join()
                .uploadId();
        client.uploadPart(
                        b -> b.bucket(any.bucket()).key(key).uploadId(uploadId).partNumber(1),
                        AsyncRequestBody.fromBytes(new byte[bytes]))
                .join();
    }
}
