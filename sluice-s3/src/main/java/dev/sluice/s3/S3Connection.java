package dev.sluice.s3;

import dev.sluice.s3.S3Settings.ClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one catalog entry reaches S3 (endpoint, region, addressing, credentials, timeouts), read from its
 * {@code fs_args} and credentials exactly as {@code s3://} locations read them, for other clients of the
 * same store: Spark's {@code s3a} file system takes an entry's settings from here. Immutable; equal when the
 * settings are; {@link #toString} never shows a secret.
 */
public final class S3Connection {
    private final ClientSettings settings;

    private S3Connection(ClientSettings settings) {
        this.settings = settings;
    }

    /**
     * The settings of the entry at {@code where} (used in messages), with the errors {@code s3://} locations
     * give for unknown or invalid settings.
     *
     * @throws dev.sluice.ConfigurationException if a setting is unknown or invalid
     */
    public static S3Connection of(String where, Map<String, Object> credentials, Map<String, Object> fsArgs) {
        return new S3Connection(S3Settings.parse(where, credentials, fsArgs).client());
    }

    /** The S3-compatible endpoint ({@code endpoint_url}), or empty for AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(settings.endpoint());
    }

    /** The region, or empty to use the SDK's region chain. */
    public Optional<String> region() {
        return Optional.ofNullable(settings.region());
    }

    /** Whether buckets are addressed in the path rather than the host name (the default with an endpoint). */
    public boolean pathStyle() {
        return settings.pathStyle();
    }

    /** How long to wait for a connection. */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** How long a request may go without progress. */
    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /** Where the credentials come from. */
    public Credentials credentials() {
        return settings.credentials().exposed();
    }

    /** Where an entry's S3 credentials come from. */
    public sealed interface Credentials {}

    /** An access key and secret, and a session token when temporary ({@code null} otherwise). */
    public record Keys(String accessKeyId, String secret, String token) implements Credentials {
        public Keys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Keys[accessKeyId=" + accessKeyId + ", secret=***" + (token == null ? "" : ", token=***") + "]";
        }
    }

    /** A named profile of the AWS configuration files. */
    public record Profile(String name) implements Credentials {}

    /** Anonymous access ({@code anon: true}). */
    public record Anonymous() implements Credentials {}

    /** The AWS default credential chain (environment, {@code ~/.aws}, instance roles). */
    public record DefaultChain() implements Credentials {}

    @Override
    public boolean equals(Object o) {
        return o instanceof S3Connection other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "S3Connection[endpoint=" + settings.endpoint() + ", region=" + settings.region() + ", credentials="
                + settings.credentials().describe() + "]";
    }
}
