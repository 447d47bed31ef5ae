package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.storage.Location;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class S3UploadStreamTest {
    private static final int PART = 5 * 1024 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final FakeS3Client client = new FakeS3Client();

    @Test
    void write_morePartsThanMaxConcurrency_writerWaitsUntilAPartFinishes() {
        BackgroundWrite write =
                new BackgroundWrite(location(Map.of("part_size", PART, "max_concurrency", 2)), 4 * PART);

        write.awaitParkedIn("sendPart");
        assertThat(client.partsRequested()).isEqualTo(2);

        while (!write.result.isDone()) {
            await().atMost(PATIENCE).until(() -> client.pendingParts() > 0 || write.result.isDone());
            client.completePendingParts();
        }
        write.result.join();
        assertThat(client.calls()).containsExactly("create", "part 1", "part 2", "part 3", "part 4", "complete 4");
    }

    @Test
    void write_contentWithinOnePart_usesASinglePut() {
        BackgroundWrite write = new BackgroundWrite(location(Map.of("part_size", PART)), PART - 1);

        write.result.join();

        assertThat(client.calls()).containsExactly("put");
    }

    @Test
    void write_partFailsWhileAnotherIsInFlight_abortsOnlyAfterTheOtherSettles() {
        BackgroundWrite write =
                new BackgroundWrite(location(Map.of("part_size", PART, "max_concurrency", 2)), 4 * PART);
        write.awaitParkedIn("sendPart");

        // Part 1 fails while part 2 is still on the wire.
        client.failOldestPart(new IllegalStateException("connection reset"));
        write.awaitParkedIn("abort");
        assertThat(client.calls()).containsExactly("create", "part 1", "part 2");

        client.completePendingParts();
        assertThat(write.result).failsWithin(PATIENCE);
        assertThat(client.calls()).containsExactly("create", "part 1", "part 2", "abort");
    }

    private Location location(Map<String, Object> fsArgs) {
        S3Settings settings = S3Settings.parse("s3://bucket/key", Map.of("key", "k", "secret", "s"), fsArgs);
        return new S3Location(client, settings, "bucket", "key");
    }

    /** A write of zeros on its own thread, so the test can watch where it blocks. */
    private static final class BackgroundWrite {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        final Thread thread;

        BackgroundWrite(Location location, int size) {
            thread = new Thread(
                    () -> {
                        try {
                            location.write(out -> out.write(new byte[size]));
                            result.complete(null);
                        } catch (Throwable e) {
                            result.completeExceptionally(e);
                        }
                    },
                    "test-writer");
            thread.start();
        }

        /** Waits until the writer blocks inside S3UploadStream's {@code method}. */
        void awaitParkedIn(String method) {
            await().atMost(PATIENCE)
                    .until(() -> result.isDone()
                            || (thread.getState() == Thread.State.WAITING
                                    && Arrays.stream(thread.getStackTrace())
                                            .anyMatch(frame -> frame.getClassName()
                                                            .equals(S3UploadStream.class.getName())
                                                    && frame.getMethodName().equals(method))));
            assertThat(result).as("write still running").isNotDone();
        }
    }
}
