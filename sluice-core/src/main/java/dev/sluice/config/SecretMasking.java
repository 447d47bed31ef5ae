package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secrets in configuration before it is shown, for {@code sluice catalog describe} and logs.
 * Credentials are never printed: show their names, or their shape through {@link #maskAll}.
 */
public final class SecretMasking {
    /** What a masked value is shown as. */
    public static final String MASK = "********";

    private static final Set<String> SECRET_NAMES = Set.of("key", "secret", "token", "password", "passwd", "pwd");
    private static final Pattern SECRET_WORDS =
            Pattern.compile(".*(password|passwd|secret|token|credential|private|api_?key|access_?key|auth).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@\\s:]*:)[^/@\\s]*(@)");

    private SecretMasking() {}

    /** {@code values} with the same keys and every value (at any depth) replaced by {@link #MASK}. */
    public static Map<String, Object> maskAll(Map<String, ?> values) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((key, value) -> masked.put(key, maskEverything(value)));
        return Collections.unmodifiableMap(masked);
    }

    /**
     * A copy of a catalog entry's settings that is safe to show: values under keys that name secrets
     * ({@code password}, {@code secret}, {@code token}, {@code key}, {@code *_api_key}, ...) or under an
     * inline {@code credentials} mapping are masked, and so are passwords in URLs ({@code
     * scheme://user:password@host}). A {@code credentials} name is kept: it is not a secret.
     */
    public static Map<String, Object> mask(Map<String, ?> settings) {
        Map<String, Object> masked = new LinkedHashMap<>();
        settings.forEach((key, value) -> masked.put(key, maskUnder(key, value)));
        return Collections.unmodifiableMap(masked);
    }

    private static Object maskUnder(String key, Object value) {
        if (key.equals("credentials")) {
            return value instanceof String ? value : maskEverything(value);
        }
        if (isSecretKey(key)) {
            return maskEverything(value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((childKey, child) ->
                    masked.put(String.valueOf(childKey), maskUnder(String.valueOf(childKey), child)));
            return Collections.unmodifiableMap(masked);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(item -> masked.add(maskUnder("", item)));
            return Collections.unmodifiableList(masked);
        }
        if (value instanceof String text) {
            return URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "$2");
        }
        return value;
    }

    private static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT).replace('-', '_');
        return SECRET_NAMES.contains(lower) || SECRET_WORDS.matcher(lower).matches();
    }

    private static Object maskEverything(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((key, child) -> masked.put(String.valueOf(key), maskEverything(child)));
            return Collections.unmodifiableMap(masked);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(item -> masked.add(maskEverything(item)));
            return Collections.unmodifiableList(masked);
        }
        return value == null ? null : MASK;
    }
}
