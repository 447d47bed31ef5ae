package dev.sluice.s3;

import dev.sluice.ConfigurationException;
import dev.sluice.storage.Location;
import dev.sluice.storage.StorageProvider;
import java.net.URI;
import java.util.Map;

/**
 * Opens {@code s3://bucket/key} locations on Amazon S3 or an S3-compatible store.
 *
 * <p>Found by {@link java.util.ServiceLoader} when this module is on the classpath. Settings come
 * from the catalog entry: {@code fs_args} ({@code endpoint_url}, {@code region}, {@code path_style},
 * {@code part_size}, {@code max_concurrency}, {@code connect_timeout}, {@code request_timeout}, {@code save_timeout} (seconds; the CLI's
 * {@code --s3-*-timeout} options give defaults through {@link dev.sluice.storage.Storage#defaultOptions}),
 * {@code profile}, {@code anon}; {@code endpoint_url} and
 * {@code region_name} may also sit under {@code client_kwargs} as in s3fs) and credentials
 * ({@code key}/{@code secret}/{@code token} or {@code aws_access_key_id}/{@code
 * aws_secret_access_key}/{@code aws_session_token}); without credentials the AWS default chain is
 * used. Locations with the same endpoint, region and credentials share one client, closed when the
 * JVM exits. Thread-safe.
 */
public final class S3StorageProvider implements StorageProvider {
    public S3StorageProvider() {}

    @Override
    public String scheme() {
        return "s3";
    }

    /**
     * The location of {@code uri}; contacts no server.
     *
     * @throws ConfigurationException if the URI has no bucket or a setting is invalid
     */
    @Override
    public Location locate(URI uri, Map<String, Object> credentials, Map<String, Object> options) {
        String bucket = uri.getAuthority();
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigurationException("S3 path '" + uri + "' names no bucket. Write it as"
                    + " s3://<bucket>/<key>, e.g. s3://my-bucket/data/01_raw/iris.csv.");
        }
        S3Settings settings = S3Settings.parse(uri.toString(), credentials, options);
        String key = uri.getPath() == null ? "" : uri.getPath();
        return new S3Location(S3Clients.client(settings.client()), settings, bucket, key);
    }
}
