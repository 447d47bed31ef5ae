package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.catalog.DatasetPattern;
import dev.sluice.io.DatasetTypes;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.ParameterBinder;
import dev.sluice.pipeline.ParameterBindingException;
import dev.sluice.pipeline.Pipeline;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A project's configuration read from its conf directory the way Kedro's OmegaConfigLoader reads it:
 * catalog, parameters, credentials and globals from {@code base}, overridden by the run environment
 * ({@code local} unless another is given), with {@code ${...}} interpolation and runtime parameters.
 *
 * <p>Loading checks everything that can be checked without creating datasets: YAML syntax, duplicate
 * keys, interpolations, the shape of every catalog entry. {@link #toCatalog} then defines the catalog,
 * whose datasets are created when first needed. Every error is a {@link ConfigurationException} that names
 * the file, line and column. Credentials are never exposed: only their names. Immutable.
 */
public final class ProjectConfig {
    /** The environment every other one overrides. */
    public static final String BASE_ENV = "base";

    /** The environment used when none is given; unlike any other, it may be missing. */
    public static final String DEFAULT_ENV = "local";

    private final Path confSource;
    private final String env;
    private final Map<String, Object> runtimeParams;
    private final Map<String, Object> globals;
    private final ConfigNode.Mapping parameters;
    private final Map<String, Object> parameterValues;
    private final ConfigNode.Mapping credentials;
    private final List<EntryDefinition> entries;
    private final Warnings warnings;
    private final ConfigLoading loading;
    private final ConfigNode.Mapping globalsNode;
    private final Map<String, Map<String, Object>> otherKinds = new ConcurrentHashMap<>();

    /** A catalog entry with what the loader needs beyond its public view. */
    record EntryDefinition(
            CatalogEntryConfig config, ConfigNode.Mapping node, Position position, DatasetPattern pattern) {}

    private ProjectConfig(Loader loader) {
        this.confSource = loader.confSource;
        this.env = loader.env;
        this.warnings = loader.warnings;
        this.runtimeParams = RuntimeParams.nest(loader.runtimeParams);
        ConfigNode.Mapping runtimeNode = RuntimeParams.toNode(runtimeParams);
        this.loading = new ConfigLoading(confSource, env, runtimeNode, loader.environment, loader.resolvers, warnings);
        this.globalsNode = loading.load(ConfigKind.GLOBALS, ConfigNode.Mapping.empty(Position.from("globals")));
        this.globals = globalsNode.toPlain();
        this.parameters = loading.load(ConfigKind.PARAMETERS, globalsNode);
        this.parameterValues = parameters.toPlain();
        this.credentials = loading.load(ConfigKind.CREDENTIALS, globalsNode);
        this.entries = CatalogEntries.validate(loading.load(ConfigKind.CATALOG, globalsNode), warnings);
    }

    /**
     * Loads the configuration in {@code confSource} for environment {@code env}.
     *
     * @param env the run environment; {@code null} means {@link #DEFAULT_ENV}
     * @param runtimeParams parameters from {@code --params} (see {@link RuntimeParams#parse}); dotted keys
     *     are expanded into nested maps
     */
    public static ProjectConfig load(Path confSource, String env, Map<String, ?> runtimeParams) {
        return loader(confSource).env(env).runtimeParams(runtimeParams).load();
    }

    /** A loader for {@code confSource} with the defaults: environment {@code local}, no runtime params. */
    public static Loader loader(Path confSource) {
        return new Loader(confSource);
    }

    /** The conf directory this configuration was read from. */
    public Path confSource() {
        return confSource;
    }

    /** The run environment. */
    public String env() {
        return env;
    }

    /** The runtime parameters, nested. */
    public Map<String, Object> runtimeParams() {
        return runtimeParams;
    }

    /** The globals, after overrides and interpolation. */
    public Map<String, Object> globals() {
        return globals;
    }

    /** The parameters, with environment overrides and runtime parameters applied. */
    public Map<String, Object> parameters() {
        return parameterValues;
    }

    /**
     * Where this configuration and the catalog built from it report what does not stop the work (an
     * option with no effect, an old spelling); shared with {@link #toCatalog}.
     */
    public Warnings warnings() {
        return warnings;
    }

    /**
     * The configuration in the {@code <name>*} files (and {@code <name>*}{@code /**} folders) of {@code
     * base} and the run environment, merged the way parameters are: Kedro's {@code
     * config_loader["spark"]}, for plugins with settings of their own ({@code conf/base/spark.yml}).
     * {@code ${globals:...}} and {@code ${runtime_params:...}} may be interpolated. Empty when no such
     * file exists; read on first use, then remembered.
     *
     * @param name the file-name prefix, a word such as {@code spark}; not one of Sluice's own kinds
     *     ({@code catalog}, {@code parameters}, {@code credentials}, {@code globals}), which have their
     *     own accessors (credentials are never exposed)
     * @throws ConfigurationException for a bad file, with its name and line
     */
    public Map<String, Object> get(String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("A configuration name is a word such as 'spark', not '" + name + "'");
        }
        if (Set.of("catalog", "parameters", "credentials", "globals").contains(name)) {
            throw new IllegalArgumentException("'" + name + "' configuration has its own accessor");
        }
        return otherKinds.computeIfAbsent(
                name,
                kind -> Collections.unmodifiableMap(
                        loading.load(ConfigKind.named(kind), globalsNode).toPlain()));
    }

    /** The names of the defined credentials, sorted; their values are never exposed. */
    public Set<String> credentialNames() {
        return Collections.unmodifiableSet(new TreeSet<>(credentials.members().keySet()));
    }

    /** Every catalog entry and dataset factory, resolved, in the order of the files. */
    public List<CatalogEntryConfig> catalogEntries() {
        List<CatalogEntryConfig> configs = new ArrayList<>(entries.size());
        entries.forEach(entry -> configs.add(entry.config()));
        return Collections.unmodifiableList(configs);
    }

    /**
     * Builds the data catalog: defines every explicit entry, to be created when first needed (see {@link
     * dev.sluice.catalog.EntryDefinition}); adds the dataset factories in Kedro's matching order; and adds
     * {@code parameters} and {@code params:<key>} (for nested keys too, as {@code params:a.b}) as memory
     * datasets. Parameters whose value is null are left out, because a memory dataset cannot hold null.
     *
     * <p>Every entry is checked now as far as possible without creating its dataset. An entry whose type
     * is unknown, whose credentials are missing or whose keys do not fit its type is <em>unavailable</em>:
     * a warning says so once, and only what uses the entry fails (a run, before its first node).
     *
     * @param projectDir the directory relative {@code filepath}s resolve against
     * @param types the dataset types that {@code type:} may name
     * @throws ConfigurationException listing every problem that concerns the whole catalog, such as a
     *     misspelled catalog key ({@code versoned: true}) or two catch-all patterns
     */
    public DataCatalog toCatalog(Path projectDir, DatasetTypes types) {
        return new CatalogBuilder(projectDir, types, this).build();
    }

    /**
     * Checks that every parameter a node of {@code pipeline} takes as a declared type ({@link
     * Node#parameterTypes()}, such as a record for {@code params:model_options}) can be bound to it, so a
     * bad value fails before any node runs. Parameters the configuration does not define are left to
     * the runner, which reports missing inputs.
     *
     * @throws ConfigurationException naming, for each value that does not fit, the file and line, the
     *     parameter's key, the node, and the record component
     */
    public void checkParameterTypes(Pipeline pipeline) {
        // Each parameter and type once, with every node that takes the parameter as that type.
        Map<Map.Entry<String, Type>, List<String>> readers = new LinkedHashMap<>();
        for (Node node : pipeline.nodes()) {
            node.parameterTypes()
                    .forEach((input, type) -> readers.computeIfAbsent(Map.entry(input, type), k -> new ArrayList<>())
                            .add(node.name()));
        }
        List<ConfigurationException> problems = new ArrayList<>();
        readers.forEach((parameter, nodes) -> {
            String input = parameter.getKey();
            String key = input.equals(DatasetNames.ALL_PARAMETERS)
                    ? ""
                    : input.substring(DatasetNames.PARAMS_PREFIX.length());
            Optional<ConfigNode> value = key.isEmpty() ? Optional.of(parameters) : Interpolator.select(parameters, key);
            if (value.isEmpty()) {
                return;
            }
            try {
                ParameterBinder.bind(value.get().toPlain(), parameter.getValue());
            } catch (ParameterBindingException e) {
                String path = ParameterBindingException.dotted(e.path());
                String fullKey = key.isEmpty() ? path : path.isEmpty() ? key : key + "." + path;
                problems.add(new ConfigurationException(
                        ConfigMessages.parameterDoesNotFit(
                                locate(value.get(), e.path()),
                                fullKey,
                                nodes,
                                parameter.getValue().getTypeName(),
                                e.component(),
                                e.problem()),
                        e));
            }
        });
        if (!problems.isEmpty()) {
            throw CatalogBuilder.combined(problems, ConfigMessages::invalidParameters);
        }
    }

    /** The position of the deepest value along {@code path} that the configuration has. */
    private static Position locate(ConfigNode value, List<Object> path) {
        ConfigNode at = value;
        for (Object step : path) {
            Optional<ConfigNode> next = Optional.empty();
            if (at instanceof ConfigNode.Mapping mapping) {
                next = mapping.get(String.valueOf(step));
            } else if (at instanceof ConfigNode.Sequence sequence
                    && step instanceof Integer index
                    && index < sequence.items().size()) {
                next = Optional.of(sequence.items().get(index));
            }
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
        }
        return at.position();
    }

    List<EntryDefinition> entries() {
        return entries;
    }

    ConfigNode.Mapping parameterNodes() {
        return parameters;
    }

    /**
     * Why the credentials a {@code credentials:} setting refers to cannot be used: they are not defined, or
     * not a mapping. Empty for inline credentials, no reference, or usable ones.
     *
     * @param at where the reference is written, for the message
     */
    Optional<ConfigurationException> credentialsProblem(String entry, Object reference, String at) {
        if (!(reference instanceof String name)) {
            return Optional.empty();
        }
        ConfigNode.Member defined = credentials.members().get(name);
        ConfigurationException unresolved = loading.unresolvedCredentials().get(name);
        if (defined == null && unresolved != null) {
            return Optional.of(new ConfigurationException(
                    ConfigMessages.credentialsUnresolvable(entry, at, name, unresolved.getMessage()), unresolved));
        }
        if (defined == null) {
            return Optional.of(new ConfigurationException(ConfigMessages.unknownCredentials(
                    entry, at, name, credentials.members().keySet())));
        }
        if (!(defined.value() instanceof ConfigNode.Mapping)) {
            return Optional.of(
                    new ConfigurationException(ConfigMessages.credentialsNotMapping(name, defined.keyPosition())));
        }
        return Optional.empty();
    }

    /**
     * The settings of the credentials a {@code credentials:} setting refers to (a name, or inline); empty
     * when there are none or they cannot be used (see {@link #credentialsProblem}).
     */
    Map<String, Object> credentialsFor(Object reference) {
        Map<?, ?> values;
        if (reference instanceof String name) {
            Optional<ConfigNode> defined = credentials.get(name);
            if (defined.isEmpty() || !(defined.get().toPlain() instanceof Map<?, ?> map)) {
                return Map.of();
            }
            values = map;
        } else if (reference instanceof Map<?, ?> map) {
            values = map;
        } else {
            return Map.of();
        }
        Map<String, Object> withoutNulls = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                withoutNulls.put(String.valueOf(key), value);
            }
        });
        return withoutNulls;
    }

    /** Chooses the environment, runtime parameters and environment variables, then loads. */
    public static final class Loader {
        private final Path confSource;
        private String env = DEFAULT_ENV;
        private Map<String, ?> runtimeParams = Map.of();
        private Function<String, String> environment = System::getenv;
        private final Map<String, ConfigResolver> resolvers = new LinkedHashMap<>();
        private Warnings warnings = Warnings.create();

        private Loader(Path confSource) {
            this.confSource = Objects.requireNonNull(confSource, "confSource");
        }

        /** The run environment; {@code null} means {@link #DEFAULT_ENV}. */
        public Loader env(String env) {
            this.env = env == null || env.isBlank() ? DEFAULT_ENV : env;
            return this;
        }

        /** Runtime parameters; {@code null} means none. */
        public Loader runtimeParams(Map<String, ?> runtimeParams) {
            this.runtimeParams = runtimeParams == null ? Map.of() : runtimeParams;
            return this;
        }

        /**
         * Where {@code ${oc.env:VAR}} reads variables (default {@link System#getenv(String)}); the
         * function returns {@code null} for an unset variable.
         */
        public Loader environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Where warnings go (default: a new collector, see {@link ProjectConfig#warnings()}). */
        public Loader warnings(Warnings warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Adds a custom resolver for {@code ${name:...}} interpolations.
         *
         * @throws ConfigurationException if its name is not a dotted identifier, is built in
         *     ({@code globals}, {@code runtime_params}) or is taken by another resolver
         */
        public Loader resolver(ConfigResolver resolver) {
            String name = resolver.name();
            String type = resolver.getClass().getName();
            if (name == null || !Interpolator.RESOLVER_NAME.matcher(name).matches()) {
                throw new ConfigurationException(ConfigMessages.badResolverName(name, type));
            }
            if (name.equals(Interpolator.GLOBALS) || name.equals(Interpolator.RUNTIME_PARAMS)) {
                throw new ConfigurationException(ConfigMessages.builtInResolver(name, type));
            }
            ConfigResolver previous = resolvers.putIfAbsent(name, resolver);
            if (previous != null && previous != resolver) {
                throw new ConfigurationException(ConfigMessages.duplicateResolver(
                        name, previous.getClass().getName(), type));
            }
            return this;
        }

        /** Adds custom resolvers; see {@link #resolver}. */
        public Loader resolvers(List<? extends ConfigResolver> resolvers) {
            resolvers.forEach(this::resolver);
            return this;
        }

        /**
         * Reads and checks the configuration.
         *
         * @throws ConfigurationException naming the file, line and column of the first problem found
         */
        public ProjectConfig load() {
            return new ProjectConfig(this);
        }
    }
}
