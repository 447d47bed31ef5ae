package dev.sluice.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sluice.storage.Location;
import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3LocationTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @Test
    void write_smallContent_readsBackTheSameBytesFromOnePut() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/data/01_raw/greeting.txt");

        location.write(out -> out.write("hello, sluice".getBytes(UTF_8)));

        assertThat(read(location)).isEqualTo("hello, sluice".getBytes(UTF_8));
        assertThat(location.exists()).isTrue();
        assertThat(location.size()).isEqualTo(13);
        assertThat(S3.partUploads()).isZero();
    }

    @Test
    void write_emptyContent_storesAnEmptyObject() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/empty.bin");

        location.write(out -> {});

        assertThat(S3.objectExists(bucket, "empty.bin")).isTrue();
        assertThat(location.size()).isZero();
    }

    @Test
    void write_contentLargerThanThePartSize_uploadsPartsAndReadsBackTheSameBytes() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/big.bin", Map.of("part_size", "5MiB"));
        byte[] content = randomBytes(12 * MIB + 17);

        // Small, odd-sized writes cross part boundaries at every offset.
        location.write(out -> {
            for (int offset = 0; offset < content.length; offset += 100_003) {
                out.write(content, offset, Math.min(100_003, content.length - offset));
            }
        });

        assertThat(S3.partUploads()).isEqualTo(3);
        assertThat(S3.objectBytes(bucket, "big.bin")).isEqualTo(content);
        assertThat(read(location)).isEqualTo(content);
        assertThat(location.size()).isEqualTo(content.length);
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void write_contentOfExactlyOnePart_isStoredWhole() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/one-part.bin", Map.of("part_size", 5 * MIB));
        byte[] content = randomBytes(5 * MIB);

        location.write(out -> out.write(content));

        assertThat(read(location)).isEqualTo(content);
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void write_writerFailsAfterSomeParts_abortsTheUploadAndLeavesNothingUnderTheKey() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/model.bin", Map.of("part_size", "5MiB"));
        byte[] content = randomBytes(12 * MIB);

        Throwable thrown = catchThrowable(() -> location.write(out -> {
            out.write(content);
            throw new IOException("serializer broke");
        }));

        assertThat(thrown).isInstanceOf(IOException.class).hasMessage("serializer broke");
        assertThat(S3.partUploads()).isEqualTo(2);
        assertThat(S3.objectExists(bucket, "model.bin")).isFalse();
        assertThat(location.exists()).isFalse();
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void write_serverRejectsAPart_failsAndLeavesNothingUnderTheKey() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/model.bin", Map.of("part_size", "5MiB"));
        S3.onPartUpload(request -> {
            if (request.partNumber() == 2) {
                throw new IllegalStateException("disk full");
            }
        });

        Throwable thrown = catchThrowable(() -> location.write(out -> out.write(randomBytes(12 * MIB))));

        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("s3://" + bucket + "/model.bin");
        assertThat(S3.objectExists(bucket, "model.bin")).isFalse();
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void write_saveTimeoutPassesWhilePartsStall_failsNamingTheSettingAndAbortsTheUpload() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/slow.bin", Map.of("part_size", "5MiB", "save_timeout", 0.5));
        CountDownLatch release = new CountDownLatch(1);
        S3.onPartUpload(request -> release.await());
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> location.write(out -> out.write(randomBytes(6 * MIB))));
        } finally {
            release.countDown();
        }

        assertThat(thrown)
                .isInstanceOf(TransientIOException.class)
                .hasMessageContaining("s3://" + bucket + "/slow.bin")
                .hasMessageContaining("took longer than 0.5 s")
                .hasMessageContaining("'save_timeout'");
        // The abort is sent without waiting for the stalled store; it lands once the store answers.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> S3.pendingUploads(bucket).isEmpty());
        assertThat(S3.objectExists(bucket, "slow.bin")).isFalse();
    }

    @Test
    void write_replacingAnObject_readersSeeTheOldContentUntilTheNewOneIsCommitted() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/table.bin", Map.of("part_size", "5MiB"));
        location.write(out -> out.write("old".getBytes(UTF_8)));
        CountDownLatch firstPartArrived = new CountDownLatch(1);
        CountDownLatch releasePart = new CountDownLatch(1);
        S3.onPartUpload(request -> {
            firstPartArrived.countDown();
            releasePart.await();
        });
        byte[] content = randomBytes(6 * MIB);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> {
                location.write(out -> out.write(content));
                return null;
            });
            firstPartArrived.await();

            assertThat(read(location)).isEqualTo("old".getBytes(UTF_8));

            releasePart.countDown();
            write.get();
        } finally {
            releasePart.countDown();
            writer.shutdownNow();
        }
        assertThat(read(location)).isEqualTo(content);
    }

    @Test
    void write_concurrentWritesToDifferentKeys_eachKeyHoldsItsOwnContent() throws Exception {
        String bucket = S3.createBucket();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<byte[]>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                int index = i;
                writes.add(pool.submit(() -> {
                    // Every other writer goes multipart so both paths run side by side.
                    byte[] content = randomBytes(index % 2 == 0 ? 1024 + index : 6 * MIB + index);
                    Location location =
                            S3.locate("s3://" + bucket + "/part-" + index + ".bin", Map.of("part_size", "5MiB"));
                    start.await();
                    location.write(out -> out.write(content));
                    return content;
                }));
            }
            start.countDown();
            for (int i = 0; i < writers; i++) {
                byte[] expected = writes.get(i).get();
                assertThat(S3.objectBytes(bucket, "part-" + i + ".bin")).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        assertThat(S3.pendingUploads(bucket)).isEmpty();
    }

    @Test
    void openRead_missingKey_throwsNoSuchFileNamingBucketAndKey() {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/data/missing.csv");

        assertThatThrownBy(location::openRead)
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://" + bucket + "/data/missing.csv")
                .hasMessageContaining("key 'data/missing.csv'")
                .hasMessageContaining("bucket '" + bucket + "'")
                .hasMessageContaining("Run the pipeline that produces it first");
    }

    @Test
    void openRead_missingBucket_namesTheBucketAndTheFix() {
        Location location = S3.locate("s3://no-such-bucket/data/x.csv");

        assertThatThrownBy(location::openRead)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("S3 bucket 'no-such-bucket' does not exist")
                .hasMessageContaining("Create the bucket");
    }

    @Test
    void write_missingBucket_failsNamingTheBucketAndLeavesNothing() {
        Location location = S3.locate("s3://no-such-bucket/data/x.csv");

        assertThatThrownBy(() -> location.write(out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("S3 bucket 'no-such-bucket' does not exist")
                .hasMessageContaining(S3.endpoint().toString());
    }

    @Test
    void exists_missingBucket_failsInsteadOfAnsweringFalse() {
        Location location = S3.locate("s3://no-such-bucket/data/x.csv");

        assertThatThrownBy(location::exists).hasMessageContaining("S3 bucket 'no-such-bucket' does not exist");
    }

    @Test
    void openRead_wrongSecret_failsNamingTheBucketButNeverTheSecret() throws Exception {
        String bucket = S3.createBucket();
        S3.locate("s3://" + bucket + "/x.csv").write(out -> out.write(1));
        String wrongSecret = "wrong-secret-5d41402abc4b2a76";
        Location location = dev.sluice.storage.Storage.locate(
                "s3://" + bucket + "/x.csv",
                Path.of("."),
                Map.of("aws_access_key_id", "local-access-key", "aws_secret_access_key", wrongSecret),
                S3.fsArgs(Map.of()));

        Throwable thrown = catchThrowable(location::openRead);

        assertThat(thrown)
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("bucket '" + bucket + "'")
                .hasMessageContaining("key 'x.csv'")
                .hasMessageContaining("aws_secret_access_key");
        assertThat(stackTraceOf(thrown)).doesNotContain(wrongSecret).doesNotContain(S3.secret());
    }

    @Test
    void write_wrongAccessKey_failsNamingTheBucketWithoutTheSecret() {
        String bucket = S3.createBucket();
        Location location = dev.sluice.storage.Storage.locate(
                "s3://" + bucket + "/x.csv",
                Path.of("."),
                Map.of("key", "nobody", "secret", "nobodys-secret-0a1b2c"),
                S3.fsArgs(Map.of()));

        Throwable thrown = catchThrowable(() -> location.write(out -> out.write(1)));

        // Usually AccessDeniedException; a server may also drop the connection before reading the body.
        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining(bucket);
        assertThat(stackTraceOf(thrown)).doesNotContain("nobodys-secret-0a1b2c");
        assertThat(S3.objectExists(bucket, "x.csv")).isFalse();
    }

    @Test
    void exists_keyIsAPrefixOfObjects_isTrue() throws Exception {
        String bucket = S3.createBucket();
        S3.locate("s3://" + bucket + "/ds/v1/x.csv").write(out -> out.write(1));

        assertThat(S3.locate("s3://" + bucket + "/ds").exists()).isTrue();
        assertThat(S3.locate("s3://" + bucket + "/ds/").exists()).isTrue();
        assertThat(S3.locate("s3://" + bucket + "/d").exists()).isFalse();
        assertThat(S3.locate("s3://" + bucket + "/ds").size()).isEqualTo(-1);
    }

    @Test
    void list_versionedLayout_returnsVersionDirectoriesAndFilesSorted() throws Exception {
        String bucket = S3.createBucket();
        Location dataset = S3.locate("s3://" + bucket + "/data/06_models/model.pkl");
        for (String version : List.of("2024-01-02T00.00.00.000Z", "2024-01-01T00.00.00.000Z")) {
            dataset.resolve(version).resolve("model.pkl").write(out -> out.write(1));
        }
        dataset.resolve(".hidden").write(out -> out.write(1));
        S3.locate("s3://" + bucket + "/data/06_models/notes.txt").write(out -> out.write(1));

        assertThat(dataset.list()).containsExactly("2024-01-01T00.00.00.000Z", "2024-01-02T00.00.00.000Z");
        assertThat(S3.locate("s3://" + bucket + "/data/06_models").list()).containsExactly("model.pkl", "notes.txt");
        assertThat(S3.locate("s3://" + bucket + "/data/none").list()).isEmpty();
    }

    @Test
    void list_moreEntriesThanOnePage_returnsThemAll() throws Exception {
        String bucket = S3.createBucket();
        Location dir = S3.locate("s3://" + bucket + "/many");
        for (int i = 0; i < 1005; i++) {
            S3.putObject(bucket, String.format("many/f%04d", i), new byte[] {1});
        }

        List<String> names = dir.list();

        assertThat(names).hasSize(1005).startsWith("f0000").endsWith("f1004");
    }

    @Test
    void uriAndStoreKey_nameTheBucketAndKey() {
        Location location = S3.locate("s3://my-bucket/a/b/../c.csv");

        assertThat(location.uri()).hasToString("s3://my-bucket/a/c.csv");
        assertThat(location.storeKey()).isEqualTo("s3://my-bucket");
        assertThat(location.resolve("2024/x.csv").uri()).hasToString("s3://my-bucket/a/c.csv/2024/x.csv");
        assertThat(location.resolve("../d.csv").uri()).hasToString("s3://my-bucket/a/d.csv");
    }

    private static byte[] read(Location location) throws IOException {
        try (InputStream in = location.openRead()) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
