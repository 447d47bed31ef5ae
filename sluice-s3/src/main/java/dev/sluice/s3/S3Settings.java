package dev.sluice.s3;

import dev.sluice.ConfigurationException;
import dev.sluice.storage.ByteSize;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The S3 settings of one catalog entry, read from its {@code fs_args} and credentials.
 *
 * <p>Names follow Kedro and fsspec/s3fs so that existing catalogs carry over: {@code endpoint_url}
 * and {@code region_name} may also sit under {@code client_kwargs}, and credentials may use either
 * {@code key}/{@code secret}/{@code token} or the {@code aws_*} names.
 *
 * @param client what identifies the shared client: endpoint, region, addressing and credentials
 * @param partSize bytes per multipart part; content up to this size goes in a single put
 * @param maxConcurrency parts of one write uploaded at the same time
 * @param saveTimeout the longest one write may take from its first byte to its commit
 *     ({@code save_timeout}), or {@code null} for no limit
 */
record S3Settings(ClientSettings client, int partSize, int maxConcurrency, Duration saveTimeout) {
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    static final int MAX_PART_SIZE = 1024 * 1024 * 1024;
    static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    static final int DEFAULT_MAX_CONCURRENCY = 4;
    static final int MAX_CONCURRENCY_LIMIT = 64;
    /** How long to wait for a TCP connection to the store. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long the store may leave a request without an answer or without taking more bytes: an idle
     * timeout on the socket, so large parts that keep moving are never cut off.
     */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The longest {@code save_timeout}: a day. */
    static final int MAX_SAVE_TIMEOUT_SECONDS = 24 * 3600;

    private static final Set<String> OPTION_KEYS = Set.of(
            "endpoint_url",
            "region",
            "region_name",
            "path_style",
            "part_size",
            "max_concurrency",
            "connect_timeout",
            "request_timeout",
            "save_timeout",
            "client_kwargs",
            "profile",
            "anon",
            // Kedro's dataset-level open arguments travel in fs_args too; they are not ours to judge.
            "open_args_load",
            "open_args_save");
    private static final Set<String> CLIENT_KWARGS_KEYS =
            Set.of("endpoint_url", "region_name", "aws_access_key_id", "aws_secret_access_key", "aws_session_token");
    private static final List<String> CREDENTIAL_ONLY_KEYS =
            List.of("key", "secret", "token", "aws_access_key_id", "aws_secret_access_key", "aws_session_token");
    private static final Set<String> CREDENTIAL_KEYS = Set.of(
            "key",
            "secret",
            "token",
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "endpoint_url",
            "region",
            "region_name",
            "client_kwargs",
            "profile",
            "anon");

    /**
     * The settings that select a client; two entries with equal settings share one.
     *
     * @param endpoint the S3-compatible endpoint, or {@code null} for AWS
     * @param region the region, or {@code null} to use the SDK's region chain
     * @param pathStyle whether to address buckets in the path rather than the host name
     * @param connectTimeout how long to wait for a connection ({@code connect_timeout})
     * @param requestTimeout how long a request may go without progress ({@code request_timeout})
     */
    record ClientSettings(
            URI endpoint,
            String region,
            boolean pathStyle,
            S3Credentials credentials,
            Duration connectTimeout,
            Duration requestTimeout) {}

    /** Reads the settings for {@code where} (used in messages); never echoes credential values. */
    static S3Settings parse(String where, Map<String, Object> credentials, Map<String, Object> options) {
        refuseKeysIn(where, options);
        Reader opts = new Reader(where, "fs_args", options, OPTION_KEYS);
        Reader creds = new Reader(where, "credentials", credentials, CREDENTIAL_KEYS);
        Reader optsKwargs = opts.nested("client_kwargs", CLIENT_KWARGS_KEYS);
        Reader credsKwargs = creds.nested("client_kwargs", CLIENT_KWARGS_KEYS);

        String endpointText = first(
                opts.string("endpoint_url"),
                optsKwargs.string("endpoint_url"),
                creds.string("endpoint_url"),
                credsKwargs.string("endpoint_url"));
        URI endpoint = endpointText == null ? null : endpoint(where, endpointText);
        String region = first(
                opts.string("region"),
                opts.string("region_name"),
                optsKwargs.string("region_name"),
                creds.string("region"),
                creds.string("region_name"),
                credsKwargs.string("region_name"));
        // S3-compatible stores (MinIO, Ceph, S3Proxy) rarely resolve virtual-host bucket names.
        boolean pathStyle = opts.bool("path_style", endpoint != null);
        int partSize = opts.size("part_size", DEFAULT_PART_SIZE, MIN_PART_SIZE, MAX_PART_SIZE);
        int maxConcurrency = opts.integer("max_concurrency", DEFAULT_MAX_CONCURRENCY, 1, MAX_CONCURRENCY_LIMIT);
        Duration connectTimeout = opts.seconds("connect_timeout", DEFAULT_CONNECT_TIMEOUT);
        Duration requestTimeout = opts.seconds("request_timeout", DEFAULT_REQUEST_TIMEOUT);
        Duration saveTimeout = opts.seconds("save_timeout", null, MAX_SAVE_TIMEOUT_SECONDS);

        String key =
                first(creds.string("key"), creds.string("aws_access_key_id"), credsKwargs.string("aws_access_key_id"));
        String secret = first(
                creds.string("secret"),
                creds.string("aws_secret_access_key"),
                credsKwargs.string("aws_secret_access_key"));
        String token = first(
                creds.string("token"), creds.string("aws_session_token"), credsKwargs.string("aws_session_token"));
        if ((key == null) != (secret == null)) {
            throw new ConfigurationException("S3 credentials for " + where + " give "
                    + (key == null ? "a secret but no access key id" : "an access key id but no secret")
                    + ". Set both 'key' and 'secret' (or 'aws_access_key_id' and 'aws_secret_access_key') in the"
                    + " credentials entry, or remove both to use the AWS default credential chain.");
        }
        String profile = first(opts.string("profile"), creds.string("profile"));
        boolean anonymous = opts.bool("anon", false) || creds.bool("anon", false);
        if (anonymous && (key != null || profile != null)) {
            throw new ConfigurationException("S3 settings for " + where
                    + " ask for anonymous access ('anon: true') and also give credentials; keep one of them.");
        }
        if (key != null && profile != null) {
            throw new ConfigurationException(
                    "S3 settings for " + where + " give both access keys and a 'profile'; keep one of them.");
        }
        S3Credentials credentialSource = anonymous
                ? S3Credentials.anonymous()
                : key != null
                        ? S3Credentials.keys(key, secret, token)
                        : profile != null ? S3Credentials.profile(profile) : S3Credentials.defaultChain();
        return new S3Settings(
                new ClientSettings(endpoint, region, pathStyle, credentialSource, connectTimeout, requestTimeout),
                partSize,
                maxConcurrency,
                saveTimeout);
    }

    /**
     * Refuses access keys in {@code fs_args} (where s3fs takes them, and Kedro projects for MinIO often put
     * them): the dataset's settings are shown and logged, credentials are not. Names the keys, never values.
     */
    private static void refuseKeysIn(String where, Map<String, Object> options) {
        if (options == null) {
            return;
        }
        List<String> found = new ArrayList<>();
        for (String key : CREDENTIAL_ONLY_KEYS) {
            if (options.containsKey(key)) {
                found.add(key);
            }
        }
        if (options.get("client_kwargs") instanceof Map<?, ?> kwargs) {
            for (String key : CREDENTIAL_ONLY_KEYS) {
                if (kwargs.containsKey(key)) {
                    found.add("client_kwargs." + key);
                }
            }
        }
        if (!found.isEmpty()) {
            throw new ConfigurationException("S3 keys for " + where + " are in fs_args (" + String.join(", ", found)
                    + "), where they would be shown and logged with the dataset's settings. Move them to an entry"
                    + " of conf/local/credentials.yml (the same names work there: key, secret, token, or"
                    + " aws_access_key_id, aws_secret_access_key, aws_session_token), and refer to it from the"
                    + " dataset with 'credentials: <name>'.");
        }
    }

    private static URI endpoint(String where, String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new URISyntaxException(text, "expected http:// or https:// and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("S3 'endpoint_url' for " + where + " is not a valid URL ('" + text
                    + "'): " + e.getReason() + ". Write it like 'http://localhost:9000' or"
                    + " 'https://s3.example.com'.");
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Typed access to one settings map; errors name the map and the location. */
    private static final class Reader {
        private final String where;
        private final String mapName;
        private final Map<String, Object> values;

        Reader(String where, String mapName, Map<String, Object> values, Set<String> known) {
            this.where = where;
            this.mapName = mapName;
            this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
            Set<String> unknown = new TreeSet<>(this.values.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                // Only names, never values: the map may hold secrets.
                throw new ConfigurationException("Unknown S3 setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                        + " in " + mapName + " for " + where + ". Known settings: " + new TreeSet<>(known)
                        + ". Fix the spelling or remove the setting.");
            }
        }

        boolean has(String key) {
            return values.get(key) != null;
        }

        @SuppressWarnings("unchecked")
        Reader nested(String key, Set<String> known) {
            Object value = values.get(key);
            if (value != null && !(value instanceof Map)) {
                throw new ConfigurationException(
                        "S3 setting '" + key + "' in " + mapName + " for " + where + " must be a mapping.");
            }
            return new Reader(where, mapName + "." + key, (Map<String, Object>) value, known);
        }

        String string(String key) {
            Object value = values.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                throw new ConfigurationException(
                        "S3 setting '" + key + "' in " + mapName + " for " + where + " must be a single value.");
            }
            String text = value.toString().trim();
            return text.isEmpty() ? null : text;
        }

        boolean bool(String key, boolean defaultValue) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            String text = value.toString().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new ConfigurationException("S3 setting '" + key + "' in " + mapName + " for " + where
                    + " must be true or false, not '" + value + "'.");
        }

        int integer(String key, int defaultValue, int min, int max) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            long parsed;
            try {
                parsed = value instanceof Number n
                        ? n.longValue()
                        : Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                parsed = Long.MIN_VALUE;
            }
            if (parsed < min || parsed > max) {
                throw new ConfigurationException("S3 setting '" + key + "' in " + mapName + " for " + where
                        + " must be a whole number from " + min + " to " + max + ", not '" + value + "'.");
            }
            return (int) parsed;
        }

        /** A positive number of seconds (a whole or decimal number, such as 30 or 2.5), at most an hour. */
        Duration seconds(String key, Duration defaultValue) {
            return seconds(key, defaultValue, 3600);
        }

        /** A positive number of seconds (a whole or decimal number, such as 30 or 2.5), at most {@code max}. */
        Duration seconds(String key, Duration defaultValue, int max) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            double parsed;
            try {
                parsed = value instanceof Number n
                        ? n.doubleValue()
                        : Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            if (!(parsed > 0 && parsed <= max)) {
                throw new ConfigurationException("S3 setting '" + key + "' in " + mapName + " for " + where
                        + " must be a number of seconds above 0 and at most " + max + ", such as 30 or 2.5, not '"
                        + value + "'.");
            }
            return Duration.ofMillis(Math.max(1, Math.round(parsed * 1000)));
        }

        int size(String key, int defaultValue, int min, int max) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            long bytes;
            try {
                bytes = value instanceof Number n ? n.longValue() : ByteSize.parse(value.toString());
            } catch (IllegalArgumentException e) {
                bytes = -1;
            }
            if (bytes < min || bytes > max) {
                throw new ConfigurationException("S3 setting '" + key + "' in " + mapName + " for " + where
                        + " must be a size from 5MiB to 1GiB (S3 refuses parts under 5 MiB), such as 8MiB or"
                        + " 16777216, not '" + value + "'.");
            }
            return (int) bytes;
        }
    }
}
