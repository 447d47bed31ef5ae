package dev.sluice.spark;

import dev.sluice.s3.S3Connection;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Spark's {@code s3a} file system the S3 settings of Sluice's catalog entries: an entry's endpoint,
 * region, addressing, credentials and timeouts become Hadoop's per-bucket settings ({@code
 * fs.s3a.bucket.<bucket>.*}) in the session's Hadoop configuration, which Spark sends to executors with each
 * job. Hadoop keeps one file system per bucket, so one set of settings per bucket holds at a time: when an
 * entry brings other settings for a bucket, the cached file system of that bucket is closed so that the next
 * use opens one with them. Thread-safe.
 */
final class S3aBuckets {
    private static final Logger LOG = LoggerFactory.getLogger(S3aBuckets.class);
    private static final String PROVIDER = "aws.credentials.provider";
    /** What was applied to each configuration, per bucket. */
    private static final Map<Configuration, Map<String, Applied>> APPLIED = new WeakHashMap<>();

    private record Applied(Map<String, String> settings, String entry) {}

    private S3aBuckets() {}

    /** The per-bucket Hadoop settings, without the {@code fs.s3a.bucket.<bucket>.} prefix, of {@code connection}. */
    static Map<String, String> settings(S3Connection connection) {
        Map<String, String> settings = new LinkedHashMap<>();
        connection.endpoint().ifPresent(endpoint -> {
            settings.put("endpoint", endpoint.toString());
            settings.put("connection.ssl.enabled", String.valueOf("https".equalsIgnoreCase(endpoint.getScheme())));
        });
        // S3-compatible stores ignore the region, but the signer needs one, as Sluice's own client does.
        connection
                .region()
                .or(() -> connection.endpoint().map(endpoint -> "us-east-1"))
                .ifPresent(region -> settings.put("endpoint.region", region));
        settings.put("path.style.access", String.valueOf(connection.pathStyle()));
        settings.put("connection.establish.timeout", connection.connectTimeout().toMillis() + "ms");
        settings.put("connection.timeout", connection.requestTimeout().toMillis() + "ms");
        S3Connection.Credentials credentials = connection.credentials();
        if (credentials instanceof S3Connection.Keys keys) {
            settings.put("access.key", keys.accessKeyId());
            settings.put("secret.key", keys.secret());
            if (keys.token() == null) {
                settings.put(PROVIDER, "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            } else {
                settings.put("session.token", keys.token());
                settings.put(PROVIDER, "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
            }
        } else if (credentials instanceof S3Connection.Profile profile) {
            settings.put(PROVIDER, "org.apache.hadoop.fs.s3a.auth.ProfileAWSCredentialsProvider");
            settings.put("auth.profile.name", profile.name());
        } else if (credentials instanceof S3Connection.Anonymous) {
            settings.put(PROVIDER, "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        }
        // Otherwise Hadoop's own chain: the same sources as the SDK's default chain.
        // The s3a file system handles the magic committer's __magic paths (S3aCommitters); Hadoop's default.
        settings.put("committer.magic.enabled", "true");
        return settings;
    }

    /**
     * Sets {@code settings} for {@code bucket} in {@code hadoop}, for the entry {@code entry}; nothing when they
     * are already set. Closes the bucket's cached file system when they replace other settings.
     */
    static void apply(Configuration hadoop, String bucket, Map<String, String> settings, String entry) {
        Objects.requireNonNull(bucket, "bucket");
        Applied previous;
        synchronized (APPLIED) {
            Map<String, Applied> buckets = APPLIED.computeIfAbsent(hadoop, c -> new LinkedHashMap<>());
            previous = buckets.get(bucket);
            if (previous != null && previous.settings().equals(settings)) {
                return;
            }
            String prefix = "fs.s3a.bucket." + bucket + ".";
            if (previous != null) {
                previous.settings().keySet().forEach(key -> hadoop.unset(prefix + key));
            }
            settings.forEach((key, value) -> hadoop.set(prefix + key, value));
            buckets.put(bucket, new Applied(Map.copyOf(settings), entry));
        }
        if (previous != null) {
            LOG.info(
                    "Entry '{}' brings other S3 settings for bucket {} than '{}'; Spark's s3a file system takes one"
                            + " set per bucket at a time, so it is reopened with those of '{}'",
                    entry,
                    bucket,
                    previous.entry(),
                    entry);
            try {
                FileSystem.get(URI.create("s3a://" + bucket + "/"), hadoop).close();
            } catch (IOException e) {
                LOG.debug("Could not close the s3a file system of bucket {}", bucket, e);
            }
        }
    }
}
