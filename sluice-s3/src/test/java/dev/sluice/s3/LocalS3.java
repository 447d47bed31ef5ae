package dev.sluice.s3;

import static org.awaitility.Awaitility.await;

import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An in-process S3 server (S3Proxy over an in-memory store) on 127.0.0.1, for one test class.
 *
 * <p>Register with {@code @RegisterExtension static final LocalS3 S3 = new LocalS3();}. Each test
 * gets fresh buckets from {@link #createBucket()}; {@link #onPartUpload} lets a test observe, block
 * or fail part uploads on the server side.
 */
public final class LocalS3 implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private static final String ACCESS_KEY = "local-access-key";
    private static final String SECRET = "local-secret-8c1f2e7a";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final AtomicReference<PartHook> partHook = new AtomicReference<>(PartHook.NONE);
    private final AtomicInteger partUploads = new AtomicInteger();
    private BlobStore store;
    private S3Proxy proxy;
    private URI endpoint;

    /** Called on the server before it stores each uploaded part; may block or throw. */
    @FunctionalInterface
    public interface PartHook {
        PartHook NONE = request -> {};

        void beforePart(UploadPartRequest request) throws Exception;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        store = new HookedStore(new TransientNio2BlobStore());
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        partHook.set(PartHook.NONE);
        partUploads.set(0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // Clients are keyed by endpoint; this server's port will not come back.
        S3Clients.closeAll();
        if (proxy != null) {
            proxy.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String secret() {
        return SECRET;
    }

    /** Catalog credentials that this server accepts, in s3fs style. */
    public Map<String, Object> credentials() {
        return Map.of("key", ACCESS_KEY, "secret", SECRET);
    }

    /**
     * Writes this server's keys as the credentials {@code name} into {@code conf}'s {@code credentials.yml}, and
     * returns the lines a catalog entry adds to use them and this server: {@code credentials} and {@code fs_args}.
     */
    public String catalogSettings(Path conf, String name) throws java.io.IOException {
        java.nio.file.Files.createDirectories(conf);
        java.nio.file.Files.writeString(
                conf.resolve("credentials.yml"), name + ":\n  key: " + ACCESS_KEY + "\n  secret: " + SECRET + "\n");
        return "  credentials: " + name + "\n  fs_args: {endpoint_url: '" + endpoint + "'}\n";
    }

    /** Catalog {@code fs_args} pointing at this server, plus {@code extra}. */
    public Map<String, Object> fsArgs(Map<String, Object> extra) {
        Map<String, Object> args = new LinkedHashMap<>(extra);
        args.put("endpoint_url", endpoint.toString());
        return args;
    }

    /** A new, empty bucket with a unique name. */
    public String createBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        store.createContainer(name.toLowerCase(Locale.ROOT));
        return name.toLowerCase(Locale.ROOT);
    }

    /** The location of {@code uri} with this server's credentials and settings. */
    public Location locate(String uri) {
        return locate(uri, Map.of());
    }

    /** The location of {@code uri} with this server's credentials, settings and {@code extraFsArgs}. */
    public Location locate(String uri, Map<String, Object> extraFsArgs) {
        return Storage.locate(uri, Path.of("."), credentials(), fsArgs(extraFsArgs));
    }

    /** Whether the server holds an object under exactly {@code key}. */
    public boolean objectExists(String bucket, String key) {
        return store.blobExists(bucket, key);
    }

    /** The server's copy of an object, read without Sluice. */
    public byte[] objectBytes(String bucket, String key) throws Exception {
        try (InputStream in = store.getBlob(bucket, key)) {
            return in.readAllBytes();
        }
    }

    /** Stores an object directly in the server's store, without Sluice. */
    public void putObject(String bucket, String key, byte[] content) {
        store.putBlob(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentLength((long) content.length)
                        .build(),
                new ByteArrayInputStream(content));
    }

    /** Multipart uploads started and neither completed nor aborted. */
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> pendingUploads(String bucket) {
        return store.listMultipartUploads(bucket);
    }

    /** Parts the server received since this test began. */
    public int partUploads() {
        return partUploads.get();
    }

    /** Runs {@code hook} for each part the server receives during the current test. */
    public void onPartUpload(PartHook hook) {
        partHook.set(hook);
    }

    private final class HookedStore extends ForwardingBlobStore {
        HookedStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public UploadPartResponse uploadMultipartPart(
                MultipartUpload upload, UploadPartRequest request, InputStream content) {
            partUploads.incrementAndGet();
            try {
                partHook.get().beforePart(request);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return super.uploadMultipartPart(upload, request, content);
        }
    }
}
