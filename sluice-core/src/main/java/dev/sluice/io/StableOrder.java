package dev.sluice.io;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Gives the maps and sets inside a value that have no order of their own one fixed order, so that
 * equal values are written as equal bytes in every JVM.
 *
 * <p>{@code Map.of}, {@code Set.of}, {@code HashMap} and {@code HashSet} iterate in an order that
 * depends on hash codes, on the history of the collection and, for {@code Map.of} and {@code Set.of},
 * on a seed chosen when the JVM starts: one value written twice by a text format could list its
 * entries differently. {@link #of} returns the value with each such map or set replaced by a
 * {@code LinkedHashMap} or {@code LinkedHashSet} in its keys' natural order (their text when they are
 * not all comparable with each other); ordered collections ({@code LinkedHashMap}, {@code TreeMap},
 * lists, ...) keep their order, and anything else is left as it is. Nothing is copied when nothing
 * needs an order. Stateless and thread-safe; the value is never modified.
 */
public final class StableOrder {
    private StableOrder() {}

    /** {@code value} with every unordered map and set inside it (in maps, lists and sets) put in a fixed order. */
    public static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            boolean unordered = isUnordered(map);
            boolean changed = unordered;
            List<Map.Entry<Object, Object>> entries = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object item = of(entry.getValue());
                changed |= item != entry.getValue();
                entries.add(new SimpleImmutableEntry<>(entry.getKey(), item));
            }
            if (!changed) {
                return map;
            }
            if (unordered) {
                entries.sort(Map.Entry.comparingByKey(keyOrder(map.keySet())));
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            entries.forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> items = orderedElements(list);
            return items == null ? list : items;
        }
        if (value instanceof Set<?> set) {
            boolean unordered = isUnordered(set);
            List<Object> items = orderedElements(set);
            if (items == null) {
                if (!unordered) {
                    return set;
                }
                items = new ArrayList<>(set);
            }
            if (unordered) {
                items.sort(keyOrder(set));
            }
            return new LinkedHashSet<>(items);
        }
        return value;
    }

    /** The elements with each put in a fixed order, or {@code null} when none of them needed it. */
    private static List<Object> orderedElements(Collection<?> elements) {
        List<Object> items = new ArrayList<>(elements.size());
        boolean changed = false;
        for (Object element : elements) {
            Object item = of(element);
            changed |= item != element;
            items.add(item);
        }
        return changed ? items : null;
    }

    private static boolean isUnordered(Map<?, ?> map) {
        return (map instanceof HashMap && !(map instanceof LinkedHashMap))
                || map instanceof Hashtable
                || map instanceof WeakHashMap
                || map instanceof IdentityHashMap
                || (map instanceof ConcurrentMap && !(map instanceof SortedMap))
                || map.getClass().getName().startsWith("java.util.ImmutableCollections$Map");
    }

    private static boolean isUnordered(Set<?> set) {
        String name = set.getClass().getName();
        return (set instanceof HashSet && !(set instanceof LinkedHashSet))
                || name.startsWith("java.util.ImmutableCollections$Set")
                || name.startsWith("java.util.concurrent.ConcurrentHashMap$KeySetView");
    }

    /** Natural order when every key is of one comparable class, else the keys' text, then their class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> keyOrder(Set<?> keys) {
        Class<?> only = null;
        boolean comparable = true;
        for (Object key : keys) {
            if (!(key instanceof Comparable) || (only != null && key.getClass() != only)) {
                comparable = false;
                break;
            }
            only = key.getClass();
        }
        if (comparable) {
            return (a, b) -> ((Comparable) a).compareTo(b);
        }
        return Comparator.comparing((Object key) -> String.valueOf(key))
                .thenComparing(key -> key == null ? "" : key.getClass().getName());
    }
}
