package dev.sluice.cli;

import dev.sluice.catalog.CatalogCheck;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.config.CatalogEntryConfig;
import dev.sluice.config.SecretMasking;
import dev.sluice.io.DatasetTypes;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice catalog list|describe|types|check}: the resolved data catalog, secrets masked, the dataset
 * types entries can name, and which entries can be built.
 */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "List, describe or check the project's data catalog, or list the dataset types it can use.",
        subcommands = {
            CatalogCommand.ListEntries.class,
            CatalogCommand.Describe.class,
            CatalogCommand.Types.class,
            CatalogCommand.Check.class
        })
final class CatalogCommand {

    /** {@code sluice catalog list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List catalog entries and how the pipeline's datasets resolve.")
    static final class ListEntries implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions project = new ProjectOptions();

        @Option(
                names = {"--pipeline", "-p"},
                paramLabel = "NAME",
                description = "Also show how this pipeline's datasets resolve (default: __default__).")
        String pipelineName = PipelineRegistry.DEFAULT;

        @Override
        public Integer call() {
            Project opened = project.open();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Catalog entries:");
            for (CatalogEntryConfig entry : opened.config().catalogEntries()) {
                out.printf("  %-28s %-12s %s%n", entry.name(), entry.type(), entry.source());
            }
            Optional<Pipeline> pipeline = Optional.ofNullable(opened.pipelines().get(pipelineName));
            pipeline.ifPresent(p -> {
                out.printf("Datasets of pipeline %s:%n", pipelineName);
                for (String dataset : p.datasets()) {
                    String how = opened.catalog()
                            .entry(dataset)
                            .map(e -> String.valueOf(e.dataset().describe().getOrDefault("type", "?")) + " ("
                                    + e.source() + ")")
                            .orElse("memory (not in the catalog)");
                    out.printf("  %-28s %s%n", dataset, how);
                }
            });
            return 0;
        }
    }

    /** {@code sluice catalog describe NAME}. */
    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = "Show one resolved catalog entry; credentials are masked.")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions project = new ProjectOptions();

        @Parameters(paramLabel = "DATASET", description = "A dataset name; dataset factories are resolved.")
        String name;

        @Override
        public Integer call() {
            Project opened = project.open();
            PrintWriter out = spec.commandLine().getOut();
            CatalogEntry entry = opened.catalog()
                    .entry(name)
                    .orElseThrow(() -> new dev.sluice.ConfigurationException("Dataset '" + name
                            + "' is not in the catalog and matches no dataset factory; it would be a "
                            + "memory dataset. Run 'sluice catalog list' to see the entries."));
            out.println(name + ":");
            out.println("  defined at: " + entry.source());
            out.println("  tee: " + entry.tee());
            SecretMasking.mask(entry.dataset().describe()).forEach((k, v) -> out.println("  " + k + ": " + v));
            return 0;
        }
    }

    /** {@code sluice catalog types [TYPE...] [--json|--markdown]}. */
    @Command(
            name = "types",
            mixinStandardHelpOptions = true,
            description = {
                "List the dataset types on the class path (Sluice's modules the project depends on, and its own"
                        + " types), with the module that provides each and every option its entries take.",
                "The user guide's type reference (docs/guide/dataset-types.md) is this command's --markdown output"
                        + " with every Sluice module on the class path."
            })
    static final class Types implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        // Read by the launcher, which puts the project's classes and dependencies on the class path.
        @Mixin
        ProjectDirectory project = new ProjectDirectory();

        @Parameters(
                paramLabel = "TYPE",
                arity = "0..*",
                description = "Only these types (names or aliases, e.g. csv pandas.CSVDataset).")
        List<String> names = new ArrayList<>();

        @ArgGroup(exclusive = true)
        Format format = new Format();

        static final class Format {
            @Option(names = "--json", description = "Print JSON, for tools.")
            boolean json;

            @Option(names = "--markdown", description = "Print the user guide's reference page.")
            boolean markdown;
        }

        @Override
        public Integer call() {
            TypeCatalog catalog = TypeCatalog.of(DatasetTypes.discover()).only(names);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.json ? catalog.json() : format.markdown ? catalog.markdown() : catalog.plain());
            out.flush();
            return 0;
        }
    }

    /** {@code sluice catalog check}: which entries can be built, and whether everything the pipelines use can. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Build every catalog entry (reading no data) and show its state: ok, unavailable and why, or"
                        + " factory pattern.",
                "Exits 0 only when every dataset the project's pipelines use can be built (every entry, when the"
                        + " project has no pipeline registry yet, as right after copying a Kedro project's conf/);"
                        + " 2 otherwise."
            })
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions project = new ProjectOptions();

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            boolean registryOnClassPath = java.util.ServiceLoader.load(
                            PipelineRegistry.class, Thread.currentThread().getContextClassLoader())
                    .findFirst()
                    .isPresent();
            if (!registryOnClassPath) {
                java.util.function.Consumer<Project.Builder> given = project.configure;
                project.configure = builder -> {
                    builder.registry(java.util.Map::of);
                    given.accept(builder);
                };
            }
            Project opened = project.open();
            java.util.Set<String> used = new java.util.TreeSet<>();
            opened.pipelines().values().forEach(pipeline -> used.addAll(pipeline.datasets()));
            boolean noPipelines = opened.pipelines().isEmpty();
            if (noPipelines) {
                used.addAll(opened.catalog().names());
            }
            CatalogCheck check = CatalogCheck.of(opened.catalog(), used);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(json(check, noPipelines));
            } else {
                print(out, check, noPipelines);
            }
            out.flush();
            return check.usedEntriesBuild() ? 0 : dev.sluice.SluiceException.Kind.CONFIGURATION.exitCode();
        }

        private static void print(PrintWriter out, CatalogCheck check, boolean noPipelines) {
            out.printf(
                    "%d catalog entries: %d ok, %d unavailable, %d factory patterns%n",
                    check.entries().size(),
                    check.in(CatalogCheck.State.OK).size(),
                    check.in(CatalogCheck.State.UNAVAILABLE).size(),
                    check.in(CatalogCheck.State.FACTORY).size());
            for (CatalogCheck.Entry entry : check.entries()) {
                String state = entry.state().name().toLowerCase(java.util.Locale.ROOT);
                String notes = (entry.used() && !noPipelines ? " (used)" : "")
                        + entry.pattern()
                                .filter(p -> !p.equals(entry.name()))
                                .map(p -> " (from pattern '" + p + "')")
                                .orElse("");
                out.printf("  %-11s %-30s %-28s %s%s%n", state, entry.name(), entry.type(), entry.source(), notes);
                entry.problem().ifPresent(problem -> out.println("      " + problem.replace("\n", "\n      ")));
            }
            List<String> broken = check.entries().stream()
                    .filter(e -> e.used() && e.state() == CatalogCheck.State.UNAVAILABLE)
                    .map(CatalogCheck.Entry::name)
                    .toList();
            String what = noPipelines ? "No pipeline registry, so every entry counts as used. " : "";
            if (broken.isEmpty()) {
                out.println(what + "Every dataset the pipelines use can be built.");
            } else {
                out.println(what + broken.size() + " used " + (broken.size() == 1 ? "entry cannot" : "entries cannot")
                        + " be built: " + String.join(", ", broken)
                        + ". Fix them as each message says, or change the pipelines that use them.");
            }
        }

        private static String json(CatalogCheck check, boolean noPipelines) {
            StringBuilder out = new StringBuilder("{\n  \"ok\": ")
                    .append(check.usedEntriesBuild())
                    .append(",\n  \"pipelines\": ")
                    .append(!noPipelines)
                    .append(",\n  \"entries\": [");
            for (int i = 0; i < check.entries().size(); i++) {
                CatalogCheck.Entry entry = check.entries().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("    {");
                out.append("\"name\": ").append(quote(entry.name()));
                out.append(", \"type\": ").append(quote(entry.type()));
                out.append(", \"source\": ").append(quote(entry.source()));
                out.append(", \"state\": ").append(quote(entry.state().name().toLowerCase(java.util.Locale.ROOT)));
                out.append(", \"used\": ").append(entry.used());
                entry.pattern().ifPresent(p -> out.append(", \"pattern\": ").append(quote(p)));
                entry.problem().ifPresent(p -> out.append(", \"problem\": ").append(quote(p)));
                out.append('}');
            }
            return out.append(check.entries().isEmpty() ? "]\n}" : "\n  ]\n}").toString();
        }

        private static String quote(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }
}
