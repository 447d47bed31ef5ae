package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one kind of configuration across environments, following Kedro's OmegaConfigLoader: {@code
 * base} first, then the run environment. Within one environment a top-level key may be defined only
 * once; each environment's interpolations are resolved on their own; keys starting with '_' are then
 * dropped; and the run environment replaces whole top-level keys of {@code base}. Parameters get the
 * runtime parameters merged in, key by key.
 */
final class ConfigLoading {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoading.class);

    private final Path confSource;
    private final String env;
    private final String displayRoot;
    private final ConfigNode.Mapping runtimeParams;
    private final Function<String, String> environment;
    private final Map<String, ConfigResolver> resolvers;
    private final Warnings warnings;
    private final Map<String, ConfigurationException> unresolvedCredentials = new LinkedHashMap<>();

    ConfigLoading(
            Path confSource,
            String env,
            ConfigNode.Mapping runtimeParams,
            Function<String, String> environment,
            Map<String, ConfigResolver> resolvers,
            Warnings warnings) {
        this.confSource = confSource;
        this.warnings = warnings;
        this.env = env;
        this.runtimeParams = runtimeParams;
        this.environment = environment;
        this.resolvers = Map.copyOf(resolvers);
        Path name = confSource.getFileName();
        this.displayRoot = name == null ? ConfigFiles.slashed(confSource) : name.toString();
        checkDirectories();
    }

    private void checkDirectories() {
        Path envPath = Path.of(env);
        if (envPath.getNameCount() != 1 || envPath.isAbsolute() || env.equals("..") || env.equals(".")) {
            throw new ConfigurationException(ConfigMessages.badEnvName(env));
        }
        if (!Files.isDirectory(confSource)) {
            throw new ConfigurationException(ConfigMessages.confSourceMissing(confSource.toString()));
        }
        if (!Files.isDirectory(confSource.resolve(ProjectConfig.BASE_ENV))) {
            throw new ConfigurationException(ConfigMessages.baseMissing(displayRoot + "/" + ProjectConfig.BASE_ENV));
        }
        if (!env.equals(ProjectConfig.DEFAULT_ENV) && !Files.isDirectory(confSource.resolve(env))) {
            throw new ConfigurationException(
                    ConfigMessages.envMissing(env, displayRoot + "/" + env, availableEnvironments()));
        }
    }

    private List<String> availableEnvironments() {
        try (Stream<Path> children = Files.list(confSource)) {
            return children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The merged, resolved configuration of {@code kind}; {@code globals} feeds {@code ${globals:...}}. */
    ConfigNode.Mapping load(ConfigKind kind, ConfigNode.Mapping globals) {
        Interpolator.Sources sources =
                new Interpolator.Sources(globals, runtimeParams, environment, resolvers, warnings);
        Map<String, ConfigurationException> baseFailures = new LinkedHashMap<>();
        Map<String, ConfigurationException> envFailures = new LinkedHashMap<>();
        Optional<ConfigNode.Mapping> base = loadEnvironment(kind, ProjectConfig.BASE_ENV, sources, baseFailures);
        Optional<ConfigNode.Mapping> overrides = env.equals(ProjectConfig.BASE_ENV)
                ? Optional.empty()
                : loadEnvironment(kind, env, sources, envFailures);
        Map<String, ConfigNode.Member> merged = new LinkedHashMap<>();
        base.ifPresent(mapping -> merged.putAll(mapping.members()));
        // The run environment replaces whole keys, unresolvable ones included.
        overrides.ifPresent(
                mapping -> baseFailures.keySet().removeAll(mapping.members().keySet()));
        merged.keySet().removeAll(envFailures.keySet());
        if (kind == ConfigKind.CREDENTIALS) {
            unresolvedCredentials.clear();
            unresolvedCredentials.putAll(baseFailures);
            unresolvedCredentials.putAll(envFailures);
            unresolvedCredentials.forEach((name, e) ->
                    warnings.add("credentials", ConfigMessages.unresolvedCredentials(name, e.getMessage())));
        }
        overrides.ifPresent(mapping -> {
            TreeSet<String> replaced = new TreeSet<>(mapping.members().keySet());
            replaced.retainAll(merged.keySet());
            if (!replaced.isEmpty()) {
                LOG.debug("Environment '{}' replaces {} keys {} from base", env, kind.prefix(), replaced);
            }
            merged.putAll(mapping.members());
        });
        ConfigNode.Mapping result = new ConfigNode.Mapping(merged, Position.from(displayRoot));
        if (kind == ConfigKind.PARAMETERS) {
            result = deepMerge(result, runtimeParams);
        }
        return result;
    }

    /**
     * The credentials whose values could not be resolved (an unset environment variable, say), each with
     * why; they are left out of the credentials, so only what uses them fails. Filled by {@link #load}.
     */
    Map<String, ConfigurationException> unresolvedCredentials() {
        return Map.copyOf(unresolvedCredentials);
    }

    private Optional<ConfigNode.Mapping> loadEnvironment(
            ConfigKind kind,
            String envName,
            Interpolator.Sources sources,
            Map<String, ConfigurationException> failures) {
        Path envDir = confSource.resolve(envName);
        if (!Files.isDirectory(envDir)) {
            return Optional.empty();
        }
        List<Path> files = ConfigFiles.find(envDir, kind);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
        for (Path file : files) {
            String display = displayRoot + "/" + envName + "/" + ConfigFiles.slashed(envDir.relativize(file));
            LOG.debug("Reading {} configuration from {}", kind.prefix(), display);
            ConfigNode.Mapping document = YamlReader.read(file, display);
            document.members().forEach((key, member) -> {
                ConfigNode.Member previous = members.get(key);
                if (previous != null && !isPrivate(key)) {
                    throw new ConfigurationException(ConfigMessages.duplicateTopLevelKey(
                            kind, envName, key, previous.keyPosition(), member.keyPosition()));
                }
                members.put(key, member);
            });
        }
        ConfigNode.Mapping scope = new ConfigNode.Mapping(members, Position.from(displayRoot + "/" + envName));
        if (kind == ConfigKind.PARAMETERS) {
            // As in Kedro, runtime parameters join each environment's parameters before interpolation,
            // so ${key} references see the overridden values.
            scope = deepMerge(scope, runtimeParams);
        }
        // Kedro resolves credentials whole and fails on the first unset variable; Sluice keeps the others,
        // so a run that needs none of the broken credentials still runs (entries are built when needed).
        ConfigNode.Mapping resolved = kind == ConfigKind.CREDENTIALS
                ? Interpolator.resolveEach(kind, envName, scope, sources, failures::put)
                : Interpolator.resolve(kind, envName, scope, sources);
        Map<String, ConfigNode.Member> visible = new LinkedHashMap<>(resolved.members());
        visible.keySet().removeIf(ConfigLoading::isPrivate);
        return Optional.of(new ConfigNode.Mapping(visible, resolved.position()));
    }

    /** Keys starting with '_' hold templates and anchors: usable in interpolation, never loaded. */
    static boolean isPrivate(String key) {
        return key.startsWith("_");
    }

    /** {@code base} with {@code overrides} merged in: mappings merge key by key, anything else is replaced. */
    static ConfigNode.Mapping deepMerge(ConfigNode.Mapping base, ConfigNode.Mapping overrides) {
        if (overrides.members().isEmpty()) {
            return base;
        }
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>(base.members());
        overrides.members().forEach((key, override) -> {
            ConfigNode.Member existing = members.get(key);
            if (existing != null
                    && existing.value() instanceof ConfigNode.Mapping existingMap
                    && override.value() instanceof ConfigNode.Mapping overrideMap) {
                members.put(key, new ConfigNode.Member(existing.keyPosition(), deepMerge(existingMap, overrideMap)));
            } else {
                members.put(key, override);
            }
        });
        return new ConfigNode.Mapping(members, base.position());
    }
}
