package dev.sluice.s3;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where an S3 client gets its credentials: keys from the catalog's credentials, a named profile,
 * anonymous access, or the SDK's default chain (environment, {@code ~/.aws}, instance roles).
 *
 * <p>Equality covers the secret so that different keys never share a client; {@link #toString}
 * never shows it.
 */
final class S3Credentials {
    private enum Source {
        KEYS,
        PROFILE,
        ANONYMOUS,
        DEFAULT_CHAIN
    }

    private final Source source;
    private final String accessKeyId;
    private final String secret;
    private final String token;
    private final String profile;

    private S3Credentials(Source source, String accessKeyId, String secret, String token, String profile) {
        this.source = source;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.token = token;
        this.profile = profile;
    }

    static S3Credentials keys(String accessKeyId, String secret, String token) {
        return new S3Credentials(Source.KEYS, accessKeyId, secret, token, null);
    }

    static S3Credentials profile(String profile) {
        return new S3Credentials(Source.PROFILE, null, null, null, profile);
    }

    static S3Credentials anonymous() {
        return new S3Credentials(Source.ANONYMOUS, null, null, null, null);
    }

    static S3Credentials defaultChain() {
        return new S3Credentials(Source.DEFAULT_CHAIN, null, null, null, null);
    }

    AwsCredentialsProvider provider() {
        return switch (source) {
            case KEYS ->
                StaticCredentialsProvider.create(
                        token == null
                                ? AwsBasicCredentials.create(accessKeyId, secret)
                                : AwsSessionCredentials.create(accessKeyId, secret, token));
            case PROFILE -> ProfileCredentialsProvider.create(profile);
            case ANONYMOUS -> AnonymousCredentialsProvider.create();
            case DEFAULT_CHAIN -> DefaultCredentialsProvider.builder().build();
        };
    }

    /** These credentials as {@link S3Connection} shows them to other clients of the store. */
    S3Connection.Credentials exposed() {
        return switch (source) {
            case KEYS -> new S3Connection.Keys(accessKeyId, secret, token);
            case PROFILE -> new S3Connection.Profile(profile);
            case ANONYMOUS -> new S3Connection.Anonymous();
            case DEFAULT_CHAIN -> new S3Connection.DefaultChain();
        };
    }

    /** Where the credentials come from, in words a user can act on; never the secret. */
    String describe() {
        return switch (source) {
            case KEYS -> "the access key and secret from the catalog entry's credentials";
            case PROFILE -> "the AWS profile '" + profile + "'";
            case ANONYMOUS -> "anonymous access (anon: true)";
            case DEFAULT_CHAIN -> "the AWS default credential chain (no credentials in the catalog entry)";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S3Credentials other
                && source == other.source
                && Objects.equals(accessKeyId, other.accessKeyId)
                && Objects.equals(secret, other.secret)
                && Objects.equals(token, other.token)
                && Objects.equals(profile, other.profile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, accessKeyId, secret, token, profile);
    }

    @Override
    public String toString() {
        return describe();
    }
}
