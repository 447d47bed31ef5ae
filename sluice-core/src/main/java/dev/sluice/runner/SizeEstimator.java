package dev.sluice.runner;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A cheap estimate of how many bytes of heap a value holds, for the save queue's byte bound. Large
 * arrays and collections are sampled, so the cost stays small whatever the value's size; the result is
 * an estimate, not an exact size.
 */
final class SizeEstimator {
    private static final int SAMPLE = 64;
    private static final int MAX_DEPTH = 12;
    private static final long REFERENCE = 8;
    private static final long HEADER = 16;

    private SizeEstimator() {}

    static long estimate(Object value) {
        return size(value, new IdentityHashMap<>(), 0);
    }

    private static long size(Object value, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return HEADER + 24 + s.length();
        }
        if (value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>) {
            return HEADER + 8;
        }
        if (depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return REFERENCE;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int length = Array.getLength(value);
            Class<?> component = type.getComponentType();
            if (component.isPrimitive()) {
                return HEADER + (long) length * primitiveWidth(component);
            }
            return HEADER + (long) length * REFERENCE + sampled(arrayIterator(value, length), length, seen, depth);
        }
        if (value instanceof Collection<?> collection) {
            return HEADER
                    + (long) collection.size() * REFERENCE * 2
                    + sampled(collection.iterator(), collection.size(), seen, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return HEADER
                    + (long) map.size() * REFERENCE * 4
                    + sampled(map.keySet().iterator(), map.size(), seen, depth)
                    + sampled(map.values().iterator(), map.size(), seen, depth);
        }
        if (type.getName().startsWith("java.")) {
            return HEADER + 32;
        }
        long total = HEADER;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (field.getType().isPrimitive()) {
                    total += primitiveWidth(field.getType());
                    continue;
                }
                total += REFERENCE;
                try {
                    field.setAccessible(true);
                    total += size(field.get(value), seen, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // An inaccessible field counts as a reference only.
                }
            }
        }
        return total;
    }

    /** Sizes up to {@link #SAMPLE} elements and scales the result to {@code count}. */
    private static long sampled(Iterator<?> elements, int count, IdentityHashMap<Object, Boolean> seen, int depth) {
        long sum = 0;
        int measured = 0;
        while (elements.hasNext() && measured < SAMPLE) {
            sum += size(elements.next(), seen, depth + 1);
            measured++;
        }
        return measured == 0 ? 0 : sum * count / measured;
    }

    private static Iterator<Object> arrayIterator(Object array, int length) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < length;
            }

            @Override
            public Object next() {
                return Array.get(array, next++);
            }
        };
    }

    private static long primitiveWidth(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        return 1;
    }
}
