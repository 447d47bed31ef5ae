package dev.sluice.cli;

import dev.sluice.SluiceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code sluice} command line. {@link #main} is the only place that calls {@link System#exit};
 * {@link #execute} returns the exit code instead, for tests and embedding.
 *
 * <p>Exit codes: 0 success, 1 unexpected error, 2 configuration error, 3 pipeline-definition error,
 * 4 node failure, 5 dataset I/O failure, 64 bad command-line usage, 130 a run stopped by Ctrl-C (SIGINT),
 * 143 a run stopped by SIGTERM.
 */
public final class Main {
    /** Exit code for a command line picocli cannot parse. */
    public static final int USAGE = 64;

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command with its output and error text going to {@code out} and {@code err} (log lines
     * still go to the logging backend), and returns its exit code.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SluiceCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run 'sluice " + commandPath(e.getCommandLine()) + "--help' for the options.");
            return USAGE;
        });
        cli.setExecutionStrategy(parseResult -> {
            try {
                logSettings(parseResult).apply();
            } catch (SluiceException e) {
                throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SluiceException sluice) {
                FailureReport.print(err, sluice, FailureReport.wholeTraceRequested(commandLine));
                return sluice.kind().exitCode();
            }
            err.println("Unexpected error: " + e);
            e.printStackTrace(err);
            return SluiceException.Kind.INTERNAL.exitCode();
        });
        return cli;
    }

    /**
     * The log settings for a parsed command line: {@code -v} and {@code -q} wherever they were given, and
     * the project's configuration directory. Runs before any command's logger is created.
     */
    static LogSettings logSettings(ParseResult parsed) {
        int verbose = 0;
        int quiet = 0;
        Path project = Path.of(".");
        Path confSource = null;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose += p.matchedOptionValue("--verbose", new boolean[0]).length;
            quiet += p.matchedOptionValue("--quiet", new boolean[0]).length;
            project = p.matchedOptionValue("--project", project);
            confSource = p.matchedOptionValue("--conf-source", confSource);
        }
        Path confDir = confSource != null ? confSource : project.resolve("conf");
        return LogSettings.resolve(verbose, quiet, confDir, System.getProperties(), System.getenv());
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
