package dev.sluice.cli;

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
 * {@code sluice catalog list|describe|types}: the resolved data catalog, secrets masked, and the dataset
 * types entries can name.
 */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "List or describe the project's data catalog, or the dataset types it can use.",
        subcommands = {CatalogCommand.ListEntries.class, CatalogCommand.Describe.class, CatalogCommand.Types.class})
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
}
