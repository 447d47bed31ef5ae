package dev.sluice.storage;

import dev.sluice.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Turns a path or URI from a catalog entry into a {@link Location}. */
public final class Storage {
    private static final Map<String, StorageProvider> PROVIDERS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Object>> DEFAULT_OPTIONS = new ConcurrentHashMap<>();

    static {
        for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, Storage.class.getClassLoader())) {
            PROVIDERS.put(provider.scheme().toLowerCase(Locale.ROOT), provider);
        }
    }

    private Storage() {}

    /** Registers a provider in code, replacing any for the same scheme. */
    public static void register(StorageProvider provider) {
        PROVIDERS.put(provider.scheme().toLowerCase(Locale.ROOT), provider);
    }

    /**
     * Sets the store settings every location of {@code scheme} starts from: a catalog entry's own
     * {@code fs_args} override them key by key. An empty map removes them. The CLI sets them from
     * options such as {@code --s3-request-timeout}, for the duration of one command.
     */
    public static void defaultOptions(String scheme, Map<String, Object> options) {
        String key = scheme.toLowerCase(Locale.ROOT);
        if (options.isEmpty()) {
            DEFAULT_OPTIONS.remove(key);
        } else {
            DEFAULT_OPTIONS.put(key, Map.copyOf(options));
        }
    }

    /** A local file location. */
    public static Location local(Path path) {
        return new LocalLocation(path);
    }

    /**
     * The location of {@code pathOrUri}: a plain or {@code file:} path (relative paths resolve against
     * {@code baseDir}) or a URI whose scheme has a registered {@link StorageProvider}.
     */
    public static Location locate(
            String pathOrUri, Path baseDir, Map<String, Object> credentials, Map<String, Object> options) {
        int colon = pathOrUri.indexOf("://");
        if (colon < 0 && !pathOrUri.startsWith("file:")) {
            return local(baseDir.resolve(pathOrUri));
        }
        URI uri;
        try {
            uri = new URI(pathOrUri);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("'" + pathOrUri + "' is not a valid URI (" + e.getReason()
                    + " at index " + e.getIndex() + "). Percent-encode special characters (a space is %20), or use"
                    + " a plain path for local files.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            // As in fsspec: file:data/x.csv and file://data/x.csv are relative, file:///data/x.csv absolute.
            if (uri.isOpaque()) {
                return local(baseDir.resolve(uri.getSchemeSpecificPart()));
            }
            if (uri.getAuthority() != null) {
                return local(baseDir.resolve(uri.getAuthority() + uri.getPath()));
            }
            return local(Path.of(uri));
        }
        StorageProvider provider = PROVIDERS.get(scheme);
        if (provider == null) {
            throw new ConfigurationException("No storage for '" + scheme + "://' paths (in '" + pathOrUri
                    + "'); known schemes are " + new TreeMap<>(PROVIDERS).keySet()
                    + " plus file. Add the module that provides it (e.g. sluice-s3) to the classpath.");
        }
        Map<String, Object> defaults = DEFAULT_OPTIONS.getOrDefault(scheme, Map.of());
        if (defaults.isEmpty()) {
            return provider.locate(uri, credentials, options);
        }
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(options == null ? Map.of() : options);
        return provider.locate(uri, credentials, merged);
    }
}
