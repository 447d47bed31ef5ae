package dev.sluice.storage;

import java.net.URI;
import java.util.Map;

/**
 * Opens {@link Location}s for one URI scheme (such as {@code s3}). Found with
 * {@link java.util.ServiceLoader}; {@code file} is built in.
 */
public interface StorageProvider {
    /** The URI scheme handled, lower case. */
    String scheme();

    /**
     * The location for {@code uri}.
     *
     * @param credentials the catalog entry's resolved credentials; empty to use the store's defaults
     * @param options store settings from the catalog entry's {@code fs_args}
     */
    Location locate(URI uri, Map<String, Object> credentials, Map<String, Object> options);
}
