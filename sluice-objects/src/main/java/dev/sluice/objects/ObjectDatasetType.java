package dev.sluice.objects;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code object} catalog type, for node outputs of any shape, such as trained models, stored as
 * typed JSON; {@link BinaryObjectDatasetType} stores the same document in CBOR.
 *
 * <pre>{@code
 * regressor:
 *   type: object
 *   filepath: data/06_models/regressor.json
 *   class: com.example.models.LinearModel   # optional; its package is trusted when loading
 *   allowed_packages: [com.example.features] # optional; more packages the file may name
 *   save_args:
 *     compression: gzip                      # or none (the default); loads detect it
 *     indent: true                           # pretty-printed JSON
 * }</pre>
 *
 * <p>Without {@code class} or {@code allowed_packages} only JDK value and collection types can be
 * loaded, because a file is data that anyone with write access to the store can change, while the
 * catalog is part of the project.
 */
public final class ObjectDatasetType implements DatasetType {
    private final boolean binary;

    public ObjectDatasetType() {
        this(false);
    }

    ObjectDatasetType(boolean binary) {
        this.binary = binary;
    }

    @Override
    public String name() {
        return binary ? "object.cbor" : "object";
    }

    @Override
    public Set<String> aliases() {
        return binary ? Set.of("PickleDataset", "pickle.PickleDataset") : Set.of();
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        binary
                                ? "Any Java value (a trained model, say) stored as Sluice's typed object document"
                                        + " in CBOR (RFC 8949, binary; the file opens with D9 D9 F7), with a class"
                                        + " allowlist instead of Java serialization. Loads also read the JSON"
                                        + " encoding, and refuse a Python pickle (which opens with 0x80 and the"
                                        + " protocol) saying so: Python pickles cannot be read on the JVM."
                                : "Any Java value (a trained model, say) stored as typed JSON, with a class"
                                        + " allowlist instead of Java serialization.")
                .holds("any value whose classes the allowlist trusts")
                .entry(
                        DatasetSchema.FILEPATH,
                        DatasetSchema.FS_ARGS,
                        Option.of(
                                "class",
                                "class name",
                                "The class of the stored value; its package is trusted when loading."),
                        Option.of(
                                "allowed_packages",
                                "list of package names",
                                "More packages whose classes the file may name; without class or"
                                        + " allowed_packages only JDK value and collection types load."),
                        Option.noEffect(
                                "backend",
                                "it chooses Python's pickle module; values are always stored as "
                                        + (binary ? "typed CBOR" : "typed JSON")))
                .saveArgs(saveArgs())
                .build();
    }

    private Option[] saveArgs() {
        List<Option> options = new ArrayList<>();
        options.add(Option.of("compression", "gzip or none", "Compress the file; loads detect it.")
                .withDefault("none"));
        if (!binary) {
            options.add(Option.of("indent", "true or false", "Pretty-print the JSON.")
                    .withDefault("false"));
        }
        options.add(Option.of(
                "compress",
                "true, false, 0-9, gzip or zlib",
                "Kedro's joblib spelling of compression: any true value or level above 0 writes"
                        + " gzip; give it or compression, not both."));
        return options.toArray(Option[]::new);
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> saveArgs = spec.map("save_args");
        ObjectDataset<?> dataset = spec.string("class")
                .<ObjectDataset<?>>map(name -> ObjectDataset.of(spec.location("filepath"), load(spec, name)))
                .orElseGet(() -> ObjectDataset.of(spec.location("filepath")));
        List<String> packages = packages(spec);
        try {
            dataset = dataset.allowingPackages(packages.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw spec.error("has a bad entry in 'allowed_packages': " + e.getMessage());
        }
        if (saveArgs.containsKey("compress") && saveArgs.containsKey("compression")) {
            throw spec.error("sets both save_args 'compress' and 'compression'; keep one");
        }
        boolean gzip = saveArgs.containsKey("compress")
                ? compress(spec, saveArgs.get("compress"))
                : gzip(spec, saveArgs.get("compression"));
        return dataset.gzipped(gzip)
                .indented(Boolean.parseBoolean(String.valueOf(saveArgs.getOrDefault("indent", "false"))))
                .binary(binary)
                .named(spec.name());
    }

    private static Class<?> load(DatasetSpec spec, String className) {
        try {
            return Class.forName(className, false, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw spec.error("names class '" + className + "', which is not on the classpath; check the fully"
                    + " qualified name (a nested class is written Outer$Inner)");
        }
    }

    private static List<String> packages(DatasetSpec spec) {
        Object value = spec.config().get("allowed_packages");
        List<String> packages = new ArrayList<>();
        if (value == null) {
            return packages;
        }
        if (value instanceof List<?> list) {
            list.forEach(item -> packages.add(String.valueOf(item)));
        } else if (value instanceof Map) {
            throw spec.error("needs 'allowed_packages' to be a list of package names, like [com.example.models]");
        } else {
            packages.add(value.toString());
        }
        return packages;
    }

    private static boolean gzip(DatasetSpec spec, Object value) {
        String text = value == null ? "none" : value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "gzip" -> true;
            case "none", "false" -> false;
            default -> throw spec.error("has compression '" + value + "'; use gzip or none");
        };
    }

    /** joblib's {@code compress}: a flag, a level 0-9, or a method name; Sluice writes gzip or nothing. */
    private static boolean compress(DatasetSpec spec, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number level && level.doubleValue() >= 0 && level.doubleValue() <= 9) {
            return level.intValue() > 0;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "gzip", "zlib" -> true;
            default ->
                throw spec.error("has save_args compress '" + value + "', which Sluice cannot write; use true"
                        + " or a level 1-9 (gzip), gzip, or false");
        };
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ObjectDatasetType.class.getClassLoader();
    }
}
