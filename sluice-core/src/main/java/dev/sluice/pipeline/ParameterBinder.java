package dev.sluice.pipeline;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Binds parameter values as YAML gives them (maps, lists, text, numbers, booleans, {@code null}) to the
 * Java types nodes declare: records (nested, with YAML's {@code snake_case} keys matching
 * {@code camelCase} components), enums, numbers and their boxes, {@code String}, {@code boolean},
 * {@code BigDecimal}, {@code BigInteger}, {@code List}, {@code Set}, {@code Collection}, arrays,
 * {@code Map<String, T>} and {@code Optional}. A value that already is an instance of a type without
 * type arguments is passed as it is, so {@code Object} and {@code Map} receive the plain values.
 *
 * <p>Binding is strict, like the rest of Sluice's configuration: a record key that matches no
 * component, a missing component (other than an {@code Optional} one), a number with a fraction for an
 * {@code int}, or a number for a {@code String} is an error naming the key path and the component.
 * Stateless and thread-safe.
 */
public final class ParameterBinder {
    private ParameterBinder() {}

    /**
     * {@code value} as an instance of {@code type}.
     *
     * @throws ParameterBindingException naming the path inside {@code value}, the record component (if
     *     any) and what is wrong
     */
    public static Object bind(Object value, Type type) {
        return new Binding().bind(value, type);
    }

    /** One binding: the path walked so far and the innermost record component, for messages. */
    private static final class Binding {
        private final List<Object> path = new ArrayList<>();
        private String component;

        Object bind(Object value, Type type) {
            Class<?> raw = rawType(type);
            if (raw == Optional.class) {
                return value == null ? Optional.empty() : Optional.of(bind(value, argument(type, 0)));
            }
            if (value == null) {
                if (raw.isPrimitive()) {
                    throw fail("it is null, but " + describe(type) + " cannot be null");
                }
                return null;
            }
            if (raw.isPrimitive()
                    || Number.class.isAssignableFrom(raw)
                    || raw == Boolean.class
                    || raw == Character.class) {
                return scalar(value, raw);
            }
            if (raw == String.class) {
                if (value instanceof String) {
                    return value;
                }
                throw fail("it is " + what(value) + ", not text; quote it in YAML to make it text");
            }
            if (raw.isEnum()) {
                return enumConstant(value, raw);
            }
            if (raw.isRecord()) {
                if (raw.isInstance(value)) {
                    return value;
                }
                return record(value, raw);
            }
            if (raw.isArray()) {
                return array(value, type, raw);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map(value, type, raw);
            }
            if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
                return collection(value, type, raw);
            }
            if (raw.isInstance(value)) {
                return value;
            }
            throw fail("it is " + what(value) + ", which cannot be bound to " + raw.getName()
                    + "; declare a record, a collection, a map or a scalar type for a parameter");
        }

        private Object scalar(Object value, Class<?> raw) {
            Class<?> boxed = box(raw);
            if (boxed == Boolean.class) {
                if (value instanceof Boolean) {
                    return value;
                }
                throw fail("it is " + what(value) + ", not true or false");
            }
            if (boxed == Character.class) {
                if (value instanceof String text && text.length() == 1) {
                    return text.charAt(0);
                }
                throw fail("it is " + what(value) + ", not a single character");
            }
            if (!(value instanceof Number number)) {
                throw fail("it is " + what(value) + ", not a number");
            }
            if (boxed == Double.class) {
                return number.doubleValue();
            }
            if (boxed == Float.class) {
                return number.floatValue();
            }
            if (boxed == BigDecimal.class) {
                return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
            }
            BigInteger whole = wholeNumber(number);
            if (boxed == BigInteger.class) {
                return whole;
            }
            if (boxed == Long.class) {
                return inRange(whole, Long.MIN_VALUE, Long.MAX_VALUE, raw).longValue();
            }
            if (boxed == Integer.class) {
                return inRange(whole, Integer.MIN_VALUE, Integer.MAX_VALUE, raw).intValue();
            }
            if (boxed == Short.class) {
                return inRange(whole, Short.MIN_VALUE, Short.MAX_VALUE, raw).shortValue();
            }
            if (boxed == Byte.class) {
                return inRange(whole, Byte.MIN_VALUE, Byte.MAX_VALUE, raw).byteValue();
            }
            if (boxed.isInstance(value)) {
                return value;
            }
            throw fail("it is " + what(value) + ", which cannot be bound to " + raw.getName());
        }

        private BigInteger wholeNumber(Number number) {
            if (number instanceof BigInteger big) {
                return big;
            }
            if (number instanceof Long
                    || number instanceof Integer
                    || number instanceof Short
                    || number instanceof Byte) {
                return BigInteger.valueOf(number.longValue());
            }
            BigDecimal decimal = new BigDecimal(number.toString());
            try {
                return decimal.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw fail("it is " + number + ", not a whole number");
            }
        }

        private BigInteger inRange(BigInteger whole, long min, long max, Class<?> raw) {
            if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
                throw fail("it is " + whole + ", outside the range of " + raw.getSimpleName() + " (" + min + " to "
                        + max + ")");
            }
            return whole;
        }

        private Object enumConstant(Object value, Class<?> raw) {
            if (raw.isInstance(value)) {
                return value;
            }
            Object[] constants = raw.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object constant : constants) {
                names.add(((Enum<?>) constant).name());
            }
            if (value instanceof String text) {
                String wanted = text.strip().replace('-', '_');
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                        return constant;
                    }
                }
            }
            throw fail("it is " + what(value) + ", not one of " + names);
        }

        private Object record(Object value, Class<?> type) {
            if (!(value instanceof Map<?, ?> map)) {
                throw fail("it is " + what(value) + ", but record " + type.getName()
                        + " is written as a mapping of its components");
            }
            RecordComponent[] components = type.getRecordComponents();
            Map<String, RecordComponent> byKey = new LinkedHashMap<>();
            for (RecordComponent c : components) {
                byKey.put(c.getName(), c);
                byKey.putIfAbsent(snakeCase(c.getName()), c);
            }
            Map<RecordComponent, Object> given = new LinkedHashMap<>();
            Map<RecordComponent, String> keyOf = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                RecordComponent c = byKey.get(key);
                if (c == null) {
                    path.add(key);
                    throw fail("record " + type.getName() + " has no component for key '" + key + "'"
                            + closest(key, components) + "; its keys are " + keys(components)
                            + ". Remove the key or add the component");
                }
                String previous = keyOf.putIfAbsent(c, key);
                if (previous != null) {
                    throw fail("keys '" + previous + "' and '" + key + "' both set component '" + c.getName()
                            + "' of record " + type.getName() + "; keep one");
                }
                given.put(c, entry.getValue());
            }
            Object[] arguments = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            String outerComponent = component;
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                String key = keyOf.getOrDefault(c, snakeCase(c.getName()));
                path.add(key);
                component = describe(c, type);
                if (!given.containsKey(c)) {
                    if (c.getType() == Optional.class) {
                        arguments[i] = Optional.empty();
                    } else {
                        path.remove(path.size() - 1);
                        throw fail("key '" + key + "' is missing; add it (or make the component an Optional)");
                    }
                } else {
                    arguments[i] = bind(given.get(c), c.getGenericType());
                }
                path.remove(path.size() - 1);
            }
            component = outerComponent;
            return construct(type, types, arguments);
        }

        private Object construct(Class<?> type, Class<?>[] types, Object[] arguments) {
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(arguments);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw fail("record " + type.getName() + " rejected the values: " + cause);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw fail("record " + type.getName() + " cannot be created (" + e + ")");
            }
        }

        private Object array(Object value, Type type, Class<?> raw) {
            List<?> items = list(value);
            Type element = type instanceof GenericArrayType generic
                    ? generic.getGenericComponentType()
                    : raw.getComponentType();
            Object array = Array.newInstance(raw.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                path.add(i);
                Array.set(array, i, bind(items.get(i), element));
                path.remove(path.size() - 1);
            }
            return array;
        }

        private Object collection(Object value, Type type, Class<?> raw) {
            List<?> items = list(value);
            Type element = argument(type, 0);
            Collection<Object> bound;
            if (SortedSet.class.isAssignableFrom(raw)) {
                bound = new TreeSet<>();
            } else if (Set.class.isAssignableFrom(raw)) {
                bound = new LinkedHashSet<>();
            } else {
                bound = new ArrayList<>();
            }
            if (!raw.isInstance(bound)) {
                throw fail("it is a list, which cannot be bound to " + raw.getName()
                        + "; declare List, Set, SortedSet or Collection");
            }
            for (int i = 0; i < items.size(); i++) {
                path.add(i);
                bound.add(bind(items.get(i), element));
                path.remove(path.size() - 1);
            }
            return bound instanceof List<?> l
                    ? Collections.unmodifiableList(l)
                    : bound instanceof SortedSet<?> sorted
                            ? Collections.unmodifiableSortedSet(sorted)
                            : Collections.unmodifiableSet((Set<?>) bound);
        }

        private List<?> list(Object value) {
            if (value instanceof List<?> items) {
                return items;
            }
            throw fail("it is " + what(value) + ", not a list");
        }

        private Object map(Object value, Type type, Class<?> raw) {
            if (!(value instanceof Map<?, ?> map)) {
                throw fail("it is " + what(value) + ", not a mapping");
            }
            if (!raw.isAssignableFrom(LinkedHashMap.class)) {
                throw fail("it is a mapping, which cannot be bound to " + raw.getName() + "; declare Map");
            }
            Type keyType = argument(type, 0);
            if (keyType != Object.class && keyType != String.class) {
                throw fail("map keys are text, so declare Map<String, ...> rather than a map keyed by "
                        + keyType.getTypeName());
            }
            Type valueType = argument(type, 1);
            Map<String, Object> bound = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                path.add(key);
                bound.put(key, bind(entry.getValue(), valueType));
                path.remove(path.size() - 1);
            }
            return Collections.unmodifiableMap(bound);
        }

        private ParameterBindingException fail(String problem) {
            return new ParameterBindingException(List.copyOf(path), component, problem);
        }
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(rawType(array.getGenericComponentType()), 0)
                    .getClass();
        }
        if (type instanceof WildcardType wildcard) {
            return rawType(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return rawType(variable.getBounds()[0]);
        }
        return Object.class;
    }

    /** Type argument {@code index} of {@code type}, or {@code Object} for a raw type. */
    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            Type argument = parameterized.getActualTypeArguments()[index];
            if (argument instanceof WildcardType wildcard) {
                return wildcard.getUpperBounds()[0];
            }
            return argument instanceof TypeVariable<?> ? Object.class : argument;
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> type;
        };
    }

    /** {@code testSize} as {@code test_size}, the way YAML keys are written. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> keys(RecordComponent[] components) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : components) {
            keys.add(snakeCase(c.getName()));
        }
        return keys;
    }

    private static String closest(String key, RecordComponent[] components) {
        return Suggestions.didYouMean(List.of(key), keys(components));
    }

    private static String describe(RecordComponent component, Class<?> record) {
        return component.getGenericType().getTypeName().replaceAll("\\b[a-z0-9_]+\\.", "") + " " + component.getName()
                + " of record " + record.getName();
    }

    private static String describe(Type type) {
        return type.getTypeName();
    }

    private static String what(Object value) {
        if (value instanceof String text) {
            return "the text '" + text + "'";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value).toLowerCase(Locale.ROOT);
        }
        return "a " + value.getClass().getName();
    }
}
