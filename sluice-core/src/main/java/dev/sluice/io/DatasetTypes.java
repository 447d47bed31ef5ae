package dev.sluice.io;

import dev.sluice.ConfigurationException;
import dev.sluice.SluiceException;
import dev.sluice.pipeline.Suggestions;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DatasetType}s that catalog entries can name in {@code type:}, looked up by short name,
 * alias, or the fully qualified class name of a {@code DatasetType} implementation.
 *
 * <p>Types are registered in code with {@link #register} or found on the class path with {@link
 * #discover()}. Thread-safe: catalogs create datasets from several threads.
 */
public final class DatasetTypes {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetTypes.class);

    private final ClassLoader classLoader;
    private final Map<String, DatasetType> byName = new ConcurrentHashMap<>();
    private final Map<String, DatasetType> byClassName = new ConcurrentHashMap<>();
    /** Classes named in {@code type:} that exist but cannot be dataset types, with the reason. */
    private final Map<String, String> misfits = new ConcurrentHashMap<>();

    private DatasetTypes(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** A registry with no types; class names in {@code type:} load through this class's loader. */
    public static DatasetTypes empty() {
        return new DatasetTypes(defaultClassLoader());
    }

    /** A registry with the given types registered. */
    public static DatasetTypes of(DatasetType... types) {
        DatasetTypes registry = empty();
        for (DatasetType type : types) {
            registry.register(type);
        }
        return registry;
    }

    /**
     * A registry with every type listed in {@code META-INF/services/dev.sluice.io.DatasetType} on the
     * thread's context class path; each one found is logged at debug with the jar it came from.
     *
     * @throws ConfigurationException if a listed type cannot be loaded or instantiated
     */
    public static DatasetTypes discover() {
        return discover(defaultClassLoader());
    }

    /** Like {@link #discover()}, with the given class loader. */
    public static DatasetTypes discover(ClassLoader classLoader) {
        DatasetTypes registry = new DatasetTypes(classLoader);
        Iterator<DatasetType> found =
                ServiceLoader.load(DatasetType.class, classLoader).iterator();
        while (true) {
            DatasetType type;
            try {
                if (!found.hasNext()) {
                    break;
                }
                type = found.next();
            } catch (ServiceConfigurationError e) {
                throw new ConfigurationException(
                        "A dataset type listed in META-INF/services/" + DatasetType.class.getName()
                                + " could not be loaded: " + e.getMessage()
                                + ". Check that the class exists, implements DatasetType and has a public "
                                + "no-argument constructor, or remove the jar that lists it.",
                        e);
            }
            LOG.debug(
                    "Found dataset type '{}' ({}) in {}",
                    type.name(),
                    type.getClass().getName(),
                    origin(type));
            registry.add(type, false);
        }
        return registry;
    }

    /**
     * Adds {@code type} under its name and aliases, replacing any type registered under the same names;
     * returns this registry.
     */
    public DatasetTypes register(DatasetType type) {
        add(type, true);
        return this;
    }

    private synchronized void add(DatasetType type, boolean explicit) {
        String name = type.name();
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("Dataset type " + type.getClass().getName()
                    + " has a blank name(); give it a short name such as 'csv'.");
        }
        Set<String> keys = new TreeSet<>(type.aliases());
        keys.add(name);
        for (String key : keys) {
            DatasetType previous = byName.get(key);
            if (previous != null && previous.getClass() != type.getClass()) {
                if (!explicit) {
                    LOG.warn(
                            "Dataset types {} (from {}) and {} (from {}) both use the name '{}'; using {}. "
                                    + "Register the one you want explicitly to choose.",
                            previous.getClass().getName(),
                            origin(previous),
                            type.getClass().getName(),
                            origin(type),
                            key,
                            previous.getClass().getName());
                    continue;
                }
                LOG.debug(
                        "Dataset type {} replaces {} for name '{}'",
                        type.getClass().getName(),
                        previous.getClass().getName(),
                        key);
            }
            byName.put(key, type);
        }
        byClassName.put(type.getClass().getName(), type);
    }

    /** The short names of the registered types, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        byName.forEach((name, type) -> {
            if (name.equals(type.name())) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /**
     * The type that {@code type:} names: a short name, an alias, or the class name of a {@link
     * DatasetType} implementation (loaded and instantiated on first use).
     */
    public Optional<DatasetType> find(String typeName) {
        DatasetType type = byName.get(typeName);
        if (type == null) {
            type = byClassName.get(typeName);
        }
        if (type == null) {
            type = KedroSpelling.of(typeName)
                    .map(spelling -> byName.get(spelling.registered()))
                    .orElse(null);
        }
        if (type == null && typeName.indexOf('.') > 0) {
            type = loadByClassName(typeName);
        }
        return Optional.ofNullable(type);
    }

    /**
     * The current spelling of {@code typeName} when it is an outdated Kedro spelling of a registered type
     * (Kedro 0.18's {@code pandas.CSVDataSet} or {@code kedro.extras.datasets.pandas.CSVDataSet} gives
     * {@code pandas.CSVDataset}); empty for current spellings and unknown names.
     */
    public Optional<String> currentSpelling(String typeName) {
        if (byName.containsKey(typeName) || byClassName.containsKey(typeName)) {
            return Optional.empty();
        }
        return KedroSpelling.of(typeName).filter(KedroSpelling::outdated).flatMap(spelling -> Optional.ofNullable(
                        byName.get(spelling.registered()))
                .map(spelling::current));
    }

    /**
     * The type of {@code datasetName} defined at {@code source}.
     *
     * @throws ConfigurationException naming the source and dataset, listing the known types and the
     *     closest match, when no type has that name
     */
    public DatasetType require(String typeName, String datasetName, String source) {
        return find(typeName).orElseThrow(() -> unknownType(typeName, Map.of(datasetName, source)));
    }

    /**
     * The error for catalog entries whose {@code type:} names no registered type, told once for all of
     * them: the first entry's source and name, the others', and what to do. For a type of one of Sluice's
     * own modules ({@code parquet}), the module and the Maven and Gradle lines that add it; otherwise the
     * closest known name, if one is close.
     *
     * @param sourceByDataset the entries, in order: dataset name to where its {@code type:} is written
     */
    public ConfigurationException unknownType(String typeName, Map<String, String> sourceByDataset) {
        if (sourceByDataset.isEmpty()) {
            throw new IllegalArgumentException("no entry uses type '" + typeName + "'");
        }
        Map.Entry<String, String> first = sourceByDataset.entrySet().iterator().next();
        StringBuilder message = new StringBuilder(first.getValue())
                .append(": dataset '")
                .append(first.getKey())
                .append("' has unknown type '")
                .append(typeName)
                .append("'");
        List<String> others = new ArrayList<>();
        sourceByDataset.forEach((dataset, source) -> {
            if (!dataset.equals(first.getKey())) {
                others.add("'" + dataset + "' at " + source);
            }
        });
        if (!others.isEmpty()) {
            message.append(" (so do ").append(String.join(", ", others)).append(")");
        }
        String module = DatasetModules.all().get(typeName);
        if (module == null) {
            module = KedroSpelling.of(typeName)
                    .map(spelling -> DatasetModules.all().get(spelling.registered()))
                    .orElse(null);
        }
        if (module != null) {
            return new ConfigurationException(message.append(". It is provided by Sluice's module ")
                    .append(DatasetModules.GROUP)
                    .append(':')
                    .append(module)
                    .append(", which is not on the class path. Add it to the project's build:")
                    .append(System.lineSeparator())
                    .append(DatasetModules.buildLines(module))
                    .toString());
        }
        String misfit = misfits.get(typeName);
        if (misfit != null) {
            return new ConfigurationException(
                    message.append(": ").append(misfit).append('.').toString());
        }
        Suggestions.closest(typeName, new TreeMap<>(byName).keySet())
                .ifPresent(match ->
                        message.append(" (did you mean '").append(match).append("'?)"));
        if (byName.isEmpty()) {
            message.append(". No dataset types are registered");
        }
        if (typeName.indexOf('.') > 0) {
            message.append(". No class of that name is on the class path either: for your own dataset class,"
                    + " check the fully qualified name and put its classes on the project's class path");
        }
        message.append(". Add the module that provides the type to the class path, register it with "
                + "DatasetTypes.register, or write the fully qualified class name of a DatasetType or Dataset; "
                + "'sluice catalog types' lists the types on the class path.");
        return new ConfigurationException(message.toString());
    }

    /**
     * Every dataset type name (and alias) that Sluice's own modules provide, with the artifact of group
     * {@code dev.sluice} that provides it, whether or not it is on the class path.
     */
    public static Map<String, String> sluiceModules() {
        return DatasetModules.all();
    }

    /**
     * Builds the dataset {@code spec} describes, with the type its {@link DatasetSpec#type()} names,
     * after checking the entry against the type's {@link DatasetType#schema() schema}.
     *
     * @throws ConfigurationException if the type is unknown, a key is unknown or a setting is wrong; the
     *     message names the entry and the file and line of the key
     */
    public Dataset<?> create(DatasetSpec spec) {
        DatasetType type = check(spec);
        Dataset<?> dataset;
        try {
            dataset = type.create(spec);
        } catch (SluiceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    spec.source() + ": dataset '" + spec.name() + "' (type " + spec.type() + ") could not be created: "
                            + e + ". Check the entry's settings.",
                    e);
        }
        if (dataset == null) {
            throw new ConfigurationException(
                    spec.source() + ": dataset type " + type.getClass().getName() + " returned no dataset for '"
                            + spec.name() + "'; this is a bug in that dataset type.");
        }
        return dataset;
    }

    /**
     * Checks {@code spec} against its type without creating a dataset: the type exists and every key of the
     * entry is one its {@link DatasetType#schema() schema} declares; options with no effect and outdated Kedro
     * spellings of the type are warned about. Returns the type.
     *
     * @throws ConfigurationException if the type is unknown or a key is unknown or missing; the message
     *     names the entry and the file and line of the key
     */
    public DatasetType check(DatasetSpec spec) {
        DatasetType type = require(spec.type(), spec.name(), spec.source());
        currentSpelling(spec.type())
                .ifPresent(current -> spec.warn(
                        "is written with Kedro 0.18's spelling; write 'type: " + current + "', its current name"));
        SchemaCheck.check(type.schema(), spec);
        return type;
    }

    private DatasetType loadByClassName(String className) {
        if (misfits.containsKey(className)) {
            return null;
        }
        Class<?> loaded;
        try {
            loaded = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        DatasetType type;
        if (DatasetType.class.isAssignableFrom(loaded)) {
            try {
                type = (DatasetType) loaded.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ConfigurationException(
                        "Dataset type class " + className + " could not be instantiated (" + e
                                + "); give it a public no-argument constructor.",
                        e);
            }
        } else if (Dataset.class.isAssignableFrom(loaded)) {
            try {
                type = new DatasetClassType(loaded.asSubclass(Dataset.class));
            } catch (IllegalArgumentException e) {
                misfits.put(className, e.getMessage());
                return null;
            }
        } else {
            misfits.put(
                    className,
                    "class " + className + " is on the class path but is neither a " + DatasetType.class.getName()
                            + " nor a " + Dataset.class.getName()
                            + "; implement one of them (a Dataset needs a public constructor taking a DatasetSpec)");
            return null;
        }
        LOG.debug("Loaded dataset type '{}' ({}) by class name from {}", type.name(), className, origin(type));
        byClassName.putIfAbsent(className, type);
        return byClassName.get(className);
    }

    private static String origin(DatasetType type) {
        CodeSource source = type.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "an unknown location" : location.toString();
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DatasetTypes.class.getClassLoader();
    }
}
