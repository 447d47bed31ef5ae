package dev.sluice.cli;

import dev.sluice.NodeExecutionException;
import dev.sluice.SluiceException;
import dev.sluice.StackTraces;
import dev.sluice.runner.RunFailedException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * How the CLI tells a failure on stderr: Sluice's message (which names the node, dataset or file and
 * the fix), then, for a node that threw, the node's own exception with its stack trace, Sluice's frames
 * folded into one line each. With {@code --stacktrace}, the whole trace instead, Sluice's frames and
 * every cause included (Gradle's option of the same name).
 */
final class FailureReport {
    /** The option that asks for whole stack traces; every command accepts it. */
    static final String STACKTRACE = "--stacktrace";

    private FailureReport() {}

    /** Prints {@code failure}; {@code whole}: print every frame of it. */
    static void print(PrintWriter err, SluiceException failure, boolean whole) {
        // An interrupted run's message begins "Run <id> was interrupted": it is no error of the run's own.
        err.println((failure.kind() == SluiceException.Kind.INTERRUPTED ? "" : "Error: ") + failure.getMessage());
        if (whole) {
            err.print(StackTraces.print(failure));
            err.flush();
            return;
        }
        SluiceException primary = failure instanceof RunFailedException run ? run.primary() : failure;
        Optional<Throwable> underlying = StackTraces.underlying(primary);
        if (primary instanceof NodeExecutionException && underlying.isPresent()) {
            err.print(StackTraces.folded(StackTraces.print(underlying.get())));
            for (Throwable later : primary.getSuppressed()) {
                err.println("Also failed: " + later.getMessage());
            }
            err.println("(Sluice's own frames are folded; add " + STACKTRACE + " to see every frame.)");
        } else if (underlying.isPresent()
                && primary.kind() != SluiceException.Kind.CONFIGURATION
                && primary.kind() != SluiceException.Kind.INTERRUPTED) {
            err.println("(Add " + STACKTRACE + " to see the stack trace of "
                    + underlying.get().getClass().getName() + ".)");
        }
        err.flush();
    }

    /** Whether {@code --stacktrace} was given, before or after the command's name. */
    static boolean wholeTraceRequested(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        for (ParseResult result = root.getParseResult(); result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(STACKTRACE)) {
                return true;
            }
        }
        return false;
    }
}
