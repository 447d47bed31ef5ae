package dev.sluice.s3;

import dev.sluice.storage.Leftovers;
import dev.sluice.storage.Location;
import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An object key in an S3 bucket, or a prefix of keys treated as a directory ({@code '/'} separated).
 *
 * <p>Reads stream the object; writes go through {@link S3UploadStream}, so they are atomic. All
 * methods block the calling thread for the duration of the requests.
 */
final class S3Location implements Location {
    private static final Instant PROCESS_START =
            ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

    private final S3AsyncClient client;
    private final S3Settings settings;
    private final String bucket;
    private final String key;

    S3Location(S3AsyncClient client, S3Settings settings, String bucket, String key) {
        this.client = client;
        this.settings = settings;
        this.bucket = bucket;
        this.key = normalize(key);
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }

    S3Settings settings() {
        return settings;
    }

    @Override
    public URI uri() {
        try {
            return new URI("s3", bucket, "/" + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bucket '" + bucket + "' does not make a valid URI", e);
        }
    }

    @Override
    public String storeKey() {
        return "s3://" + bucket;
    }

    @Override
    public InputStream openRead() throws IOException {
        return await(
                "read",
                () -> client.getObject(
                        b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBlockingInputStream()));
    }

    @Override
    public void write(ContentWriter writer) throws IOException {
        S3UploadStream out = new S3UploadStream(this, client);
        try {
            try {
                writer.writeTo(out);
            } catch (IOException | RuntimeException | Error e) {
                out.abort(e);
                throw e;
            }
            out.commit();
        } catch (TransientIOException e) {
            throw explainTransientWriteFailure(e);
        }
    }

    /**
     * A write that failed on a dropped connection (not a timeout) may have met a permanent cause the store did not
     * report: some S3-compatible stores (S3Proxy among them) close the connection on a put to a
     * missing bucket instead of answering NoSuchBucket. Asks the store whether the bucket exists and
     * returns that permanent failure, with {@code failure} suppressed, so the run does not retry what
     * cannot succeed; otherwise returns {@code failure} unchanged.
     */
    private IOException explainTransientWriteFailure(TransientIOException failure) {
        if (S3Errors.endedOnTimeout(failure)) {
            return failure;
        }
        try {
            client.headBucket(b -> b.bucket(bucket)).get();
        } catch (ExecutionException e) {
            // HeadBucket answers a missing bucket with a bare 404: a HEAD response has no body for a code.
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                IOException missing = S3Errors.missingBucket(this, "write", s3);
                missing.addSuppressed(failure);
                return missing;
            }
            failure.addSuppressed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    @Override
    public boolean exists() throws IOException {
        if (!key.isEmpty() && head() != null) {
            return true;
        }
        ListObjectsV2Response listing = await(
                "check for objects under",
                () -> client.listObjectsV2(
                        b -> b.bucket(bucket).prefix(directoryPrefix()).maxKeys(1)));
        return !listing.contents().isEmpty() || !listing.commonPrefixes().isEmpty();
    }

    @Override
    public long size() throws IOException {
        HeadObjectResponse head = key.isEmpty() ? null : head();
        return head == null || head.contentLength() == null ? -1 : head.contentLength();
    }

    @Override
    public Location resolve(String relative) {
        return new S3Location(client, settings, bucket, key + "/" + relative);
    }

    @Override
    public List<String> list() throws IOException {
        String prefix = directoryPrefix();
        TreeSet<String> names = new TreeSet<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = await(
                    "list",
                    () -> client.listObjectsV2(
                            b -> b.bucket(bucket).prefix(prefix).delimiter("/").continuationToken(continuation)));
            for (CommonPrefix common : page.commonPrefixes()) {
                String name = common.prefix().substring(prefix.length());
                addVisible(names, name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
            for (S3Object object : page.contents()) {
                addVisible(names, object.key().substring(prefix.length()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return List.copyOf(names);
    }

    /**
     * Aborts the multipart uploads under this key (or below it, as a directory) that writers killed
     * before they committed left open. S3 keeps an upload's parts, and bills them, until it is
     * completed or aborted. An upload counts as abandoned when it began before this process started
     * and no write of this JVM has it open: at the start of a run, no other process should be writing
     * the run's datasets. The bucket's root is never swept.
     */
    @Override
    public Leftovers removeLeftovers() throws IOException {
        return removeLeftovers(PROCESS_START);
    }

    /** Aborts the abandoned uploads under this key that began before {@code cutoff}. */
    Leftovers removeLeftovers(Instant cutoff) throws IOException {
        if (key.isEmpty()) {
            return Leftovers.NONE;
        }
        Leftovers removed = Leftovers.NONE;
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            String afterKey = keyMarker;
            String afterUpload = uploadIdMarker;
            ListMultipartUploadsResponse page = await(
                    "list unfinished uploads under",
                    () -> client.listMultipartUploads(b ->
                            b.bucket(bucket).prefix(key).keyMarker(afterKey).uploadIdMarker(afterUpload)));
            for (MultipartUpload upload : page.uploads()) {
                boolean ours = upload.key().equals(key) || upload.key().startsWith(key + "/");
                if (ours
                        && upload.initiated() != null
                        && upload.initiated().isBefore(cutoff)
                        && !S3UploadStream.isOpen(upload.uploadId())) {
                    removed = removed.plus(new Leftovers(1, abort(upload)));
                }
            }
            boolean more = Boolean.TRUE.equals(page.isTruncated());
            keyMarker = more ? page.nextKeyMarker() : null;
            uploadIdMarker = more ? page.nextUploadIdMarker() : null;
        } while (keyMarker != null);
        return removed;
    }

    /** Aborts {@code upload}; returns the bytes its parts held. */
    private long abort(MultipartUpload upload) throws IOException {
        long bytes = 0;
        Integer partMarker = null;
        do {
            Integer after = partMarker;
            ListPartsResponse parts = await(
                    "list the parts of an unfinished upload under",
                    () -> client.listParts(b -> b.bucket(bucket)
                            .key(upload.key())
                            .uploadId(upload.uploadId())
                            .partNumberMarker(after)));
            for (Part part : parts.parts()) {
                bytes += part.size() == null ? 0 : part.size();
            }
            partMarker = Boolean.TRUE.equals(parts.isTruncated()) ? parts.nextPartNumberMarker() : null;
        } while (partMarker != null);
        try {
            // Sent once: an abort changes the store, so a dropped connection is the run's retry to judge.
            result(client.abortMultipartUpload(
                    b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())));
        } catch (InterruptedException | ExecutionException e) {
            throw S3Errors.translate(this, "abort an unfinished upload under", e);
        }
        return bytes;
    }

    /** Empty: every failure {@link S3Errors} makes already says what to fix, in S3's terms. */
    @Override
    public String writeFailureHint(IOException failure) {
        return "";
    }

    @Override
    public String toString() {
        return uri().toString();
    }

    /** The object's metadata, or {@code null} when there is no object under the key. */
    private HeadObjectResponse head() throws IOException {
        try {
            return readOnce(() -> client.headObject(b -> b.bucket(bucket).key(key)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                return null;
            }
            throw S3Errors.translate(this, "look up", e);
        } catch (InterruptedException e) {
            throw S3Errors.translate(this, "look up", e);
        }
    }

    private String directoryPrefix() {
        return key.isEmpty() ? "" : key + "/";
    }

    private <T> T await(String action, Supplier<CompletableFuture<T>> request) throws IOException {
        try {
            return readOnce(request);
        } catch (InterruptedException | ExecutionException e) {
            throw S3Errors.translate(this, action, e);
        }
    }

    /**
     * Sends a request that carries no body and changes nothing, and sends it once more, at once, when the store
     * closed the connection before answering: a connection kept alive from an earlier request that the store
     * has just dropped (S3Proxy does so now and then). Any other failure, or a second one, is thrown.
     */
    private static <T> T readOnce(Supplier<CompletableFuture<T>> request)
            throws ExecutionException, InterruptedException {
        try {
            return result(request.get());
        } catch (ExecutionException e) {
            if (!S3Errors.closedBeforeAnswer(e.getCause())) {
                throw e;
            }
            return result(request.get());
        }
    }

    private static <T> T result(CompletableFuture<T> future) throws ExecutionException, InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Hidden names (temporary and marker files start with '.') are skipped, as for local directories. */
    private static void addVisible(TreeSet<String> names, String name) {
        if (!name.isEmpty() && !name.startsWith(".")) {
            names.add(name);
        }
    }

    /** Resolves '.' and '..' and drops empty segments, so keys never start or end with '/'. */
    private static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.pollLast() == null) {
                    throw new IllegalArgumentException("Path '" + path + "' climbs above the bucket root");
                }
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
