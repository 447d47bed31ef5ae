package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSchema.Scope;
import dev.sluice.io.DatasetSchema.Support;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.pipeline.Suggestions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataset types a class path holds, each with its names, the module it comes from and its {@link
 * DatasetSchema}, written for {@code sluice catalog types}: as text for people, as JSON for tools, and
 * as the Markdown page of the user guide's type reference ({@code docs/guide/dataset-types.md} is this
 * class's output on the reactor's class path, and a check in {@code docs-check} keeps it so).
 */
final class TypeCatalog {
    /** The page's first lines, also how the check recognises it. */
    static final String MARKDOWN_TITLE = "# Dataset type reference";

    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    /** One type as a catalog sees it. */
    record Described(String name, Set<String> aliases, String module, String className, DatasetSchema schema) {}

    private final List<Described> types;
    /** Whether these are all the types on the class path, not a chosen few. */
    private final boolean complete;

    private TypeCatalog(List<Described> types, boolean complete) {
        this.types = List.copyOf(types);
        this.complete = complete;
    }

    /** Every type {@code registry} knows, by name. */
    static TypeCatalog of(DatasetTypes registry) {
        Map<String, String> modules = DatasetTypes.sluiceModules();
        List<Described> described = new ArrayList<>();
        for (String name : registry.names()) {
            DatasetType type = registry.find(name).orElseThrow();
            described.add(new Described(
                    name,
                    new TreeSet<>(type.aliases()),
                    modules.getOrDefault(name, origin(type.getClass())),
                    type.getClass().getName(),
                    type.schema()));
        }
        return new TypeCatalog(described, true);
    }

    /**
     * The types named by {@code names} (names or aliases), in the order given.
     *
     * @throws ConfigurationException for a name no type on the class path has, saying which module
     *     provides it when one of Sluice's does, or the closest known name
     */
    TypeCatalog only(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        Map<String, Described> byName = new LinkedHashMap<>();
        types.forEach(t -> {
            byName.put(t.name(), t);
            t.aliases().forEach(alias -> byName.put(alias, t));
        });
        List<Described> chosen = new ArrayList<>();
        for (String name : names) {
            Described type = byName.get(name);
            if (type == null) {
                String module = DatasetTypes.sluiceModules().get(name);
                throw new ConfigurationException("No dataset type '" + name + "' is on the class path"
                        + (module != null
                                ? "; it is provided by the module dev.sluice:" + module
                                        + ", which the project does not depend on. Add it to the project's build."
                                : Suggestions.closest(name, byName.keySet())
                                                .map(match -> " (did you mean '" + match + "'?).")
                                                .orElse(".")
                                        + " Run 'sluice catalog types' to list every type."));
            }
            if (!chosen.contains(type)) {
                chosen.add(type);
            }
        }
        return new TypeCatalog(chosen, false);
    }

    List<Described> types() {
        return types;
    }

    /** The types of Sluice's own modules that this class path lacks: name to module; empty for a chosen few. */
    Map<String, String> missingSluiceTypes() {
        if (!complete) {
            return Map.of();
        }
        Set<String> present = new TreeSet<>();
        types.forEach(t -> {
            present.add(t.name());
            present.addAll(t.aliases());
            present.add(t.className());
        });
        // Only the short names (Sluice's are lower case; Kedro's aliases are not), not every alias.
        Map<String, String> missing = new TreeMap<>();
        DatasetTypes.sluiceModules().forEach((name, module) -> {
            if (!present.contains(name) && name.equals(name.toLowerCase())) {
                missing.put(name, module);
            }
        });
        return missing;
    }

    /** For people: each type, its names, module and options, one line per option. */
    String plain() {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(types.size())
                .append(types.size() == 1 ? " dataset type" : " dataset types")
                .append(" on the class path. Every entry may also say: ")
                .append(String.join(", ", new TreeSet<>(DatasetSchema.CATALOG_KEYS)))
                .append('.')
                .append(nl);
        for (Described type : types) {
            DatasetSchema schema = type.schema();
            out.append(nl)
                    .append(type.name())
                    .append("  [")
                    .append(type.module())
                    .append(']');
            if (!type.aliases().isEmpty()) {
                out.append("  also: ").append(String.join(", ", type.aliases()));
            }
            out.append(nl);
            if (!schema.isDeclared()) {
                out.append("  (declares no options: its entries are passed on unchecked; ")
                        .append(type.className())
                        .append(')')
                        .append(nl);
                continue;
            }
            out.append("  ").append(schema.summary()).append(nl);
            if (!schema.holds().isEmpty()) {
                out.append("  Loads and saves: ").append(schema.holds()).append(nl);
            }
            int width = schema.options().stream()
                    .mapToInt(o -> key(o).length())
                    .max()
                    .orElse(0);
            for (Option option : schema.options()) {
                out.append("  ")
                        .append(pad(key(option), width))
                        .append("  ")
                        .append(describe(option))
                        .append(nl);
            }
        }
        Map<String, String> missing = missingSluiceTypes();
        if (!missing.isEmpty()) {
            out.append(nl).append("Types of Sluice modules this class path does not have (add the module to use one):");
            Map<String, List<String>> byModule = new TreeMap<>();
            missing.forEach((name, module) ->
                    byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(name));
            byModule.forEach((module, names) ->
                    out.append(nl).append("  ").append(module).append(": ").append(String.join(", ", names)));
            out.append(nl);
        }
        return out.toString();
    }

    /** For tools: {@code {"catalog_keys": [...], "types": [{"name", "aliases", "module", ...}]}}. */
    String json() {
        StringBuilder out = new StringBuilder("{\n  \"catalog_keys\": ");
        jsonArray(out, new TreeSet<>(DatasetSchema.CATALOG_KEYS));
        out.append(",\n  \"types\": [");
        for (int i = 0; i < types.size(); i++) {
            Described type = types.get(i);
            DatasetSchema schema = type.schema();
            out.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ");
            jsonString(out, type.name());
            out.append(", \"aliases\": ");
            jsonArray(out, type.aliases());
            out.append(", \"module\": ");
            jsonString(out, type.module());
            out.append(", \"class\": ");
            jsonString(out, type.className());
            out.append(", \"declared\": ").append(schema.isDeclared());
            out.append(",\n     \"summary\": ");
            jsonString(out, schema.summary());
            out.append(", \"holds\": ");
            jsonString(out, schema.holds());
            out.append(",\n     \"options\": [");
            List<Option> options = schema.options();
            for (int j = 0; j < options.size(); j++) {
                Option option = options.get(j);
                out.append(j == 0 ? "\n" : ",\n").append("       {\"key\": ");
                jsonString(out, option.path());
                out.append(", \"scope\": ");
                jsonString(
                        out,
                        option.scope() == Scope.ENTRY ? "entry" : option.scope().key());
                out.append(", \"name\": ");
                jsonString(out, option.name());
                out.append(", \"takes\": ");
                jsonString(out, option.valueKind());
                out.append(", \"default\": ");
                jsonString(out, option.defaultValue());
                out.append(", \"required\": ").append(option.required());
                out.append(", \"supported\": ").append(option.support() == Support.SUPPORTED);
                out.append(", \"description\": ");
                jsonString(out, option.description());
                out.append('}');
            }
            out.append(options.isEmpty() ? "]}" : "\n     ]}");
        }
        out.append(types.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }

    /** The user guide's reference page: an index table, then a section per type with a table of its options. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(MARKDOWN_TITLE)
                .append("\n\n")
                .append("<!-- Generated by `sluice catalog types --markdown` on the class path of every Sluice module;"
                        + " do not edit. docs-check fails when it is stale and prints the command that"
                        + " regenerates it. -->\n\n")
                .append("Every `type:` a catalog entry can name, with the module that provides it and every"
                        + " option it takes. `sluice catalog types` prints the same for the types on a project's"
                        + " class path (`--json` for tools). Besides a type's own options, every entry may say ")
                .append(String.join(
                        ", ",
                        new TreeSet<>(DatasetSchema.CATALOG_KEYS)
                                .stream().map(k -> "`" + k + "`").toList()))
                .append(" (see [the data catalog](catalog.md)). Options marked *no effect* are accepted so that"
                        + " a Kedro catalog opens unchanged, with a warning; they steer only a Python library.\n\n");
        out.append("| type | module | loads and saves | what it is |\n|---|---|---|---|\n");
        for (Described type : types) {
            out.append("| [`")
                    .append(type.name())
                    .append("`](#")
                    .append(anchor(type.name()))
                    .append(") | `")
                    .append(type.module())
                    .append("` | ")
                    .append(cell(type.schema().holds()))
                    .append(" | ")
                    .append(cell(type.schema().summary()))
                    .append(" |\n");
        }
        for (Described type : types) {
            DatasetSchema schema = type.schema();
            out.append("\n## ").append(type.name()).append("\n\n");
            out.append("Module `")
                    .append(type.module())
                    .append("`, class `")
                    .append(type.className())
                    .append('`');
            if (!type.aliases().isEmpty()) {
                out.append(". Also written ")
                        .append(String.join(
                                ", ",
                                type.aliases().stream().map(a -> "`" + a + "`").toList()));
            }
            out.append(".\n\n");
            if (!schema.isDeclared()) {
                out.append("This type declares no options; its entries are passed on unchecked.\n");
                continue;
            }
            out.append(prose(schema.summary()));
            if (!schema.holds().isEmpty()) {
                out.append(" Loads and saves: ").append(prose(schema.holds())).append('.');
            }
            out.append("\n\n");
            if (schema.options().isEmpty()) {
                out.append("No options besides the catalog's own keys.\n");
                continue;
            }
            out.append("| key | takes | default | description |\n|---|---|---|---|\n");
            for (Option option : schema.options()) {
                out.append("| `")
                        .append(option.path())
                        .append('`')
                        .append(option.required() ? " (required)" : "")
                        .append(" | ")
                        .append(cell(option.valueKind()))
                        .append(" | ")
                        .append(
                                option.defaultValue().isEmpty()
                                        ? ""
                                        : "`" + option.defaultValue().replace("|", "\\|") + "`")
                        .append(" | ")
                        .append(option.support() == Support.NO_EFFECT ? "*No effect in Sluice:* " : "")
                        .append(cell(option.description()))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String key(Option option) {
        return option.path() + (option.required() ? " (required)" : "");
    }

    private static String describe(Option option) {
        String text = option.support() == Support.NO_EFFECT
                ? "No effect in Sluice: " + option.description()
                : option.valueKind() + ". " + option.description();
        return option.defaultValue().isEmpty() ? text : text + " Default: " + option.defaultValue() + ".";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A GitHub heading anchor: lower case, punctuation other than '-' and '_' dropped. */
    private static String anchor(String heading) {
        return heading.toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** Prose in a table cell: pipes escaped, and angle brackets, which Markdown would take for HTML tags. */
    private static String cell(String text) {
        return prose(text).replace("|", "\\|").replace("\n", " ");
    }

    private static String prose(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void jsonArray(StringBuilder out, Iterable<String> values) {
        out.append('[');
        String separator = "";
        for (String value : values) {
            out.append(separator);
            jsonString(out, value);
            separator = ", ";
        }
        out.append(']');
    }

    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Where a type not of Sluice's own modules comes from: its jar's name without the version, or its directory. */
    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            String file = location.getFileName().toString();
            Matcher jar = VERSIONED_JAR.matcher(file);
            if (jar.matches()) {
                return jar.group(1);
            }
            if (file.equals("classes")
                    && location.getParent() != null
                    && location.getParent().getParent() != null) {
                return location.getParent().getParent().getFileName().toString();
            }
            return file;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
