package dev.sluice.project;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ConfigResolver;
import dev.sluice.config.ProjectConfig;
import dev.sluice.hook.Hook;
import dev.sluice.hook.Hooks;
import dev.sluice.hook.ProjectContext;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.Versioned;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sluice project opened for one command: its configuration ({@code conf/}), its data catalog, its
 * pipelines (from the {@link PipelineRegistry} on the class path) and its hooks. Kedro's
 * {@code KedroSession} plays this role.
 *
 * <p>Opening a project reads and checks all configuration and defines every catalog entry, so bad
 * configuration fails here. Datasets are created when first needed; a catalog entry that cannot be
 * built is reported once through {@link #warnings()} and fails only what uses it, before any node runs.
 */
public final class Project {
    private static final Logger LOG = LoggerFactory.getLogger(Project.class);

    private final Path dir;
    private final ProjectConfig config;
    private final DataCatalog catalog;
    private final Map<String, Pipeline> pipelines;
    private final List<Hook> hooks;

    private Project(
            Path dir, ProjectConfig config, DataCatalog catalog, Map<String, Pipeline> pipelines, List<Hook> hooks) {
        this.dir = dir;
        this.config = config;
        this.catalog = catalog;
        this.pipelines = pipelines;
        this.hooks = hooks;
    }

    /** Starts opening the project in {@code dir}. */
    public static Builder at(Path dir) {
        return new Builder(dir);
    }

    public Path dir() {
        return dir;
    }

    public ProjectConfig config() {
        return config;
    }

    /** The catalog built from the configuration, with parameters fed in. */
    public DataCatalog catalog() {
        return catalog;
    }

    /** The project's pipelines, by name, sorted. */
    public Map<String, Pipeline> pipelines() {
        return pipelines;
    }

    /** The pipeline called {@code name}. */
    public Pipeline pipeline(String name) {
        Pipeline pipeline = pipelines.get(name);
        if (pipeline == null) {
            String hint = Suggestions.closest(name, pipelines.keySet())
                    .map(s -> " Did you mean '" + s + "'?")
                    .orElse("");
            throw new ConfigurationException(
                    "The project has no pipeline '" + name + "'; its pipelines are " + pipelines.keySet() + "." + hint);
        }
        return pipeline;
    }

    /**
     * What opening the project found worth telling that did not stop it: options with no effect, old
     * spellings, each pipeline's {@link Pipeline#warnings()} (source {@code pipeline 'name'}, each told
     * once), and catalog entries no pipeline uses whose names look like typos of datasets without an
     * entry. The configuration and catalog keep adding to it as entries are built.
     */
    public Warnings warnings() {
        return config.warnings();
    }

    /** Hooks discovered on the class path plus those named when opening; the runner calls them. */
    public List<Hook> hooks() {
        return hooks;
    }

    /** Settings for opening a project. */
    public static final class Builder {
        private final Path dir;
        private Path confSource;
        private String env;
        private Map<String, ?> runtimeParams = Map.of();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private final List<Hook> hooks = new ArrayList<>();
        private final List<String> hookClasses = new ArrayList<>();
        private final List<ConfigResolver> resolvers = new ArrayList<>();
        private PipelineRegistry registry;
        private Map<String, String> loadVersions = Map.of();
        private Warnings warnings = Warnings.create();

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath().normalize();
        }

        /** The conf directory (default {@code <project>/conf}); Kedro's {@code --conf-source}. */
        public Builder confSource(Path confSource) {
            this.confSource = confSource;
            return this;
        }

        /** The configuration environment applied over {@code base} (default {@code local}). */
        public Builder env(String env) {
            this.env = env;
            return this;
        }

        /** Runtime parameters ({@code --params}), overriding {@code parameters.yml}. */
        public Builder runtimeParams(Map<String, ?> params) {
            this.runtimeParams = Map.copyOf(params);
            return this;
        }

        /** Where to find the pipeline registry, dataset types and hooks (default: the context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** A hook registered in code. */
        public Builder hook(Hook hook) {
            hooks.add(hook);
            return this;
        }

        /** Hook classes by fully qualified name ({@code --hooks}). */
        public Builder hookClasses(List<String> classNames) {
            hookClasses.addAll(classNames);
            return this;
        }

        /**
         * A custom {@code ${name:...}} resolver for the configuration, besides those listed in
         * {@code META-INF/services/dev.sluice.config.ConfigResolver} (Kedro's {@code CUSTOM_RESOLVERS}).
         */
        public Builder resolver(ConfigResolver resolver) {
            resolvers.add(resolver);
            return this;
        }

        /** Versions to load for versioned datasets ({@code --load-versions dataset:version}). */
        public Builder loadVersions(Map<String, String> versions) {
            this.loadVersions = Map.copyOf(versions);
            return this;
        }

        /**
         * Where warnings go (default: a new collector, see {@link Project#warnings()}); give one with a
         * listener to see warnings as they arise.
         */
        public Builder warnings(Warnings warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** Uses {@code registry} instead of looking one up on the class path. */
        public Builder registry(PipelineRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * Reads the configuration, builds the catalog and collects pipelines and hooks.
         *
         * @throws ConfigurationException for anything wrong in the configuration or the class path
         */
        public Project open() {
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException("Project directory '" + dir + "' does not exist; pass the project's "
                        + "root with --project DIR, or create one with 'sluice new NAME'.");
            }
            List<Hook> allHooks = new ArrayList<>(Hooks.discover(classLoader));
            allHooks.addAll(hooks);
            for (String className : hookClasses) {
                allHooks.add(Hooks.instantiate(className, classLoader));
            }
            List<ConfigResolver> allResolvers = discoverResolvers();
            allResolvers.addAll(resolvers);
            ProjectConfig config = ProjectConfig.loader(confSource != null ? confSource : dir.resolve("conf"))
                    .env(env)
                    .runtimeParams(runtimeParams)
                    .resolvers(allResolvers)
                    .warnings(warnings)
                    .load();
            Hooks projectHooks = Hooks.of(allHooks);
            projectHooks.fire("afterContextCreated", h -> h.afterContextCreated(new ProjectContext(dir, config)));
            DataCatalog catalog = config.toCatalog(dir, DatasetTypes.discover(classLoader));
            pinLoadVersions(catalog);
            projectHooks.fire("afterCatalogCreated", h -> h.afterCatalogCreated(catalog));
            Map<String, Pipeline> pipelines = new TreeMap<>((registry != null ? registry : findRegistry()).pipelines());
            ProjectWarnings.add(pipelines, config, config.warnings());
            return new Project(dir, config, catalog, pipelines, List.copyOf(allHooks));
        }

        private void pinLoadVersions(DataCatalog catalog) {
            loadVersions.forEach((name, version) -> {
                CatalogEntry entry = catalog.entry(name)
                        .orElseThrow(() -> new ConfigurationException("--load-versions names dataset '" + name
                                + "', which is not in the catalog"
                                + Suggestions.didYouMean(List.of(name), catalog.names())
                                + "."));
                if (!(entry.dataset() instanceof Versioned versioned)) {
                    throw new ConfigurationException("--load-versions names dataset '" + name + "' (" + entry.source()
                            + "), which is not versioned; add 'versioned: true' to its catalog entry.");
                }
                catalog.put(new CatalogEntry(name, versioned.atLoadVersion(version), entry.tee(), entry.source()));
            });
        }

        private List<ConfigResolver> discoverResolvers() {
            List<ConfigResolver> found = new ArrayList<>();
            for (ConfigResolver resolver : ServiceLoader.load(ConfigResolver.class, classLoader)) {
                LOG.info(
                        "Loaded config resolver '{}' ({}) from {}",
                        resolver.name(),
                        resolver.getClass().getName(),
                        Hooks.origin(resolver.getClass()));
                found.add(resolver);
            }
            return found;
        }

        private PipelineRegistry findRegistry() {
            List<PipelineRegistry> found = new ArrayList<>();
            ServiceLoader.load(PipelineRegistry.class, classLoader).forEach(found::add);
            if (found.isEmpty()) {
                throw new ConfigurationException("No pipeline registry found on the class path of project '" + dir
                        + "'. Implement dev.sluice.project.PipelineRegistry and list the class in "
                        + "src/main/resources/META-INF/services/dev.sluice.project.PipelineRegistry.");
            }
            if (found.size() > 1) {
                List<String> names =
                        found.stream().map(r -> r.getClass().getName()).sorted().toList();
                throw new ConfigurationException(
                        "More than one pipeline registry on the class path: " + names + "; a project has exactly one.");
            }
            return found.get(0);
        }
    }
}
