package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves OmegaConf-style {@code ${...}} interpolations in the configuration of one kind and one
 * environment.
 *
 * <p>Supported: {@code ${a.b}} references into the same kind's files of the same environment (as in
 * Kedro, where each environment is resolved before environments are merged), {@code
 * ${globals:key[,default]}}, {@code ${runtime_params:key[,default]}} and {@code
 * ${oc.env:VAR[,default]}} (credentials only, unless a custom {@code oc.env} resolver is registered)
 * and custom {@link ConfigResolver}s. A bare {@code ${key}} that the scope lacks (or that refers to
 * itself) but the globals define is read from the globals with a warning, as Kedro 0.18's
 * TemplatedConfigLoader read every {@code ${...}} from {@code globals.yml}. A value that is exactly one interpolation keeps the type of what
 * it resolves to; interpolations inside a longer string are inserted as text. {@code
 * \${} writes a literal {@code ${}. Not thread-safe; one instance resolves one scope.
 */
final class Interpolator {
    private static final Pattern RESOLVER =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*:(.*)", Pattern.DOTALL);

    static final String GLOBALS = "globals";
    static final String RUNTIME_PARAMS = "runtime_params";
    static final String ENVIRONMENT = "oc.env";

    /** Resolver names: dotted identifiers. */
    static final Pattern RESOLVER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** What an interpolation may refer to besides its own scope. */
    record Sources(
            ConfigNode.Mapping globals,
            ConfigNode.Mapping runtimeParams,
            Function<String, String> environment,
            Map<String, ConfigResolver> resolvers,
            Warnings warnings) {}

    private final ConfigKind kind;
    private final String env;
    private final ConfigNode.Mapping scope;
    private final Sources sources;
    private final Map<ConfigNode, ConfigNode> resolved = new IdentityHashMap<>();
    private final Set<ConfigNode> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<String> chain = new ArrayDeque<>();

    private Interpolator(ConfigKind kind, String env, ConfigNode.Mapping scope, Sources sources) {
        this.kind = kind;
        this.env = env;
        this.scope = scope;
        this.sources = sources;
    }

    /** {@code scope} with every interpolation resolved; {@code env} names the environment in messages. */
    static ConfigNode.Mapping resolve(ConfigKind kind, String env, ConfigNode.Mapping scope, Sources sources) {
        return (ConfigNode.Mapping) new Interpolator(kind, env, scope, sources).resolve(scope);
    }

    /**
     * {@code scope} with every interpolation resolved, top-level key by key: a key whose value cannot be
     * resolved is left out and handed to {@code failed} with the error, and the others are kept.
     */
    static ConfigNode.Mapping resolveEach(
            ConfigKind kind,
            String env,
            ConfigNode.Mapping scope,
            Sources sources,
            BiConsumer<String, ConfigurationException> failed) {
        Interpolator interpolator = new Interpolator(kind, env, scope, sources);
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
        scope.members().forEach((key, member) -> {
            try {
                members.put(key, new ConfigNode.Member(member.keyPosition(), interpolator.resolve(member.value())));
            } catch (ConfigurationException e) {
                failed.accept(key, e);
            }
        });
        return new ConfigNode.Mapping(members, scope.position());
    }

    private ConfigNode resolve(ConfigNode node) {
        ConfigNode done = resolved.get(node);
        if (done != null) {
            return done;
        }
        inProgress.add(node);
        try {
            ConfigNode result;
            if (node instanceof ConfigNode.Mapping mapping) {
                Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
                mapping.members()
                        .forEach((key, member) ->
                                members.put(key, new ConfigNode.Member(member.keyPosition(), resolve(member.value()))));
                result = new ConfigNode.Mapping(members, mapping.position());
            } else if (node instanceof ConfigNode.Sequence sequence) {
                List<ConfigNode> items = new ArrayList<>();
                for (ConfigNode item : sequence.items()) {
                    items.add(resolve(item));
                }
                result = new ConfigNode.Sequence(items, sequence.position());
            } else {
                ConfigNode.Scalar scalar = (ConfigNode.Scalar) node;
                result = scalar.value() instanceof String text && text.contains("${")
                        ? interpolate(text, scalar.position())
                        : scalar;
            }
            resolved.put(node, result);
            return result;
        } finally {
            inProgress.remove(node);
        }
    }

    private ConfigNode interpolate(String text, Position at) {
        List<Object> pieces = split(text, at);
        if (pieces.size() == 1 && pieces.get(0) instanceof Expression whole) {
            ConfigNode value = evaluate(whole, at);
            return value instanceof ConfigNode.Scalar scalar ? new ConfigNode.Scalar(scalar.value(), at) : value;
        }
        StringBuilder out = new StringBuilder();
        for (Object piece : pieces) {
            if (piece instanceof Expression expression) {
                ConfigNode value = evaluate(expression, at);
                if (!(value instanceof ConfigNode.Scalar scalar)) {
                    throw error(ConfigMessages.notInsertable(at, expression.raw(), value.describe()));
                }
                out.append(scalar.value());
            } else {
                out.append((String) piece);
            }
        }
        return new ConfigNode.Scalar(out.toString(), at);
    }

    /** One {@code ${...}}: its content and the text as written, for messages. */
    private record Expression(String body, String raw) {}

    private List<Object> split(String text, Position at) {
        List<Object> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    throw error(ConfigMessages.unterminatedInterpolation(at, text.substring(i)));
                }
                if (literal.length() > 0) {
                    pieces.add(literal.toString());
                    literal.setLength(0);
                }
                pieces.add(new Expression(text.substring(i + 2, end).strip(), text.substring(i, end + 1)));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            pieces.add(literal.toString());
        }
        return pieces;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private ConfigNode evaluate(Expression expression, Position at) {
        if (expression.body().isEmpty()) {
            throw error(ConfigMessages.emptyInterpolation(at, expression.raw()));
        }
        Matcher resolver = RESOLVER.matcher(expression.body());
        if (!resolver.matches()) {
            return reference(expression, at);
        }
        String name = resolver.group(1);
        List<String> args = splitArguments(resolver.group(2));
        switch (name) {
            case GLOBALS:
                return globals(expression, args, at);
            case RUNTIME_PARAMS:
                return runtimeParam(expression, args, at);
            default:
                ConfigResolver custom = sources.resolvers().get(name);
                if (custom != null) {
                    return custom(custom, expression, args, at);
                }
                if (name.equals(ENVIRONMENT)) {
                    return environmentVariable(expression, args, at);
                }
                throw error(ConfigMessages.unknownResolver(
                        at, expression.raw(), name, kind, sources.resolvers().keySet()));
        }
    }

    private ConfigNode custom(ConfigResolver resolver, Expression expression, List<String> args, Position at) {
        List<Object> values = new ArrayList<>();
        if (!(args.size() == 1 && args.get(0).isEmpty())) {
            for (String arg : args) {
                values.add(argument(arg, at).toPlain());
            }
        }
        Object result;
        try {
            result = resolver.resolve(Collections.unmodifiableList(values));
        } catch (Exception e) {
            throw new ConfigurationException(
                    ConfigMessages.resolverFailed(
                            at, expression.raw(), resolver.name(), String.valueOf(e.getMessage())),
                    e);
        }
        try {
            return ConfigNode.fromPlain(result, at);
        } catch (IllegalArgumentException e) {
            throw error(ConfigMessages.resolverResult(at, expression.raw(), resolver.name(), e.getMessage()));
        }
    }

    private ConfigNode globals(Expression expression, List<String> args, Position at) {
        if (!kind.allowsGlobals()) {
            throw error(ConfigMessages.globalsInGlobals(at, expression.raw()));
        }
        String key = keyArgument(expression, args, at);
        if (key.startsWith("_")) {
            throw error(ConfigMessages.underscoreGlobal(at, expression.raw(), key));
        }
        Optional<ConfigNode> found = select(sources.globals(), key);
        if (found.isPresent()) {
            return found.get();
        }
        return defaultArgument(args, at)
                .orElseThrow(() -> error(ConfigMessages.missingGlobal(
                        at, expression.raw(), key, sources.globals().members().keySet())));
    }

    private ConfigNode runtimeParam(Expression expression, List<String> args, Position at) {
        if (!kind.allowsRuntimeParams()) {
            throw error(ConfigMessages.runtimeParamsNotAllowed(at, expression.raw(), kind));
        }
        String key = keyArgument(expression, args, at);
        Optional<ConfigNode> found = select(sources.runtimeParams(), key);
        if (found.isPresent()) {
            return found.get();
        }
        return defaultArgument(args, at)
                .orElseThrow(() -> error(ConfigMessages.missingRuntimeParam(at, expression.raw(), key)));
    }

    private ConfigNode environmentVariable(Expression expression, List<String> args, Position at) {
        if (!kind.allowsEnvironmentVariables()) {
            throw error(ConfigMessages.environmentNotAllowed(at, expression.raw(), kind));
        }
        String variable = keyArgument(expression, args, at);
        String value = sources.environment().apply(variable);
        if (value != null) {
            return new ConfigNode.Scalar(value, at);
        }
        ConfigNode fallback = defaultArgument(args, at)
                .orElseThrow(() -> error(ConfigMessages.missingEnvironmentVariable(at, expression.raw(), variable)));
        // Environment variables are text, and so is their default, unless it is null.
        Object text = fallback instanceof ConfigNode.Scalar scalar && scalar.value() != null
                ? String.valueOf(scalar.value())
                : fallback.toPlain();
        return new ConfigNode.Scalar(text, at);
    }

    private String keyArgument(Expression expression, List<String> args, Position at) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).isEmpty()) {
            throw error(ConfigMessages.badArguments(at, expression.raw()));
        }
        ConfigNode key = argument(args.get(0), at);
        if (!(key instanceof ConfigNode.Scalar scalar) || scalar.value() == null) {
            throw error(ConfigMessages.badArguments(at, expression.raw()));
        }
        return String.valueOf(scalar.value());
    }

    private Optional<ConfigNode> defaultArgument(List<String> args, Position at) {
        return args.size() == 2 ? Optional.of(argument(args.get(1), at)) : Optional.empty();
    }

    /** A resolver argument: quoted text, an interpolation, or a plain YAML scalar (typed). */
    private ConfigNode argument(String raw, Position at) {
        if (raw.length() >= 2
                && (raw.charAt(0) == '\'' || raw.charAt(0) == '"')
                && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            String inner = raw.substring(1, raw.length() - 1);
            return inner.contains("${") ? interpolate(inner, at) : new ConfigNode.Scalar(inner, at);
        }
        if (raw.contains("${")) {
            return interpolate(raw, at);
        }
        if (raw.startsWith("[") || raw.startsWith("{")) {
            try {
                return ConfigNode.fromPlain(RuntimeParams.flow(raw), at);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigMessages.badFlowArgument(at, raw, e.getMessage()), e);
            }
        }
        if (raw.isEmpty()) {
            return new ConfigNode.Scalar("", at);
        }
        return new ConfigNode.Scalar(YamlReader.typedScalar(raw), at);
    }

    private static List<String> splitArguments(String text) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        args.add(text.substring(start).strip());
        return args;
    }

    private ConfigNode reference(Expression expression, Position at) {
        String path = expression.body();
        if (path.startsWith(".")) {
            throw error(ConfigMessages.relativeReference(at, expression.raw()));
        }
        Optional<ConfigNode> found = select(scope, path);
        if (found.isEmpty() || inProgress.contains(found.get())) {
            Optional<ConfigNode> global = kind.allowsGlobals() ? select(sources.globals(), path) : Optional.empty();
            if (global.isPresent()) {
                sources.warnings().add(at.toString(), ConfigMessages.templatedGlobal(expression.raw(), path, kind));
                return global.get();
            }
        }
        ConfigNode target =
                found.orElseThrow(() -> error(ConfigMessages.unresolvedReference(at, expression.raw(), kind, env)));
        if (inProgress.contains(target)) {
            List<String> cycle = new ArrayList<>(chain);
            Collections.reverse(cycle);
            cycle.add(expression.raw());
            throw error(ConfigMessages.interpolationCycle(at, cycle));
        }
        chain.push(expression.raw());
        try {
            return resolve(target);
        } finally {
            chain.pop();
        }
    }

    /**
     * The node at dotted {@code path} ({@code a.b}, {@code a.0} or {@code a[0]} for list items). Keys
     * that contain dots themselves, such as namespaced catalog names, are found too.
     */
    static Optional<ConfigNode> select(ConfigNode root, String path) {
        String normalized = path.replace("[", ".").replace("]", "");
        String[] segments = normalized.split("\\.", -1);
        return select(root, segments, 0);
    }

    private static Optional<ConfigNode> select(ConfigNode node, String[] segments, int from) {
        if (from == segments.length) {
            return Optional.of(node);
        }
        if (node instanceof ConfigNode.Mapping mapping) {
            StringBuilder key = new StringBuilder();
            for (int to = from; to < segments.length; to++) {
                if (to > from) {
                    key.append('.');
                }
                key.append(segments[to]);
                Optional<ConfigNode> child = mapping.get(key.toString());
                if (child.isPresent()) {
                    Optional<ConfigNode> found = select(child.get(), segments, to + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        if (node instanceof ConfigNode.Sequence sequence) {
            try {
                int index = Integer.parseInt(segments[from]);
                if (index >= 0 && index < sequence.items().size()) {
                    return select(sequence.items().get(index), segments, from + 1);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ConfigurationException error(String message) {
        return new ConfigurationException(message);
    }
}
