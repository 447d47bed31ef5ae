package dev.sluice.datasets.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP endpoint as a dataset, on the JDK's {@link HttpClient}: Kedro's {@code api.APIDataset}. A load
 * sends the configured request and gives its {@link ApiResponse} (text, with {@link ApiResponse#json()}
 * for JSON bodies); an answer other than 2xx fails the load naming the status. A save sends the value as
 * a JSON body with {@code POST} or {@code PUT}; a {@link List} longer than the chunk size goes in
 * several requests of at most that many items, as Kedro does, so a failed save may have sent some.
 * {@link #exists()} sends the load request: true for 2xx, false for 404 and 410, an error otherwise.
 *
 * <p>Credentials become a basic {@code Authorization} header; they appear in no message and no {@link
 * #describe()}. Immutable and thread-safe; the HTTP client is created on first use.
 */
public final class ApiDataset implements Dataset<Object> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int DEFAULT_CHUNK_SIZE = 100;

    private final String name;
    private final Request load;
    private final Request save;
    private final int chunkSize;
    private volatile HttpClient client;

    /**
     * One request's settings.
     *
     * @param url the address without the query parameters
     * @param method GET, POST, PUT, ...
     * @param params query parameters; a list value repeats its key
     * @param headers request headers
     * @param body what to send ({@code null} for none), already encoded
     * @param contentType the body's content type, or {@code null}
     * @param connectTimeout how long to wait for the connection, or {@code null} for no limit
     * @param timeout how long to wait for the response, or {@code null} for no limit
     * @param authorization the {@code Authorization} header from the credentials, or {@code null}
     */
    public record Request(
            String url,
            String method,
            Map<String, Object> params,
            Map<String, String> headers,
            String body,
            String contentType,
            Duration connectTimeout,
            Duration timeout,
            String authorization) {
        public Request {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            headers = Map.copyOf(headers);
            method = method.toUpperCase(Locale.ROOT);
        }

        /** A plain GET of {@code url}. */
        public static Request get(String url) {
            return new Request(url, "GET", Map.of(), Map.of(), null, null, null, null, null);
        }

        @Override
        public String toString() {
            return method + " " + url;
        }

        URI uri() {
            StringBuilder query = new StringBuilder();
            params.forEach((key, value) -> {
                List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
                for (Object item : values) {
                    query.append(query.length() == 0 ? "" : "&")
                            .append(encode(key))
                            .append('=')
                            .append(encode(item == null ? "" : String.valueOf(item)));
                }
            });
            if (query.length() == 0) {
                return URI.create(url);
            }
            return URI.create(url + (url.contains("?") ? "&" : "?") + query);
        }

        private static String encode(String text) {
            return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    private ApiDataset(String name, Request load, Request save, int chunkSize) {
        this.name = name;
        this.load = load;
        this.save = save;
        this.chunkSize = chunkSize;
    }

    /** A dataset that loads with {@code load} and saves with {@code save} (its body is the saved value). */
    public static ApiDataset of(String name, Request load, Request save, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, not " + chunkSize);
        }
        return new ApiDataset(name, load, save, chunkSize);
    }

    /** A dataset that GETs {@code url}, and saves by POSTing JSON to it. */
    public static ApiDataset of(String name, String url) {
        Request get = Request.get(url);
        return of(
                name,
                get,
                new Request(url, "POST", Map.of(), Map.of(), null, null, null, null, null),
                DEFAULT_CHUNK_SIZE);
    }

    @Override
    public ApiResponse load() {
        HttpResponse<String> response = send(load, load.body(), load.contentType());
        if (!ok(response.statusCode())) {
            throw failure(load, "answered " + status(response), null);
        }
        return toResponse(response);
    }

    @Override
    public void save(Object value) {
        if (!save.method().equals("POST") && !save.method().equals("PUT")) {
            throw new DatasetException(
                    name,
                    prefix() + "cannot save with method " + save.method() + "; saves send the value with POST"
                            + " or PUT, so set 'method: POST' or 'method: PUT' in the catalog entry.");
        }
        List<Object> bodies = new ArrayList<>();
        if (value instanceof List<?> list && list.size() > chunkSize) {
            for (int from = 0; from < list.size(); from += chunkSize) {
                bodies.add(list.subList(from, Math.min(list.size(), from + chunkSize)));
            }
        } else {
            bodies.add(value);
        }
        for (int i = 0; i < bodies.size(); i++) {
            String body;
            try {
                body = JSON.writeValueAsString(bodies.get(i));
            } catch (JsonProcessingException e) {
                throw new DatasetException(
                        name,
                        prefix() + "cannot send a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage()
                                + ". Return maps, lists, records or plain values.",
                        e);
            }
            HttpResponse<String> response = send(save, body, "application/json");
            if (!ok(response.statusCode())) {
                String sent = bodies.size() == 1
                        ? ""
                        : " (chunk " + (i + 1) + " of " + bodies.size() + "; the chunks before it were accepted)";
                throw failure(save, "answered " + status(response) + sent, null);
            }
        }
    }

    @Override
    public boolean exists() {
        HttpResponse<String> response = send(load, load.body(), load.contentType());
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return false;
        }
        if (!ok(status)) {
            throw failure(load, "answered " + status(response), null);
        }
        return true;
    }

    @Override
    public Class<?> valueType() {
        return ApiResponse.class;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "api");
        description.put("url", load.url());
        description.put("method", load.method());
        description.put("params", new ArrayList<>(load.params().keySet()));
        description.put("headers", new ArrayList<>(new TreeMap<>(load.headers()).keySet()));
        description.put("credentials", load.authorization() != null ? "basic (hidden)" : "none");
        return description;
    }

    private HttpResponse<String> send(Request request, String body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
                .method(
                        request.method(),
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (request.timeout() != null) {
            builder.timeout(request.timeout());
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            request.headers().forEach(builder::header);
            if (request.authorization() != null) {
                builder.header("Authorization", request.authorization());
            }
        } catch (IllegalArgumentException e) {
            throw failure(request, "cannot be sent: " + e.getMessage() + "; fix the headers in the catalog entry", e);
        }
        try {
            return client().send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.http.HttpTimeoutException e) {
            throw failure(request, "timed out (" + e.getMessage() + "); raise the timeout or check the server", e);
        } catch (IOException e) {
            throw failure(request, "failed: " + e + ". Check the url and that the server is reachable from here", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(request, "was interrupted", e);
        }
    }

    private URI uri(Request request) {
        try {
            return request.uri();
        } catch (IllegalArgumentException e) {
            throw failure(request, "has a bad url or params: " + e.getMessage(), e);
        }
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL);
                    Optional.ofNullable(load.connectTimeout())
                            .or(() -> Optional.ofNullable(save.connectTimeout()))
                            .ifPresent(builder::connectTimeout);
                    client = builder.build();
                }
                current = client;
            }
        }
        return current;
    }

    private static ApiResponse toResponse(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), values));
        return new ApiResponse(response.statusCode(), headers, response.body());
    }

    private static boolean ok(int status) {
        return status >= 200 && status < 300;
    }

    private static String status(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 200) {
            body = body.substring(0, 200) + "...";
        }
        return response.statusCode() + (body.isEmpty() ? "" : ": " + body);
    }

    private DatasetException failure(Request request, String problem, Throwable cause) {
        return new DatasetException(name, prefix() + request + " " + problem + ".", cause);
    }

    private String prefix() {
        return name == null ? "" : "Dataset '" + name + "': ";
    }

    @Override
    public String toString() {
        return "ApiDataset[" + load + "]";
    }
}
