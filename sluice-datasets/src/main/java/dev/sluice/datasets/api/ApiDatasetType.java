package dev.sluice.datasets.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Catalog type {@code api} (Kedro's {@code api.APIDataset}): an HTTP endpoint, loaded as an {@link
 * ApiResponse} and saved as a JSON body; see {@link ApiDataset}.
 *
 * <pre>{@code
 * weather:
 *   type: api.APIDataset
 *   url: https://api.example.com/v1/forecast
 *   method: GET
 *   credentials: weather_api        # username and password in credentials.yml: basic auth
 *   load_args:
 *     params: {city: Oslo, days: 3}
 *     headers: {Accept: application/json}
 *     timeout: [5, 30]               # seconds: connect, then the response (one number sets both)
 * }</pre>
 */
public final class ApiDatasetType implements DatasetType {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    @Override
    public String name() {
        return "api";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("APIDataset", "api.APIDataset", "kedro_datasets.api.APIDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("An HTTP endpoint on the JDK's HTTP client: a load sends the request and gives"
                        + " its response (text, and json() for JSON bodies), failing on a status other than 2xx;"
                        + " a save sends the value as JSON with POST or PUT, a list longer than chunk_size in"
                        + " several requests. exists() sends the load request: true for 2xx, false for 404 and"
                        + " 410. credentials (username, password) become basic auth and are never shown.")
                .holds("dev.sluice.datasets.api.ApiResponse loaded; any JSON-writable value saved")
                .entry(
                        Option.of("url", "http or https URL", "The endpoint, without the query parameters.")
                                .asRequired(),
                        Option.of(
                                        "method",
                                        "GET, POST, PUT, PATCH, DELETE",
                                        "The request's method; saves need POST" + " or PUT.")
                                .withDefault("GET"))
                .loadArgs(requestOptions(
                        Option.of("json", "any YAML value", "A JSON body to send with the load request."),
                        Option.of(
                                "data",
                                "text or mapping",
                                "A body to send as it is (text) or form-encoded (a mapping); give json or data.")))
                .saveArgs(requestOptions(Option.of(
                                "chunk_size",
                                "positive integer",
                                "A saved list longer than this goes in several requests of at most this many"
                                        + " items.")
                        .withDefault("100")))
                .build();
    }

    private static Option[] requestOptions(Option... more) {
        List<Option> options = new java.util.ArrayList<>(List.of(
                Option.of("params", "mapping", "Query parameters; a list value repeats the parameter."),
                Option.of("headers", "mapping of text", "Request headers."),
                Option.of(
                        "auth",
                        "[username, password]",
                        "Basic auth written in the catalog; prefer credentials, which are never shown."),
                Option.of(
                        "timeout",
                        "seconds, or [connect, read]",
                        "How long to wait for the connection and for the response; no limit when absent.")));
        options.addAll(List.of(more));
        return options.toArray(Option[]::new);
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        String url = spec.requireString("url").strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw spec.error("has url '" + url + "', which is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw spec.error("has url '" + url + "'; give an http:// or https:// URL");
        }
        String method = spec.string("method").orElse("GET").strip().toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw spec.error("has method '" + method + "'; use one of " + new java.util.TreeSet<>(METHODS));
        }
        DatasetArgs loadArgs = DatasetArgs.of(spec, "load_args");
        DatasetArgs saveArgs = DatasetArgs.of(spec, "save_args");
        String credentialsAuth = credentials(spec);
        ApiDataset.Request load = request(spec, url, method, loadArgs, credentialsAuth, true);
        String saveMethod = method.equals("PUT") ? "PUT" : "POST";
        ApiDataset.Request save = request(spec, url, saveMethod, saveArgs, credentialsAuth, false);
        if (!method.equals("POST") && !method.equals("PUT")) {
            // Kedro saves only with POST or PUT; a GET entry cannot save, and says so when asked to.
            save = new ApiDataset.Request(
                    url,
                    method,
                    save.params(),
                    save.headers(),
                    null,
                    null,
                    save.connectTimeout(),
                    save.timeout(),
                    save.authorization());
        }
        return ApiDataset.of(spec.name(), load, save, chunkSize(saveArgs));
    }

    private static ApiDataset.Request request(
            DatasetSpec spec, String url, String method, DatasetArgs args, String credentialsAuth, boolean load) {
        Map<String, Object> params = new LinkedHashMap<>(args.map("params"));
        Map<String, String> headers = new LinkedHashMap<>();
        args.map("headers").forEach((key, value) -> {
            if (value == null || value instanceof Map || value instanceof List) {
                throw args.error(
                        "headers",
                        "gives header '" + key + "' a " + (value == null ? "null" : "nested")
                                + " value; each header is text");
            }
            headers.put(key, String.valueOf(value));
        });
        String authorization = credentialsAuth;
        if (args.contains("auth")) {
            if (credentialsAuth != null) {
                throw args.error("auth", "is given as well as 'credentials'; keep one (credentials are never shown)");
            }
            authorization = inlineAuth(args);
        }
        String body = null;
        String contentType = null;
        if (load) {
            if (args.contains("json") && args.contains("data")) {
                throw args.error("data", "is given as well as 'json'; a request has one body");
            }
            if (args.contains("json")) {
                body = json(args, args.raw("json").orElse(null));
                contentType = "application/json";
            } else if (args.raw("data").isPresent()) {
                Object data = args.raw("data").get();
                if (data instanceof Map<?, ?> form) {
                    body = form.entrySet().stream()
                            .map(e -> encode(String.valueOf(e.getKey())) + "=" + encode(String.valueOf(e.getValue())))
                            .collect(Collectors.joining("&"));
                    contentType = "application/x-www-form-urlencoded";
                } else {
                    body = String.valueOf(data);
                }
            }
        }
        Duration[] timeouts = timeouts(args);
        return new ApiDataset.Request(
                url, method, params, headers, body, contentType, timeouts[0], timeouts[1], authorization);
    }

    private static String credentials(DatasetSpec spec) {
        Map<String, Object> credentials = spec.credentials();
        if (credentials.isEmpty()) {
            return null;
        }
        Object username = credentials.get("username");
        Object password = credentials.get("password");
        if (username == null || password == null || credentials.size() != 2) {
            throw spec.error("has credentials with keys " + new java.util.TreeSet<>(credentials.keySet())
                    + "; an api entry's credentials are 'username' and 'password' (basic auth)");
        }
        return basic(String.valueOf(username), String.valueOf(password));
    }

    private static String inlineAuth(DatasetArgs args) {
        Object auth = args.raw("auth").orElse(null);
        if (auth instanceof List<?> pair && pair.size() == 2 && pair.get(0) != null && pair.get(1) != null) {
            return basic(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
        }
        throw args.error("auth", "must be [username, password]; better, move them to credentials.yml");
    }

    private static String basic(String username, String password) {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration[] timeouts(DatasetArgs args) {
        Object value = args.raw("timeout").orElse(null);
        if (value == null) {
            return new Duration[] {null, null};
        }
        if (value instanceof Number seconds) {
            Duration both = seconds(args, seconds);
            return new Duration[] {both, both};
        }
        if (value instanceof List<?> pair
                && pair.size() == 2
                && pair.get(0) instanceof Number connect
                && pair.get(1) instanceof Number read) {
            return new Duration[] {seconds(args, connect), seconds(args, read)};
        }
        throw args.error("timeout", "must be a number of seconds or [connect, read], not '" + value + "'");
    }

    private static Duration seconds(DatasetArgs args, Number seconds) {
        if (seconds.doubleValue() <= 0) {
            throw args.error("timeout", "must be more than 0 seconds, not " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
    }

    private static int chunkSize(DatasetArgs args) {
        Object value = args.raw("chunk_size").orElse(100);
        if (value instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1) {
            return n.intValue();
        }
        throw args.error("chunk_size", "must be a whole number of at least 1, not '" + value + "'");
    }

    private static String json(DatasetArgs args, Object value) {
        try {
            return JsonMapper.builder().build().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw args.error("json", "cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
