package dev.sluice.benchmarks;

import dev.sluice.SluiceException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server in this JVM: S3Proxy on 127.0.0.1, on a free port, over an in-memory store
 * that lives as long as the server. It accepts one access key and secret, made up when it starts.
 *
 * <p>Objects are held on the heap: give the JVM room for every object the benchmark stores at once.
 * Thread-safe.
 */
final class S3ProxyServer implements AutoCloseable {
    private final BlobStore store;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secret;

    private S3ProxyServer(BlobStore store, S3Proxy proxy, String accessKey, String secret) {
        this.store = store;
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.accessKey = accessKey;
        this.secret = secret;
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @throws SluiceException if the server does not start
     */
    static S3ProxyServer start() {
        String accessKey = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secret)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start(); // Jetty's start returns once the connector listens.
        } catch (Exception e) {
            store.close();
            throw new SluiceException("Cannot start the in-process S3 server (S3Proxy) on 127.0.0.1: " + e, e);
        }
        if (!"STARTED".equals(proxy.getState())) {
            store.close();
            throw new SluiceException(
                    "The in-process S3 server (S3Proxy) did not start: it is " + proxy.getState()
                            + ". Run the benchmark again; if it persists, check the log above.",
                    null);
        }
        return new S3ProxyServer(store, proxy, accessKey, secret);
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    URI endpoint() {
        return endpoint;
    }

    /** The access key id the server accepts. */
    String accessKey() {
        return accessKey;
    }

    /** The secret key the server accepts. */
    String secret() {
        return secret;
    }

    /** Creates an empty bucket called {@code name} (lower case, as S3 requires); returns the name. */
    String createBucket(String name) {
        store.createContainer(name);
        return name;
    }

    /** Deletes every object in the bucket {@code name}. */
    void clearBucket(String name) {
        store.clearContainer(ListObjectsV2Request.builder().bucket(name).build());
    }

    /** The bytes of every object in {@code bucket} whose key starts with {@code prefix}. */
    long bytesUnder(String bucket, String prefix) {
        long bytes = 0;
        String token = null;
        do {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .continuationToken(token)
                    .build());
            for (S3Object object : page.contents()) {
                bytes += object.size();
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return bytes;
    }

    /** The location of {@code s3Uri} on this server, as a catalog entry would get it. */
    Location locate(String s3Uri) {
        return Storage.locate(
                s3Uri,
                Path.of("."),
                Map.of("key", accessKey, "secret", secret),
                Map.of("endpoint_url", endpoint.toString()));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new SluiceException("Cannot stop the in-process S3 server at " + endpoint + ": " + e, e);
        } finally {
            store.close();
        }
    }
}
