package dev.sluice.s3;

import dev.sluice.s3.S3Settings.ClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The S3 clients of this JVM, one per {@link ClientSettings}, closed by a shutdown hook.
 *
 * <p>Clients own connection pools and event-loop threads, so every location with the same
 * endpoint, region, addressing and credentials shares one. Thread-safe.
 */
final class S3Clients {
    private static final Logger LOG = LoggerFactory.getLogger(S3Clients.class);
    private static final Map<ClientSettings, S3AsyncClient> CLIENTS = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
    // Parts of concurrent writes and open reads all hold connections; waiting a while for one is normal.
    private static final int MAX_CONNECTIONS = 128;
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);
    private static final String FALLBACK_REGION = "us-east-1";

    private S3Clients() {}

    /** The shared client for {@code settings}, built on first use. */
    static S3AsyncClient client(ClientSettings settings) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(S3Clients::closeAll, "sluice-s3-close"));
        }
        return CLIENTS.computeIfAbsent(settings, S3Clients::build);
    }

    /** Closes every client; later calls to {@link #client} build new ones. */
    static void closeAll() {
        List<S3AsyncClient> clients = new ArrayList<>(CLIENTS.values());
        CLIENTS.clear();
        for (S3AsyncClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing an S3 client failed", e);
            }
        }
    }

    private static S3AsyncClient build(ClientSettings settings) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(CONNECTION_WAIT)
                        .connectionTimeout(settings.connectTimeout())
                        .tlsNegotiationTimeout(settings.connectTimeout())
                        // Idle timeouts: a store that stops answering or stops taking bytes fails the
                        // request, while a large part that keeps moving is never cut off.
                        .readTimeout(settings.requestTimeout())
                        .writeTimeout(settings.requestTimeout()))
                // Sluice's RetryPolicy is the one place that retries (transient errors only, within a
                // budget); SDK retries under it would multiply every attempt's time.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(settings.credentials().provider())
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (settings.endpoint() != null) {
            // S3-compatible stores ignore the region, but the signer needs one.
            builder.region(Region.of(FALLBACK_REGION));
        } else {
            builder.region(defaultRegion()).crossRegionAccessEnabled(true);
        }
        LOG.debug(
                "Creating S3 client for endpoint {} region {} with {}",
                settings.endpoint() == null ? "AWS" : settings.endpoint(),
                settings.region() == null ? "<default>" : settings.region(),
                settings.credentials().describe());
        return builder.build();
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            // Cross-region access follows each bucket to its own region, so any start point works.
            return Region.of(FALLBACK_REGION);
        }
    }
}
