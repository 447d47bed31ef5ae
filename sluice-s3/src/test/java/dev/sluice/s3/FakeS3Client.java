package dev.sluice.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 client whose part uploads stay pending until the test completes them, to prove how many
 * parts are in flight and in what order an upload is finished or aborted.
 */
final class FakeS3Client implements S3AsyncClient {
    private final List<CompletableFuture<UploadPartResponse>> pendingParts = new ArrayList<>();
    private final AtomicInteger partsRequested = new AtomicInteger();
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<CreateMultipartUploadResponse> createMultipartUpload(
            CreateMultipartUploadRequest request) {
        calls.add("create");
        return CompletableFuture.completedFuture(
                CreateMultipartUploadResponse.builder().uploadId("upload-1").build());
    }

    @Override
    public synchronized CompletableFuture<UploadPartResponse> uploadPart(
            UploadPartRequest request, AsyncRequestBody body) {
        calls.add("part " + request.partNumber());
        partsRequested.incrementAndGet();
        CompletableFuture<UploadPartResponse> part = new CompletableFuture<>();
        pendingParts.add(part);
        return part;
    }

    @Override
    public synchronized CompletableFuture<CompleteMultipartUploadResponse> completeMultipartUpload(
            CompleteMultipartUploadRequest request) {
        calls.add("complete " + request.multipartUpload().parts().size());
        return CompletableFuture.completedFuture(
                CompleteMultipartUploadResponse.builder().build());
    }

    @Override
    public synchronized CompletableFuture<AbortMultipartUploadResponse> abortMultipartUpload(
            AbortMultipartUploadRequest request) {
        calls.add("abort");
        return CompletableFuture.completedFuture(
                AbortMultipartUploadResponse.builder().build());
    }

    @Override
    public synchronized CompletableFuture<PutObjectResponse> putObject(
            PutObjectRequest request, AsyncRequestBody body) {
        calls.add("put");
        return CompletableFuture.completedFuture(PutObjectResponse.builder().build());
    }

    int partsRequested() {
        return partsRequested.get();
    }

    synchronized int pendingParts() {
        return pendingParts.size();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Completes every pending part successfully, outside the lock so callbacks may call back in. */
    void completePendingParts() {
        for (CompletableFuture<UploadPartResponse> part : takePending()) {
            part.complete(UploadPartResponse.builder().eTag("etag").build());
        }
    }

    /** Fails the oldest pending part. */
    void failOldestPart(RuntimeException failure) {
        CompletableFuture<UploadPartResponse> part;
        synchronized (this) {
            part = pendingParts.remove(0);
        }
        part.completeExceptionally(failure);
    }

    private synchronized List<CompletableFuture<UploadPartResponse>> takePending() {
        List<CompletableFuture<UploadPartResponse>> taken = new ArrayList<>(pendingParts);
        pendingParts.clear();
        return taken;
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {}
}
