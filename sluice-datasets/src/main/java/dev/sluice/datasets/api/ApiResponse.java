package dev.sluice.datasets.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@code api} dataset loads: the answer to its request, as Kedro's {@code APIDataset} hands on
 * a {@code requests.Response}. Only successful (2xx) answers are loaded; others fail the load.
 *
 * @param status the HTTP status code
 * @param headers the response headers, names in lower case
 * @param text the body, decoded with the charset the response names (UTF-8 when it names none)
 */
public record ApiResponse(int status, Map<String, List<String>> headers, String text) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public ApiResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(text, "text");
    }

    /**
     * The body parsed as JSON into plain Java values ({@code Map}, {@code List}, {@code String},
     * numbers, booleans, {@code null}), as {@code response.json()} does in Python.
     *
     * @throws IllegalStateException if the body is not JSON; the message quotes its start
     */
    public Object json() {
        return json(Object.class);
    }

    /** The body parsed as JSON into {@code type} (a record, say), with Jackson's default rules. */
    public <T> T json(Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            String start = text.length() > 80 ? text.substring(0, 80) + "..." : text;
            throw new IllegalStateException(
                    "The response body is not JSON (" + e.getOriginalMessage() + "); it starts with: " + start, e);
        }
    }

    /** The first value of header {@code name} (any case), if the response has it. */
    public java.util.Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
    }
}
