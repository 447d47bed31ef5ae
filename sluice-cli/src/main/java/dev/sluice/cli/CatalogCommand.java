package dev.sluice.cli;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.config.CatalogEntryConfig;
import dev.sluice.config.SecretMasking;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice catalog list|describe}: the resolved data catalog, secrets masked. */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "List or describe the project's data catalog.",
        subcommands = {CatalogCommand.ListEntries.class, CatalogCommand.Describe.class})
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
}
