package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code sluice} command: the subcommands, and the log-level options every one of them takes. */
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
            NewCommand.class,
            JShellCommand.class
        })
final class SluiceCommand {
    // Read from the parse result by Main.logSettings, before any command runs.
    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "More log output: -v shows DEBUG, -vv TRACE (default: INFO, or SLUICE_LOG_LEVEL).")
    boolean[] verbose = new boolean[0];

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Less log output: -q shows warnings and errors only, -qq errors only.")
    boolean[] quiet = new boolean[0];

    // Read through the parse result (FailureReport), wherever on the command line it was given.
    @Option(
            names = FailureReport.STACKTRACE,
            scope = ScopeType.INHERIT,
            description = "On failure, print the whole stack trace, Sluice's own frames included.")
    boolean stackTrace;
}
