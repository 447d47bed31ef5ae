package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** Parses a command line with the CLI's real commands and options, running nothing (for the guide's checks). */
public final class CommandLines {
    private CommandLines() {}

    /** Why the CLI refuses {@code args}, or empty when it accepts them. */
    public static Optional<String> problem(List<String> args) {
        StringWriter ignored = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(ignored), new PrintWriter(ignored));
        try {
            cli.parseArgs(args.toArray(String[]::new));
            return Optional.empty();
        } catch (CommandLine.ParameterException e) {
            return Optional.of(e.getMessage());
        }
    }
}
