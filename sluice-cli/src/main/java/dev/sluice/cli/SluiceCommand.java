package dev.sluice.cli;

import picocli.CommandLine.Command;

/** The top-level {@code sluice} command; it only groups the subcommands. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run and inspect Sluice data pipelines.",
        subcommands = {
            RunCommand.class,
            PipelineCommand.class,
            CatalogCommand.class,
            ReportCommand.class,
            VizCommand.class,
            NewCommand.class
        })
final class SluiceCommand {}
