package dev.sluice.cli;

import dev.sluice.SluiceException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code sluice} command line. {@link #main} is the only place that calls {@link System#exit};
 * {@link #execute} returns the exit code instead, for tests and embedding.
 *
 * <p>Exit codes: 0 success, 1 unexpected error, 2 configuration error, 3 pipeline-definition error,
 * 4 node failure, 5 dataset I/O failure, 64 bad command-line usage.
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
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SluiceException sluice) {
                err.println("Error: " + sluice.getMessage());
                return sluice.kind().exitCode();
            }
            err.println("Unexpected error: " + e);
            e.printStackTrace(err);
            return SluiceException.Kind.INTERNAL.exitCode();
        });
        return cli;
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
