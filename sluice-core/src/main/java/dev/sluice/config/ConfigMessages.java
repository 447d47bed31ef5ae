package dev.sluice.config;

import dev.sluice.pipeline.Suggestions;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration error message, in one place. Each names the file, line and column (or the
 * option) at fault and says how to fix it. None may quote a configuration value that could come from
 * a credentials file or an environment variable.
 */
final class ConfigMessages {
    private ConfigMessages() {}

    // YAML files

    static String malformedYaml(Position where, String problem) {
        return where + ": invalid YAML: " + problem + ". Fix the syntax at this line and column "
                + "(indent with spaces, not tabs; quote values that contain ': ', '{' or '#').";
    }

    static String unreadableYaml(String file, String problem) {
        return file + ": cannot be read as YAML: " + problem + ". Save the file as UTF-8 text.";
    }

    static String unreadableFile(String file, IOException e) {
        return file + ": cannot be read (" + e + "); check that it exists and is readable.";
    }

    static String topLevelNotMapping(ConfigNode top) {
        return top.position() + ": a configuration file must be a mapping of names to values at the top level, "
                + "but this file holds " + (top instanceof ConfigNode.Sequence ? "a list" : "a single value")
                + ". Write 'name: value' lines.";
    }

    static String recursiveAlias(Position where) {
        return where + ": this YAML alias refers to a node that contains it; break the loop in the anchors.";
    }

    static String complexKey(Position where) {
        return where + ": mapping keys must be plain text, not lists or mappings; quote the key.";
    }

    static String duplicateKey(String key, Position first, Position second) {
        return second + ": duplicate key '" + key + "' (first defined at line " + first.line()
                + "); remove one of them or rename it.";
    }

    static String unsupportedTag(Position where, String tag) {
        return where + ": YAML tag '" + tag + "' is not supported; remove the tag and write a plain value.";
    }

    static String badScalar(Position where, String tag) {
        return where + ": this value cannot be read as " + tag + "; correct it or quote it to make it text.";
    }

    // Directories and files

    static String confSourceMissing(String confSource) {
        return "Configuration directory '" + confSource + "' does not exist or is not a directory; create it with "
                + "a 'base' folder, or point --conf-source at your configuration.";
    }

    static String badEnvName(String env) {
        return "Environment name '" + env + "' is not a folder name; name a folder directly inside the conf "
                + "directory, such as 'local' or 'prod'.";
    }

    static String baseMissing(String baseDir) {
        return "Configuration environment 'base' is missing: create the directory '" + baseDir + "' (it may be "
                + "empty).";
    }

    static String envMissing(String env, String envDir, Collection<String> available) {
        return "Configuration environment '" + env + "' does not exist: there is no directory '" + envDir + "'"
                + Suggestions.didYouMean(List.of(env), available) + ". Available environments: " + available
                + "; create the directory or pass another --env.";
    }

    static String duplicateTopLevelKey(ConfigKind kind, String env, String key, Position first, Position second) {
        return "Top-level key '" + key + "' is defined twice among the " + kind.prefix() + " files of environment '"
                + env + "': at " + first + " and at " + second + ". Keys must be unique within one environment: "
                + "remove or rename one, or move the override to another environment (such as local).";
    }

    // Interpolation

    static String unterminatedInterpolation(Position where, String text) {
        return where + ": interpolation '" + text + "' has no closing '}'; close it, or write \\${ for a literal '${'.";
    }

    static String emptyInterpolation(Position where, String raw) {
        return where + ": empty interpolation '" + raw + "'; write ${key.path} or ${globals:key}.";
    }

    static String unknownResolver(
            Position where, String raw, String resolver, ConfigKind kind, Collection<String> custom) {
        Set<String> supported = new TreeSet<>(custom);
        if (kind.allowsGlobals()) {
            supported.add("globals");
        }
        if (kind.allowsRuntimeParams()) {
            supported.add("runtime_params");
        }
        if (kind.allowsEnvironmentVariables()) {
            supported.add("oc.env");
        }
        return where + ": unknown resolver '" + resolver + "' in " + raw
                + Suggestions.didYouMean(List.of(resolver), supported) + ". " + kind.prefix()
                + " files support " + (supported.isEmpty() ? "only ${key.path} references" : supported)
                + "; for a value from the same files write ${key.path}. Register custom resolvers in "
                + "META-INF/services/dev.sluice.config.ConfigResolver.";
    }

    static String resolverFailed(Position where, String raw, String resolver, String problem) {
        return where + ": " + raw + " cannot be resolved: resolver '" + resolver + "' failed: " + problem + ".";
    }

    static String resolverResult(Position where, String raw, String resolver, String type) {
        return where + ": " + raw + " cannot be resolved: resolver '" + resolver + "' returned a " + type
                + "; a resolver must return text, a number, a boolean, null, or a List or Map of those.";
    }

    static String badFlowArgument(Position where, String raw, String problem) {
        return where + ": resolver argument " + raw + " starts a list or mapping but is not one (" + problem
                + "); write [a, b] or {k: v}, or quote it to pass text.";
    }

    static String badResolverName(String name, String type) {
        return "Config resolver " + type + " is named '" + name + "'; a resolver name is a dotted identifier such as "
                + "'add' or 'my.upper'.";
    }

    static String builtInResolver(String name, String type) {
        return "Config resolver " + type + " is named '" + name + "', which is built in and cannot be replaced; "
                + "give it another name.";
    }

    static String duplicateResolver(String name, String first, String second) {
        return "Two config resolvers are named '" + name + "': " + first + " and " + second + "; keep one, or "
                + "rename one of them.";
    }

    static String globalsInGlobals(Position where, String raw) {
        return where + ": " + raw + " is used inside globals; within globals files refer to other globals as "
                + "${key.path}.";
    }

    static String underscoreGlobal(Position where, String raw, String key) {
        return where + ": " + raw + " refers to '" + key + "', but globals keys starting with '_' are private to "
                + "the globals files; rename the key without the leading '_'.";
    }

    static String missingGlobal(Position where, String raw, String key, Collection<String> known) {
        return where + ": " + raw + " cannot be resolved: globals have no key '" + key + "'"
                + Suggestions.didYouMean(List.of(key), known) + ". Define it in conf/<env>/globals.yml or give a "
                + "default: ${globals:" + key + ",<default>}.";
    }

    static String runtimeParamsNotAllowed(Position where, String raw, ConfigKind kind) {
        return where + ": " + raw + " is not allowed in " + kind.prefix()
                + " files; runtime parameters can be used in catalog, parameters and credentials files.";
    }

    static String missingRuntimeParam(Position where, String raw, String key) {
        return where + ": " + raw + " cannot be resolved: runtime parameter '" + key + "' was not given. Pass it "
                + "with --params " + key + "=<value>, or give a default: ${runtime_params:" + key + ",<default>}.";
    }

    static String environmentNotAllowed(Position where, String raw, ConfigKind kind) {
        return where + ": " + raw + " reads an environment variable, which is only allowed in credentials files "
                + "(values of " + kind.prefix() + " files are printed and logged, so they must not hold secrets). "
                + "Put the value in conf/<env>/credentials.yml and refer to it with 'credentials: <name>', or pass "
                + "a non-secret value with --params and ${runtime_params:<key>}. To let every file read environment "
                + "variables, register dev.sluice.config.EnvironmentVariableResolver as a config resolver (Kedro: "
                + "oc.env in CUSTOM_RESOLVERS).";
    }

    static String missingEnvironmentVariable(Position where, String raw, String variable) {
        return where + ": " + raw + " cannot be resolved: environment variable '" + variable + "' is not set. Set "
                + "it, or give a default: ${oc.env:" + variable + ",<default>}.";
    }

    static String badArguments(Position where, String raw) {
        return where + ": " + raw + " needs a key and at most one default, as in ${globals:key} or "
                + "${globals:key,default}.";
    }

    static String relativeReference(Position where, String raw) {
        return where + ": relative reference " + raw + " is not supported; write the full path from the top of "
                + "the file, as in ${entry.key}.";
    }

    static String unresolvedReference(Position where, String raw, ConfigKind kind, String env) {
        return where + ": " + raw + " cannot be resolved: no such key in the " + kind.prefix()
                + " files of environment '" + env + "'. References reach keys of the same kind of file in the same "
                + "environment; define the key (names starting with '_' are fine for templates), or use "
                + "${globals:...} for values shared across files.";
    }

    static String templatedGlobal(String raw, String path, ConfigKind kind) {
        return raw + " is not a key of the " + kind.prefix() + " files, so it was read from the globals, as Kedro"
                + " 0.18's TemplatedConfigLoader did; write ${globals:" + path + "}, which Kedro 0.19 and later"
                + " and Sluice read.";
    }

    static String unresolvedCredentials(String name, String problem) {
        return "Credentials '" + name + "' cannot be resolved, so they are left out: " + problem
                + " Catalog entries that use them are unavailable.";
    }

    static String credentialsUnresolvable(String entry, String at, String name, String problem) {
        return at + ": catalog entry '" + entry + "' uses credentials '" + name + "', which cannot be resolved: "
                + problem;
    }

    static String interpolationCycle(Position where, List<String> cycle) {
        return where + ": interpolation cycle " + String.join(" -> ", cycle)
                + "; a value cannot depend on itself, so break the loop.";
    }

    static String notInsertable(Position where, String raw, String what) {
        return where + ": " + raw + " resolves to " + what + ", which cannot be inserted into text; make the "
                + "interpolation the whole value, or refer to a single value inside it.";
    }

    // Runtime parameters

    static String paramWithoutValue(String item) {
        return "Invalid value for option '--params': '" + item + "' has no value; write key=value (or key:value),"
                + " items separated by commas.";
    }

    static String parameterDoesNotFit(
            Position where, String key, List<String> nodes, String type, Optional<String> component, String problem) {
        String readers = nodes.size() == 1
                ? "node '" + nodes.get(0) + "' takes"
                : "nodes '" + String.join("', '", nodes) + "' take";
        return where + ": parameter '" + key + "' does not fit " + type + ", the type " + readers + " it as"
                + component.map(c -> " (component " + c + ")").orElse("") + ": " + problem
                + ". Fix the value, or the type the node declares.";
    }

    static String paramBadFlow(String item, String problem) {
        return "--params item '" + item + "' has a value that starts a list or mapping but is not one (" + problem
                + "); write lists as key=[a,b] and mappings as key={k: v}, or quote the value to make it text.";
    }

    static String paramWithoutKey(String item) {
        return "Invalid value for option '--params': '" + item + "' has no key; write key=value.";
    }

    static String paramBadKey(String key) {
        return "Invalid value for option '--params': key '" + key + "' has an empty part; write dotted keys as"
                + " a.b.c.";
    }

    static String paramConflict(String key, String clash) {
        return "Invalid value for option '--params': key '" + key + "' conflicts with '" + clash + "', which is"
                + " given as both a value and a group of keys; pass one or the other.";
    }

    // Catalog and credentials

    static String entryNotMapping(String name, Position where, String found) {
        return where + ": catalog entry '" + name + "' must be a mapping of settings with a 'type', but is " + found
                + ". If this key is a template for interpolation, start its name with '_'.";
    }

    static String missingType(String name, Position where) {
        return where + ": catalog entry '" + name + "' has no 'type'; add one, such as 'type: csv'.";
    }

    static String typeNotText(String name, Position where) {
        return where + ": catalog entry '" + name + "' has a 'type' that is not a name; write a type name such as "
                + "'csv'.";
    }

    static String flagNotBoolean(String name, String flag, Position where, String found) {
        return where + ": catalog entry '" + name + "' has '" + flag + ": " + found + "'; write '" + flag
                + ": true' or '" + flag + ": false'.";
    }

    static String layerAtTopLevel(String name) {
        return "dataset '" + name + "' sets 'layer', Kedro 0.18's kedro-viz layer, which Sluice does not use; move it"
                + " under metadata (metadata: {kedro-viz: {layer: ...}}) or remove it to silence this warning.";
    }

    static String versionedWithoutFilepath(String name, String source) {
        return source + ": catalog entry '" + name + "' has 'versioned: true' but no 'filepath' (nor a nested "
                + "'dataset' with one); versioning needs the path under which versions are stored.";
    }

    static String reservedName(String name, Position where) {
        return where + ": catalog entry '" + name + "' uses a name reserved for parameters ('parameters' and "
                + "'params:...' come from parameters files); rename the entry.";
    }

    static String credentialsWrongShape(String name, Position where) {
        return where + ": catalog entry '" + name + "' has 'credentials' that is neither a name nor a mapping; "
                + "write 'credentials: <name>' with a name from credentials.yml.";
    }

    static String unknownCredentials(String name, String where, String reference, Collection<String> known) {
        return where + ": catalog entry '" + name + "' refers to credentials '" + reference + "', which are not "
                + "defined" + Suggestions.didYouMean(List.of(reference), known) + ". Known credentials: "
                + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known)))
                + ". Define them in conf/local/credentials.yml (kept out of version control).";
    }

    static String credentialsNotMapping(String reference, Position where) {
        return where + ": credentials '" + reference + "' must be a mapping of settings (such as 'key:' and "
                + "'secret:'); change it to a mapping.";
    }

    static String misspelledCatalogKey(String where, String name, String type, String key, String meant) {
        return where + ": dataset '" + name + "' (type " + type + ") has an unknown setting '" + key
                + "' (did you mean '" + meant + "'?); the keys every entry may have are "
                + String.join(", ", new TreeSet<>(dev.sluice.io.DatasetSchema.CATALOG_KEYS)) + ".";
    }

    /**
     * The warning for {@code entries} entries that cannot be built for one problem, whose message starts
     * with its source.
     */
    static dev.sluice.Warning unavailable(String problem, int entries) {
        int colon = problem.indexOf(": ");
        String source = colon > 0 && !problem.substring(0, colon).contains(" ") ? problem.substring(0, colon) : "";
        String text = source.isEmpty() ? problem : problem.substring(colon + 2);
        boolean one = entries == 1;
        return new dev.sluice.Warning(
                source,
                text + (text.endsWith(".") ? "" : ".") + " Until this is fixed the entr" + (one ? "y is" : "ies are")
                        + " unavailable: a run that uses " + (one ? "it" : "them")
                        + " fails before any node runs; other runs go on.");
    }

    static String invalidPattern(Position where, String problem) {
        return where + ": " + problem;
    }

    static String unknownPlaceholders(String pattern, Position where, Collection<String> unknown) {
        return where + ": dataset factory '" + pattern + "' uses placeholder(s) "
                + unknown.stream().map(p -> "{" + p + "}").toList()
                + " that its pattern does not define; use only placeholders that appear in the pattern.";
    }

    static String multipleCatchAll(List<String> patterns) {
        return "More than one catch-all dataset factory: " + String.join(", ", patterns)
                + ". Only one pattern without literal characters (such as \"{default}\") is allowed; remove the "
                + "others.";
    }

    static String invalidParameters(List<String> problems) {
        return problems.size() + " parameters do not fit the types their nodes take:\n  - "
                + String.join("\n  - ", problems);
    }

    static String invalidEntries(List<String> problems) {
        return problems.size() + " catalog entries are invalid:\n  - " + String.join("\n  - ", problems);
    }
}
