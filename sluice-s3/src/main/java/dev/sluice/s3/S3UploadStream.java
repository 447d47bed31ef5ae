package dev.sluice.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The stream a write goes through: content up to one part stays in memory and is sent with a single
 * put on {@link #commit}; larger content becomes a multipart upload whose parts go out while the
 * writer keeps writing, at most {@code maxConcurrency} at a time.
 *
 * <p>Nothing is visible under the key until {@link #commit} returns: a single put is atomic, and S3
 * only shows a multipart object once the upload is completed. {@link #abort} cancels the upload so
 * no parts are left behind. {@link #close} commits nothing; the writer may call it freely.
 *
 * <p>With a {@code save_timeout}, the write fails once that long has passed since the stream was
 * opened: waits for a free slot, for parts and for the final request end at the deadline, requests in
 * flight are cancelled, and the upload is aborted.
 *
 * <p>Memory is bounded by {@code (maxConcurrency + 1) * partSize}: the writer blocks while that many
 * parts are in flight. Not thread-safe: one writer thread, as {@link java.io.OutputStream} implies.
 */
final class S3UploadStream extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(S3UploadStream.class);
    private static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;
    /** The multipart uploads this JVM's writes have open: never taken for a killed writer's. */
    private static final Set<String> OPEN_UPLOADS = ConcurrentHashMap.newKeySet();

    private final S3Location location;
    private final S3AsyncClient client;
    private final int partSize;
    private final Semaphore permits;
    private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    private final List<CompletableFuture<?>> requests = new ArrayList<>();
    private final AtomicReference<Throwable> partFailure = new AtomicReference<>();
    private final Duration saveTimeout;
    private final long deadline;
    private byte[] buffer = new byte[0];
    private int count;
    private String uploadId;
    private boolean closed;
    private boolean finished;
    private boolean timedOut;

    S3UploadStream(S3Location location, S3AsyncClient client) {
        this.location = location;
        this.client = client;
        this.partSize = location.settings().partSize();
        this.permits = new Semaphore(location.settings().maxConcurrency());
        this.saveTimeout = location.settings().saveTimeout();
        this.deadline = saveTimeout == null ? 0 : System.nanoTime() + saveTimeout.toNanos();
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        if (count == buffer.length) {
            grow(count + 1);
        }
        buffer[count++] = (byte) b;
        if (count == partSize) {
            sendPart();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureWritable();
        if ((offset | length) < 0 || length > bytes.length - offset) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + bytes.length);
        }
        while (length > 0) {
            int chunk = Math.min(length, partSize - count);
            if (count + chunk > buffer.length) {
                grow(count + chunk);
            }
            System.arraycopy(bytes, offset, buffer, count, chunk);
            count += chunk;
            offset += chunk;
            length -= chunk;
            if (count == partSize) {
                sendPart();
            }
        }
    }

    /** Marks the stream closed; what was written is committed only by {@link #commit}. */
    @Override
    public void close() {
        closed = true;
    }

    /** Publishes everything written under the key; on failure the upload is aborted and nothing appears. */
    void commit() throws IOException {
        ensureNotFinished();
        closed = true;
        try {
            if (uploadId == null) {
                await(client.putObject(
                        b -> b.bucket(location.bucket()).key(location.key()),
                        AsyncRequestBody.fromRemainingByteBufferUnsafe(ByteBuffer.wrap(buffer, 0, count))));
            } else {
                if (count > 0) {
                    sendPart();
                }
                List<CompletedPart> completed = new ArrayList<>(parts.size());
                for (CompletableFuture<CompletedPart> part : parts) {
                    completed.add(await(part));
                }
                completed.sort(Comparator.comparing(CompletedPart::partNumber));
                await(client.completeMultipartUpload(b -> b.bucket(location.bucket())
                        .key(location.key())
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed))));
                OPEN_UPLOADS.remove(uploadId);
            }
            finished = true;
            buffer = null;
        } catch (IOException | RuntimeException | Error e) {
            IOException failure = e instanceof IOException io ? io : S3Errors.translate(location, "write", e);
            abort(failure);
            throw failure;
        }
    }

    /**
     * Drops the content: waits for parts in flight, then aborts the multipart upload so S3 keeps no
     * parts. Failures while aborting are added to {@code reason} as suppressed exceptions.
     */
    void abort(Throwable reason) {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        buffer = null;
        if (uploadId == null) {
            return;
        }
        // Parts still in flight could land after the abort and be kept; let them settle first.
        for (CompletableFuture<CompletedPart> part : parts) {
            try {
                part.exceptionally(e -> null).join();
            } catch (RuntimeException ignored) {
                // exceptionally() already absorbed the failure; nothing else can be thrown here.
            }
        }
        if (timedOut) {
            // A store too slow for the save is likely too slow for the abort: send it without waiting. If
            // it never lands, the next run of the pipeline aborts the upload (S3Location.removeLeftovers).
            String abandoned = uploadId;
            client.abortMultipartUpload(
                            b -> b.bucket(location.bucket()).key(location.key()).uploadId(abandoned))
                    .whenComplete((done, failure) -> {
                        if (failure == null) {
                            OPEN_UPLOADS.remove(abandoned);
                        }
                        LOG.debug("Abort of timed-out multipart upload {} of {}", abandoned, location.uri(), failure);
                    });
            return;
        }
        try {
            client.abortMultipartUpload(
                            b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId))
                    .join();
            OPEN_UPLOADS.remove(uploadId);
            LOG.debug("Aborted multipart upload {} of {}", uploadId, location.uri());
        } catch (RuntimeException e) {
            IOException failure = S3Errors.translate(location, "abort the multipart upload of", e);
            // The message says what failed; the SDK's frames help only when debugging.
            LOG.warn(
                    "Could not abort multipart upload {} of {}; its parts stay billed until the next run of this"
                            + " pipeline or a bucket lifecycle rule removes them: {}",
                    uploadId,
                    location.uri(),
                    failure.getMessage());
            LOG.debug("Abort of multipart upload {} failed", uploadId, failure);
            reason.addSuppressed(failure);
        }
    }

    /** Whether a write of this JVM has {@code uploadId} open. */
    static boolean isOpen(String uploadId) {
        return OPEN_UPLOADS.contains(uploadId);
    }

    private void sendPart() throws IOException {
        rethrowPartFailure();
        if (uploadId == null) {
            uploadId = await(client.createMultipartUpload(b ->
                            b.bucket(location.bucket()).key(location.key()).checksumAlgorithm(ChecksumAlgorithm.CRC32)))
                    .uploadId();
            OPEN_UPLOADS.add(uploadId);
        }
        if (parts.size() == MAX_PARTS) {
            throw new IOException("Could not write " + location.uri() + ": the content needs more than " + MAX_PARTS
                    + " parts of " + partSize + " bytes. Raise 'part_size' in the entry's fs_args.");
        }
        try {
            if (saveTimeout == null) {
                permits.acquire();
            } else if (!permits.tryAcquire(remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while writing " + location.uri());
        }
        try {
            // A part may have failed while this one waited for its slot.
            rethrowPartFailure();
        } catch (IOException e) {
            permits.release();
            throw e;
        }
        int partNumber = parts.size() + 1;
        byte[] data = buffer;
        int length = count;
        // The part owns its bytes until the upload ends; the writer continues in a new buffer.
        buffer = new byte[0];
        count = 0;
        CompletableFuture<CompletedPart> part;
        try {
            CompletableFuture<UploadPartResponse> request = client.uploadPart(
                    b -> b.bucket(location.bucket())
                            .key(location.key())
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    AsyncRequestBody.fromRemainingByteBufferUnsafe(ByteBuffer.wrap(data, 0, length)));
            requests.add(request);
            part = request.thenApply(response -> CompletedPart.builder()
                    .partNumber(partNumber)
                    .eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32())
                    .build());
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        part.whenComplete((done, failure) -> {
            // Record the failure before freeing the slot, so the woken writer sees it.
            if (failure != null) {
                partFailure.compareAndSet(null, failure);
            }
            permits.release();
        });
        parts.add(part);
    }

    private void grow(int needed) {
        // Small content grows gently; once the content is known to be large, take whole parts.
        int size = uploadId != null ? partSize : Math.max(needed, Math.max(FIRST_BUFFER, buffer.length * 2));
        buffer = Arrays.copyOf(buffer, Math.min(size, partSize));
    }

    private void ensureWritable() throws IOException {
        ensureNotFinished();
        if (closed) {
            throw new IOException("Stream to " + location.uri() + " is closed; write everything before closing it");
        }
        rethrowPartFailure();
    }

    private void ensureNotFinished() throws IOException {
        if (finished) {
            throw new IOException("The write to " + location.uri() + " has already been committed or aborted");
        }
    }

    private long remainingNanos() {
        return deadline - System.nanoTime();
    }

    /** The save took longer than {@code save_timeout}: cancels what is still on the wire, so the abort can follow at once. */
    private IOException timedOut() {
        timedOut = true;
        requests.forEach(request -> request.cancel(true));
        return S3Errors.saveTimedOut(location, saveTimeout);
    }

    /** Fails the writer early once any part has failed, instead of uploading the rest in vain. */
    private void rethrowPartFailure() throws IOException {
        Throwable failure = partFailure.get();
        if (failure != null) {
            throw S3Errors.translate(location, "write", failure);
        }
    }

    private <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return saveTimeout == null ? future.get() : future.get(remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw S3Errors.translate(location, "write", e);
        } catch (ExecutionException e) {
            throw S3Errors.translate(location, "write", e);
        }
    }
}
