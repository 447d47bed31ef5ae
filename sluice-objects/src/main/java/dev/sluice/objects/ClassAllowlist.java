package dev.sluice.objects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which classes an object file may name. Files are data and may come from anywhere a
 * bucket is writable; the catalog is trusted. So a file may only name plain JDK value and
 * collection types, arrays of allowed types, and classes in the packages the catalog entry allows
 * (its declared class's package and {@code allowed_packages}). Names are checked before any class
 * is loaded, so a hostile file cannot even run a static initializer. Immutable and thread-safe.
 */
final class ClassAllowlist {
    private static final Set<String> JDK_VALUES = Set.of(
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Character",
            "java.math.BigInteger",
            "java.math.BigDecimal",
            "java.util.UUID");

    private static final Set<String> BROAD_ROOTS =
            Set.of("com", "org", "net", "io", "dev", "edu", "gov", "me", "app", "ai", "co", "de", "uk", "fr", "eu");

    private final List<String> packages;

    private ClassAllowlist(List<String> packages) {
        this.packages = List.copyOf(packages);
    }

    /** Allows classes in {@code packages} and their sub-packages, plus the plain JDK types. */
    static ClassAllowlist of(Collection<String> packages) {
        List<String> cleaned = new ArrayList<>();
        for (String name : packages) {
            String trimmed = name.trim();
            while (trimmed.endsWith(".") || trimmed.endsWith("*")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()
                    || trimmed.equals("java")
                    || trimmed.startsWith("java.")
                    || trimmed.startsWith("javax.")
                    || trimmed.startsWith("jdk.")
                    || trimmed.startsWith("sun.")) {
                throw new IllegalArgumentException("'" + name + "' cannot be an allowed package: JDK packages hold"
                        + " classes that act when they are built (files, processes, class loaders). Only the"
                        + " JDK's value and collection types are allowed, and they need no setting. List your"
                        + " own packages, such as com.example.models.");
            }
            if (isTooBroad(trimmed)) {
                throw new IllegalArgumentException("'" + name + "' is too broad to be an allowed package: it"
                        + " would admit every library under it. List your own packages, such as"
                        + " com.example.models.");
            }
            cleaned.add(trimmed);
        }
        return new ClassAllowlist(cleaned);
    }

    /** Whether {@code pkg} is a top-level domain root such as {@code com}, under which any library may live. */
    static boolean isTooBroad(String pkg) {
        return BROAD_ROOTS.contains(pkg);
    }

    /** The allowed packages, for messages. */
    List<String> packages() {
        return packages;
    }

    /** A copy that also allows {@code more}. */
    ClassAllowlist plus(Collection<String> more) {
        Set<String> all = new TreeSet<>(packages);
        all.addAll(more);
        return of(all);
    }

    /**
     * Whether a class of this binary name may be loaded. JDK collection classes are judged after
     * loading ({@link #allowsClass}), since their names alone do not say they are collections.
     */
    boolean allowsName(String name) {
        String element = name;
        while (element.startsWith("[")) {
            element = element.substring(1);
        }
        if (element.length() == 1) {
            // A primitive array, such as [D.
            return name.startsWith("[");
        }
        if (element.startsWith("L") && element.endsWith(";")) {
            element = element.substring(1, element.length() - 1);
        }
        if (JDK_VALUES.contains(element) || isJdkTimeValue(element)) {
            return true;
        }
        for (String prefix : packages) {
            if (element.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name might be a JDK collection, which {@link #allowsClass} decides once loaded. */
    static boolean mayBeJdkCollection(String name) {
        return name.startsWith("java.util.") && name.indexOf('.', "java.util.".length()) < 0;
    }

    /** Whether {@code type}, already loaded, may be built from a file. */
    boolean allowsClass(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        if (isJdkCollection(element)) {
            return true;
        }
        return allowsName(element.getName());
    }

    /** A collection or map from java.util itself; building one only calls add/put. */
    static boolean isJdkCollection(Class<?> type) {
        return "java.util".equals(type.getPackageName())
                && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type));
    }

    private static boolean isJdkTimeValue(String name) {
        // java.time itself, not java.time.chrono/format/zone.
        return name.startsWith("java.time.") && name.indexOf('.', "java.time.".length()) < 0;
    }

    @Override
    public String toString() {
        return packages.toString();
    }
}
