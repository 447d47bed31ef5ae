package dev.sluice.runner;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.Buffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An estimate of the memory a value holds, for the save queue's byte bound: what would be freed if the
 * value were dropped. It follows HotSpot's object layout (object and array headers, 4-byte references
 * with compressed pointers, 8-byte alignment; read from the running VM) and knows the JDK's common
 * containers:
 *
 * <ul>
 *   <li>primitive arrays exactly; arrays of objects by their slots plus sampled elements;
 *   <li>{@link Buffer}s by capacity, heap and direct alike (a direct buffer's bytes are off the heap but
 *       are memory all the same); a heap buffer's backing array once, however many views share it;
 *   <li>strings by their length and encoding, boxed primitives, {@link BigInteger}, {@link BigDecimal},
 *       {@link BitSet}, {@link StringBuilder};
 *   <li>lists, sets, maps and deques by each kind's cost per element (an array slot, a linked node, a
 *       hash entry and its share of the table, a tree entry) plus sampled elements;
 *   <li>records and other classes outside the JDK field by field, reflectively (a DFLib {@code
 *       DataFrame} is its series and their arrays); other JDK classes by their own fields only, since
 *       the module system closes what those fields refer to.
 * </ul>
 *
 * <p>Arrays and collections of more than {@value #SAMPLE} elements are sampled at that many evenly
 * spaced elements (or the first ones, where the collection has no index) and scaled, so the cost stays
 * small whatever the value's size. An object reached twice counts once. A dataset that knows its value's
 * size exactly says so through {@link dev.sluice.io.Dataset#sizeOf}, and the runner uses that instead.
 * Thread-safe.
 */
final class SizeEstimator {
    private static final int SAMPLE = 64;
    private static final int MAX_DEPTH = 32;

    private static final Layout LAYOUT = Layout.ofThisVm();
    private static final long REFERENCE = LAYOUT.reference();
    private static final long HEADER = LAYOUT.header();
    private static final long ARRAY_HEADER = LAYOUT.arrayHeader();
    /** A {@code HashMap.Node}: hash, key, value, next. */
    private static final long HASH_ENTRY = align(HEADER + 4 + 3 * REFERENCE);
    /** A {@code LinkedHashMap.Entry}: a hash entry with before and after links. */
    private static final long LINKED_HASH_ENTRY = align(HEADER + 4 + 5 * REFERENCE);
    /** A {@code TreeMap.Entry}: key, value, left, right, parent, colour. */
    private static final long TREE_ENTRY = align(HEADER + 5 * REFERENCE + 1);
    /** A {@code LinkedList.Node}: item, next, previous. */
    private static final long LINKED_NODE = align(HEADER + 3 * REFERENCE);
    /** A {@code ConcurrentSkipListMap} node and its share of the index levels above it. */
    private static final long SKIP_LIST_ENTRY = align(HEADER + 3 * REFERENCE) + align(HEADER + 3 * REFERENCE) / 2;
    /** A collection or map object itself: a few references and counters. */
    private static final long CONTAINER = align(HEADER + 4 * REFERENCE + 3 * 4);

    /** Each class's instance fields: their own bytes, and the reference fields that can be read. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private SizeEstimator() {}

    /** The estimated bytes {@code value} holds, itself included; 0 for {@code null}. */
    static long estimate(Object value) {
        return size(value, new IdentityHashMap<>(), 0);
    }

    private static long size(Object value, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (value == null || value instanceof Enum<?> || value instanceof Class<?>) {
            return 0; // shared by everything that uses them
        }
        if (depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return 0;
        }
        if (value instanceof String s) {
            return align(HEADER + REFERENCE + 4 + 2) + align(ARRAY_HEADER + (long) s.length() * charWidth(s));
        }
        if (value instanceof Long || value instanceof Double) {
            return align(align(HEADER) + 8);
        }
        if (value instanceof Integer
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof Boolean) {
            return align(HEADER + 4);
        }
        if (value instanceof BigInteger big) {
            return bigInteger(big);
        }
        if (value instanceof BigDecimal decimal) {
            // An unscaled value that fits in a long is kept in a long field, with no BigInteger.
            BigInteger unscaled = decimal.unscaledValue();
            return align(align(HEADER + 4 + 4 + 2 * REFERENCE) + 8)
                    + (unscaled.bitLength() < Long.SIZE ? 0 : bigInteger(unscaled));
        }
        if (value instanceof Buffer buffer) {
            return buffer(buffer, seen, depth);
        }
        if (value instanceof BitSet bits) {
            return align(HEADER + REFERENCE + 4 + 1) + align(ARRAY_HEADER + bits.size() / 8);
        }
        if (value instanceof StringBuilder builder) {
            return align(HEADER + REFERENCE + 4 + 2) + align(ARRAY_HEADER + builder.capacity());
        }
        if (value instanceof Optional<?> optional) {
            return align(HEADER + REFERENCE) + size(optional.orElse(null), seen, depth + 1);
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return array(value, type.getComponentType(), seen, depth);
        }
        if (value instanceof Collection<?> collection) {
            return collection(collection) + sampled(collection, seen, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map) + sampled(map.keySet(), seen, depth) + sampled(map.values(), seen, depth);
        }
        return fields(value, type, seen, depth);
    }

    private static long array(Object array, Class<?> component, IdentityHashMap<Object, Boolean> seen, int depth) {
        int length = Array.getLength(array);
        if (component.isPrimitive()) {
            return align(ARRAY_HEADER + length * width(component));
        }
        long own = align(ARRAY_HEADER + length * REFERENCE);
        if (length == 0) {
            return own;
        }
        Object[] elements = (Object[]) array;
        int step = Math.max(1, length / SAMPLE);
        long sum = 0;
        int measured = 0;
        for (int i = 0; i < length; i += step) {
            sum += size(elements[i], seen, depth + 1);
            measured++;
        }
        return own + scale(sum, measured, length);
    }

    /** A buffer object, and its bytes: the backing array of a heap buffer (once), else its capacity. */
    private static long buffer(Buffer buffer, IdentityHashMap<Object, Boolean> seen, int depth) {
        long own = align(HEADER + 5 * 4 + 8 + 3 * REFERENCE + 3);
        if (buffer.hasArray()) {
            return own + size(buffer.array(), seen, depth + 1);
        }
        return own + (long) buffer.capacity() * bufferWidth(buffer);
    }

    /** A collection's own structure: itself and what each element costs it besides the element. */
    private static long collection(Collection<?> collection) {
        long count = collection.size();
        if (collection instanceof LinkedList<?>) {
            return CONTAINER + count * LINKED_NODE;
        }
        if (collection instanceof TreeSet<?>) {
            return 2 * CONTAINER + count * TREE_ENTRY;
        }
        if (collection instanceof ConcurrentSkipListSet<?>) {
            return 2 * CONTAINER + count * SKIP_LIST_ENTRY;
        }
        if (collection instanceof LinkedHashSet<?>) {
            return 2 * CONTAINER + count * LINKED_HASH_ENTRY + hashTable(count);
        }
        if (collection instanceof Set<?>) {
            // HashSet, the key sets of concurrent maps, and other sets: most are backed by a hash map.
            return 2 * CONTAINER + count * HASH_ENTRY + hashTable(count);
        }
        if (collection instanceof ArrayList<?>) {
            // The backing array grows by half when full: a quarter of its slots are spare on average.
            return CONTAINER + align(ARRAY_HEADER + count * REFERENCE * 5 / 4);
        }
        // Immutable lists, array-backed deques, copy-on-write lists and the rest: an array of slots.
        return CONTAINER + align(ARRAY_HEADER + count * REFERENCE);
    }

    /** A map's own structure: itself, its entries and its table, without keys and values. */
    private static long map(Map<?, ?> map) {
        long count = map.size();
        if (map instanceof TreeMap<?, ?>) {
            return CONTAINER + count * TREE_ENTRY;
        }
        if (map instanceof ConcurrentSkipListMap<?, ?>) {
            return CONTAINER + count * SKIP_LIST_ENTRY;
        }
        if (map instanceof LinkedHashMap<?, ?>) {
            return CONTAINER + count * LINKED_HASH_ENTRY + hashTable(count);
        }
        // HashMap, ConcurrentHashMap, and other maps: most are, or wrap, a hash map.
        return CONTAINER + count * HASH_ENTRY + hashTable(count);
    }

    /**
     * The table of a hash map filled one entry at a time: a power of two of at least 16 slots, doubled
     * whenever the entries pass three quarters of it.
     */
    private static long hashTable(long entries) {
        long slots = 16;
        while (entries > slots * 3 / 4) {
            slots <<= 1;
        }
        return align(ARRAY_HEADER + slots * REFERENCE);
    }

    /** Sizes up to {@link #SAMPLE} elements, evenly spaced where the collection has an index, scaled to all. */
    private static long sampled(Collection<?> elements, IdentityHashMap<Object, Boolean> seen, int depth) {
        int count = elements.size();
        if (count == 0) {
            return 0;
        }
        long sum = 0;
        int measured = 0;
        if (elements instanceof List<?> list && elements instanceof RandomAccess) {
            int step = Math.max(1, count / SAMPLE);
            for (int i = 0; i < count; i += step) {
                sum += size(list.get(i), seen, depth + 1);
                measured++;
            }
        } else {
            Iterator<?> iterator = elements.iterator();
            while (iterator.hasNext() && measured < SAMPLE) {
                sum += size(iterator.next(), seen, depth + 1);
                measured++;
            }
        }
        return scale(sum, measured, count);
    }

    private static long scale(long sum, int measured, int count) {
        return measured == 0 ? 0 : Math.round((double) sum * count / measured);
    }

    /** An object's own fields, then what its readable reference fields hold. */
    private static long fields(Object value, Class<?> type, IdentityHashMap<Object, Boolean> seen, int depth) {
        Shape shape = SHAPES.get(type);
        long total = shape.bytes();
        for (Field field : shape.references()) {
            try {
                total += size(field.get(value), seen, depth + 1);
            } catch (IllegalAccessException e) {
                // Shape.of only keeps fields it could open; count the reference alone if one still refuses.
            }
        }
        return total;
    }

    private static long bigInteger(BigInteger big) {
        long words = (big.bitLength() + 31) / 32;
        return align(HEADER + 6 * 4 + REFERENCE) + align(ARRAY_HEADER + 4 * words);
    }

    /** One byte per character when every character is Latin-1 (compact strings), else two; sampled. */
    private static int charWidth(String s) {
        int step = Math.max(1, s.length() / 1024);
        for (int i = 0; i < s.length(); i += step) {
            if (s.charAt(i) > 0xFF) {
                return 2;
            }
        }
        return 1;
    }

    private static int bufferWidth(Buffer buffer) {
        if (buffer instanceof CharBuffer || buffer instanceof ShortBuffer) {
            return 2;
        }
        if (buffer instanceof IntBuffer || buffer instanceof FloatBuffer) {
            return 4;
        }
        if (buffer instanceof LongBuffer || buffer instanceof DoubleBuffer) {
            return 8;
        }
        return 1; // ByteBuffer
    }

    private static long width(Class<?> type) {
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

    private static long align(long bytes) {
        long alignment = LAYOUT.alignment();
        return (bytes + alignment - 1) / alignment * alignment;
    }

    /**
     * A class's instance fields: the bytes of an instance itself, and the reference fields whose values
     * count too (those the module system lets this class read: none inside the JDK).
     */
    private record Shape(long bytes, List<Field> references) {
        static Shape of(Class<?> type) {
            long own = HEADER;
            List<Field> references = new ArrayList<>();
            boolean jdk = isJdk(type);
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    if (field.getType().isPrimitive()) {
                        own += width(field.getType());
                        continue;
                    }
                    own += REFERENCE;
                    if (!jdk && field.trySetAccessible()) {
                        references.add(field);
                    }
                }
            }
            return new Shape(align(own), List.copyOf(references));
        }

        private static boolean isJdk(Class<?> type) {
            String name = type.getName();
            return name.startsWith("java.")
                    || name.startsWith("javax.")
                    || name.startsWith("jdk.")
                    || name.startsWith("sun.")
                    || name.startsWith("com.sun.");
        }
    }

    /**
     * How this VM lays objects out.
     *
     * @param reference the bytes of a reference: 4 with compressed pointers, else 8
     * @param header an object's header: 12 bytes with compressed class pointers, else 16
     * @param arrayHeader an array's header, its length included
     * @param alignment what every object's size is rounded up to
     */
    private record Layout(long reference, long header, long arrayHeader, long alignment) {
        static Layout ofThisVm() {
            boolean oops = Runtime.getRuntime().maxMemory() < (32L << 30);
            boolean classPointers = true;
            long alignment = 8;
            try {
                HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                oops = Boolean.parseBoolean(vm.getVMOption("UseCompressedOops").getValue());
                classPointers = Boolean.parseBoolean(
                        vm.getVMOption("UseCompressedClassPointers").getValue());
                alignment =
                        Long.parseLong(vm.getVMOption("ObjectAlignmentInBytes").getValue());
            } catch (RuntimeException | LinkageError e) {
                // Not HotSpot, or an option it does not have: the defaults of a 64-bit VM below 32 GiB.
            }
            long header = classPointers ? 12 : 16;
            long arrayHeader = (header + 4 + 7) / 8 * 8;
            return new Layout(oops ? 4 : 8, header, arrayHeader, alignment);
        }
    }
}
