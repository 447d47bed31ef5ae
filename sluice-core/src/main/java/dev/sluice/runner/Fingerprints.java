package dev.sluice.runner;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep content hashes of node inputs, to detect a node that mutated a value it was handed. Walks
 * arrays, collections, maps, records and (for classes outside {@code java.*}) declared fields; values
 * of JDK types it cannot open are hashed with {@code hashCode()}.
 */
final class Fingerprints {
    private static final int MAX_DEPTH = 64;

    private Fingerprints() {}

    static Map<String, Long> of(Map<String, Object> values) {
        Map<String, Long> prints = new LinkedHashMap<>();
        values.forEach((name, value) -> prints.put(name, of(value)));
        return prints;
    }

    static long of(Object value) {
        return hash(value, new IdentityHashMap<>(), 0);
    }

    private static long hash(Object value, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (value == null) {
            return 17;
        }
        if (value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>) {
            return value.hashCode();
        }
        if (depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return 31;
        }
        long h = 1;
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                h = mix(h, hash(Array.get(value, i), seen, depth + 1));
            }
            return mix(h, length);
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sum += mix(hash(e.getKey(), seen, depth + 1), hash(e.getValue(), seen, depth + 1));
            }
            return mix(sum, map.size());
        }
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                h = mix(h, hash(element, seen, depth + 1));
            }
            return mix(h, collection.size());
        }
        if (value instanceof Record record) {
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    h = mix(h, hash(component.getAccessor().invoke(record), seen, depth + 1));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    h = mix(h, 7);
                }
            }
            return h;
        }
        if (type.getName().startsWith("java.") || type.getName().startsWith("javax.")) {
            return value.hashCode();
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    h = mix(h, hash(field.get(value), seen, depth + 1));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    h = mix(h, 7);
                }
            }
        }
        return h;
    }

    private static long mix(long h, long v) {
        long x = h * 0x9E3779B97F4A7C15L + v;
        return x ^ (x >>> 31);
    }
}
