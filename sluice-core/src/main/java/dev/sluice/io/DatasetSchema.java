package dev.sluice.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog entries of one {@link DatasetType} may say, and what its datasets hold: the
 * declaration the catalog checks every entry against before any node runs, and from which {@code
 * sluice catalog types} and the guide's type reference are written.
 *
 * <p>An entry may use the declared {@link Scope#ENTRY entry settings}, a {@code load_args} or {@code
 * save_args} mapping when the type declares options for it, and the keys the catalog itself handles
 * ({@code type}, {@code credentials}, {@code tee}, {@code versioned}, {@code metadata}). Any other key
 * is a configuration error that names the file, line, entry and the closest known key. Options marked
 * {@link Support#NO_EFFECT} are accepted with one warning per entry: they exist so that a Kedro
 * catalog opens unchanged, but steer only a Python library and change nothing on the JVM.
 *
 * <p>A type that does not override {@link DatasetType#schema()} is {@linkplain #undeclared()
 * undeclared}: its entries are passed on unchecked. Immutable.
 *
 * <pre>{@code
 * DatasetSchema.builder("A text file, read and written whole.")
 *         .holds("String")
 *         .entry(DatasetSchema.FILEPATH, Option.of("encoding", "charset", "The file's encoding.").withDefault("UTF-8"))
 *         .build();
 * }</pre>
 */
public final class DatasetSchema {
    /** The {@code filepath} setting of file datasets. */
    public static final Option FILEPATH = Option.of(
                    "filepath",
                    "path or URI",
                    "Where the data lives: a path relative to the project directory, an absolute path, or a URI"
                            + " such as s3://bucket/key.")
            .asRequired();

    /** The {@code fs_args} setting of file datasets, checked by the store the {@code filepath} names. */
    public static final Option FS_ARGS = Option.of(
            "fs_args",
            "mapping",
            "Settings of the store that filepath names (for s3:// paths: endpoint_url, region_name, part_size,"
                    + " max_concurrency, connect_timeout, request_timeout, save_timeout; see the S3 chapter).");

    /**
     * The keys the catalog handles itself, valid in every entry: {@code type}, {@code credentials},
     * {@code tee}, {@code versioned}, {@code metadata}, and Kedro 0.18's {@code layer}.
     */
    public static final Set<String> CATALOG_KEYS =
            Set.of("type", "credentials", "tee", "versioned", "metadata", "layer");

    private static final DatasetSchema UNDECLARED = new DatasetSchema("", "", List.of(), Map.of(), false);

    /** Where an option is written in a catalog entry. */
    public enum Scope {
        /** Directly under the entry, like {@code filepath}. */
        ENTRY(""),
        /** Under the entry's {@code load_args} mapping. */
        LOAD_ARGS("load_args"),
        /** Under the entry's {@code save_args} mapping. */
        SAVE_ARGS("save_args");

        private final String key;

        Scope(String key) {
            this.key = key;
        }

        /** The entry key that holds this scope's options ({@code load_args}); empty for {@link #ENTRY}. */
        public String key() {
            return key;
        }
    }

    /** Whether Sluice honours an option. */
    public enum Support {
        /** The option does what its description says. */
        SUPPORTED,
        /**
         * Accepted so that a Kedro catalog opens unchanged, with a warning: the option steers only a
         * Python library (pandas' {@code engine}, say) and changes nothing on the JVM.
         */
        NO_EFFECT
    }

    /**
     * One option of a dataset type.
     *
     * @param scope where it is written; {@link Scope#ENTRY} until a {@link Builder} places it
     * @param name its key
     * @param valueKind what it takes, for people ({@code "character"}, {@code "true or false"}, {@code
     *     "list of column names"})
     * @param defaultValue what applies when it is absent, for people; empty when nothing does
     * @param required whether an entry must give it
     * @param description what it does, in a sentence or two
     * @param support whether Sluice honours it
     */
    public record Option(
            Scope scope,
            String name,
            String valueKind,
            String defaultValue,
            boolean required,
            String description,
            Support support) {
        public Option {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(valueKind, "valueKind");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(support, "support");
            if (name.isBlank()) {
                throw new IllegalArgumentException("An option needs a name");
            }
        }

        /** An optional, supported option without a default. */
        public static Option of(String name, String valueKind, String description) {
            return new Option(Scope.ENTRY, name, valueKind, "", false, description, Support.SUPPORTED);
        }

        /**
         * An option accepted for Kedro's sake that changes nothing in Sluice; {@code why} completes "has
         * no effect in Sluice: ..." (e.g. "it chooses pandas' parser").
         */
        public static Option noEffect(String name, String why) {
            return new Option(Scope.ENTRY, name, "any", "", false, why, Support.NO_EFFECT);
        }

        /** This option with {@code defaultValue} as its documented default. */
        public Option withDefault(String defaultValue) {
            return new Option(scope, name, valueKind, defaultValue, required, description, support);
        }

        /** This option, required. */
        public Option asRequired() {
            return new Option(scope, name, valueKind, defaultValue, true, description, support);
        }

        Option in(Scope scope) {
            return new Option(scope, name, valueKind, defaultValue, required, description, support);
        }

        /** The key as a user writes it in messages: {@code filepath}, {@code load_args.sep}. */
        public String path() {
            return scope == Scope.ENTRY ? name : scope.key() + "." + name;
        }
    }

    private final String summary;
    private final String holds;
    private final List<Option> options;
    private final Map<Scope, String> openScopes;
    private final boolean declared;

    private DatasetSchema(
            String summary, String holds, List<Option> options, Map<Scope, String> openScopes, boolean declared) {
        this.summary = summary;
        this.holds = holds;
        this.options = List.copyOf(options);
        this.openScopes = Map.copyOf(openScopes);
        this.declared = declared;
    }

    /** The schema of a type that declares nothing: its entries are not checked. */
    public static DatasetSchema undeclared() {
        return UNDECLARED;
    }

    /**
     * The catalog key ({@code versioned}, {@code credentials}, ...) that {@code key}, written directly under
     * an entry of this type, most likely misspells; empty when {@code key} is a setting of the type, a
     * catalog key itself, or closer to one of the type's settings. For an undeclared schema only the
     * catalog keys are known, so only a key close to one of them and to no common dataset setting counts.
     */
    public Optional<String> misspelledCatalogKey(String key) {
        if (CATALOG_KEYS.contains(key) || option(Scope.ENTRY, key).isPresent()) {
            return Optional.empty();
        }
        Set<String> known = new java.util.TreeSet<>(CATALOG_KEYS);
        if (declared) {
            options.forEach(o ->
                    known.add(o.scope() == Scope.ENTRY ? o.name() : o.scope().key()));
        } else {
            known.addAll(COMMON_SETTINGS);
        }
        return dev.sluice.pipeline.Suggestions.closest(key, known).filter(CATALOG_KEYS::contains);
    }

    /** Settings many Kedro dataset types have, which must not pass for misspelled catalog keys. */
    private static final Set<String> COMMON_SETTINGS =
            Set.of("filepath", "path", "load_args", "save_args", "fs_args", "version", "data", "dataset");

    /** Starts a schema; {@code summary} says in a sentence what the type stores and how. */
    public static Builder builder(String summary) {
        return new Builder(summary);
    }

    /** Whether the type declared its options; only declared schemas are checked. */
    public boolean isDeclared() {
        return declared;
    }

    /** What the type stores and how, in a sentence; empty when undeclared. */
    public String summary() {
        return summary;
    }

    /** The Java values its datasets load and save, for people ({@code "DFLib DataFrame"}); may be empty. */
    public String holds() {
        return holds;
    }

    /** Every option, entry settings first, then {@code load_args}, then {@code save_args}. */
    public List<Option> options() {
        return options;
    }

    /** The options of one scope, in declaration order. */
    public List<Option> options(Scope scope) {
        return options.stream().filter(o -> o.scope() == scope).toList();
    }

    /** The option {@code name} of {@code scope}, if declared. */
    public Optional<Option> option(Scope scope, String name) {
        return options.stream()
                .filter(o -> o.scope() == scope && o.name().equals(name))
                .findFirst();
    }

    /**
     * Where keys of {@code scope} that the type does not declare go, when it passes them on unchecked
     * ({@code "Spark's DataFrameReader"}); empty when such keys are errors, as in most types.
     */
    public Optional<String> passesOn(Scope scope) {
        return Optional.ofNullable(openScopes.get(scope));
    }

    /** Collects a schema's options. */
    public static final class Builder {
        private final String summary;
        private String holds = "";
        private final List<Option> options = new ArrayList<>();
        private final Map<Scope, String> openScopes = new EnumMap<>(Scope.class);

        private Builder(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
        }

        /** The Java values the type's datasets load and save, for people. */
        public Builder holds(String holds) {
            this.holds = Objects.requireNonNull(holds, "holds");
            return this;
        }

        /** Settings written directly under the entry. */
        public Builder entry(Option... entryOptions) {
            return add(Scope.ENTRY, entryOptions);
        }

        /** Options written under {@code load_args}. */
        public Builder loadArgs(Option... loadOptions) {
            return add(Scope.LOAD_ARGS, loadOptions);
        }

        /** Options written under {@code save_args}. */
        public Builder saveArgs(Option... saveOptions) {
            return add(Scope.SAVE_ARGS, saveOptions);
        }

        /**
         * Lets {@code load_args} (or {@code save_args}) hold keys beyond the declared options and passes
         * them on to {@code target} as they are, for types that front a library with an open set of
         * options (a Spark data source's). The declared options are still documented; an undeclared key
         * that looks like a misspelt declared one is warned about.
         *
         * @param target what receives the keys, for people: {@code "Spark's DataFrameReader"}
         */
        public Builder passOn(Scope scope, String target) {
            if (scope == Scope.ENTRY) {
                throw new IllegalArgumentException("Only load_args and save_args can pass keys on");
            }
            openScopes.put(scope, Objects.requireNonNull(target, "target"));
            return this;
        }

        private Builder add(Scope scope, Option... added) {
            Arrays.stream(added).map(o -> o.in(scope)).forEach(option -> {
                if (options.stream()
                        .anyMatch(o -> o.scope() == scope && o.name().equals(option.name()))) {
                    throw new IllegalArgumentException("Option " + option.path() + " is declared twice");
                }
                if (scope == Scope.ENTRY
                        && (option.name().equals(Scope.LOAD_ARGS.key())
                                || option.name().equals(Scope.SAVE_ARGS.key()))) {
                    throw new IllegalArgumentException("Declare the options of " + option.name()
                            + " with loadArgs/saveArgs, not as an entry setting");
                }
                options.add(option);
            });
            return this;
        }

        public DatasetSchema build() {
            List<Option> ordered = new ArrayList<>();
            for (Scope scope : Scope.values()) {
                options.stream().filter(o -> o.scope() == scope).forEach(ordered::add);
            }
            return new DatasetSchema(summary, holds, ordered, openScopes, true);
        }
    }
}
