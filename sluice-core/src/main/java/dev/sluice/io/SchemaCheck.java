package dev.sluice.io;

import dev.sluice.ConfigurationException;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSchema.Scope;
import dev.sluice.io.DatasetSchema.Support;
import dev.sluice.pipeline.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one catalog entry against its type's {@link DatasetSchema}: every key known, required ones
 * present, options with no effect warned about once. All problems of the entry are reported together,
 * each at the line of its key.
 */
final class SchemaCheck {
    private SchemaCheck() {}

    static void check(DatasetSchema schema, DatasetSpec spec) {
        if (!schema.isDeclared()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        List<String> noEffect = new ArrayList<>();
        Set<String> entryKeys = entryKeys(schema);
        for (String key : spec.config().keySet()) {
            Scope scope = scopeOf(key);
            if (scope != Scope.ENTRY && entryKeys.contains(key)) {
                checkArgs(schema, spec, scope, problems, noEffect);
            } else if (scope != Scope.ENTRY) {
                problems.add(
                        new Problem(spec.sourceOf(key), "takes no " + key + " (its type declares none); remove it"));
            } else if (!entryKeys.contains(key)) {
                problems.add(new Problem(
                        spec.sourceOf(key),
                        "has an unknown setting '" + key + "'"
                                + hint(key, schema, Scope.ENTRY, union(entryKeys, DatasetSchema.CATALOG_KEYS))));
            } else {
                schema.option(Scope.ENTRY, key)
                        .filter(o -> o.support() == Support.NO_EFFECT)
                        .ifPresent(o -> noEffect.add(describe(o)));
            }
        }
        for (Option option : schema.options(Scope.ENTRY)) {
            if (option.required() && spec.config().get(option.name()) == null) {
                problems.add(new Problem(
                        spec.source(),
                        "needs a '" + option.name() + "' setting (" + option.valueKind() + "): "
                                + option.description()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(message(spec, problems));
        }
        if (!noEffect.isEmpty()) {
            spec.warn("sets " + String.join("; ", noEffect)
                    + (noEffect.size() == 1 ? ". It has" : ". They have")
                    + " no effect in Sluice; remove " + (noEffect.size() == 1 ? "it" : "them")
                    + " to silence this warning");
        }
    }

    private static void checkArgs(
            DatasetSchema schema, DatasetSpec spec, Scope scope, List<Problem> problems, List<String> noEffect) {
        Map<?, ?> args = spec.map(scope.key());
        Set<String> known = new TreeSet<>();
        schema.options(scope).forEach(o -> known.add(o.name()));
        for (Object rawKey : args.keySet()) {
            // YAML keys can be numbers; options never are, so compare as text.
            String key = String.valueOf(rawKey);
            Option option = schema.option(scope, key).orElse(null);
            if (option == null && schema.passesOn(scope).isPresent()) {
                Suggestions.closest(key, known)
                        .ifPresent(match -> spec.warn("passes " + scope.key() + " key '" + key + "' ("
                                + spec.sourceOf(scope.key(), key) + ") on to "
                                + schema.passesOn(scope).get()
                                + " unchecked, but it looks like a misspelt '" + match + "'; fix it if that was"
                                + " meant"));
            } else if (option == null) {
                problems.add(new Problem(
                        spec.sourceOf(scope.key(), key),
                        "has an unknown " + scope.key() + " key '" + key + "'" + hint(key, schema, scope, known)));
            } else if (option.support() == Support.NO_EFFECT) {
                noEffect.add(describe(option));
            }
        }
    }

    private static String describe(Option option) {
        return option.path() + " (" + option.description() + ")";
    }

    /** "(did you mean 'x'?)", or where the key belongs when it is another scope's option, plus what is known. */
    private static String hint(String key, DatasetSchema schema, Scope scope, Set<String> known) {
        StringBuilder hint = new StringBuilder();
        List<String> elsewhere = new ArrayList<>();
        for (Scope other : Scope.values()) {
            if (other != scope && schema.option(other, key).isPresent()) {
                elsewhere.add(other == Scope.ENTRY ? "directly under the entry" : "under " + other.key());
            }
        }
        if (!elsewhere.isEmpty()) {
            hint.append(" (it belongs ").append(String.join(" or ", elsewhere)).append(")");
        } else {
            Suggestions.closest(key, known)
                    .ifPresent(match ->
                            hint.append(" (did you mean '").append(match).append("'?)"));
        }
        List<String> own = new ArrayList<>();
        schema.options(scope).forEach(o -> own.add(o.name()));
        if (scope == Scope.ENTRY) {
            for (Scope args : List.of(Scope.LOAD_ARGS, Scope.SAVE_ARGS)) {
                if (!schema.options(args).isEmpty()) {
                    own.add(args.key());
                }
            }
        }
        hint.append("; ")
                .append(scope == Scope.ENTRY ? "its settings are " : "its " + scope.key() + " are ")
                .append(own.isEmpty() ? "none" : String.join(", ", own));
        return hint.toString();
    }

    private static String message(DatasetSpec spec, List<Problem> problems) {
        String head = "dataset '" + spec.name() + "' (type " + spec.type() + ")";
        String fix = "See 'sluice catalog types " + spec.type() + "' for every option of this type.";
        if (problems.size() == 1) {
            Problem problem = problems.get(0);
            return problem.source() + ": " + head + " " + problem.text() + ". " + fix;
        }
        StringBuilder message = new StringBuilder(spec.source())
                .append(": ")
                .append(head)
                .append(" has ")
                .append(problems.size())
                .append(" problems:");
        problems.forEach(problem ->
                message.append("\n  - ").append(problem.source()).append(": ").append(problem.text()));
        return message.append("\n").append(fix).toString();
    }

    /** One problem of an entry: where it is written and what is wrong, completing "dataset 'x' (type t) ...". */
    private record Problem(String source, String text) {}

    private static Set<String> entryKeys(DatasetSchema schema) {
        Set<String> keys = new TreeSet<>();
        schema.options(Scope.ENTRY).forEach(o -> keys.add(o.name()));
        for (Scope scope : List.of(Scope.LOAD_ARGS, Scope.SAVE_ARGS)) {
            if (!schema.options(scope).isEmpty() || schema.passesOn(scope).isPresent()) {
                keys.add(scope.key());
            }
        }
        return keys;
    }

    private static Scope scopeOf(String key) {
        for (Scope scope : List.of(Scope.LOAD_ARGS, Scope.SAVE_ARGS)) {
            if (scope.key().equals(key)) {
                return scope;
            }
        }
        return Scope.ENTRY;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
