package dev.sluice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs {@code sluice run} on a {@link ChainProject} in a child JVM, so a test can kill the process.
 * Usage: {@code ChildRun PROJECT_DIR BLOCK_COMPUTE_NODE|- BLOCK_SAVE_DATASET|- [run options...]} (see
 * {@link ChainProject#ChainProject(Path, String, String)}). The system property {@code chain.watchdog.ms}
 * shortens the watchdog of {@link RunSignals}.
 */
public final class ChildRun {
    private ChildRun() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Long watchdog = Long.getLong("chain.watchdog.ms");
        if (watchdog != null) {
            RunSignals.watchdogDelay = java.time.Duration.ofMillis(watchdog);
        }
        ChainProject project =
                new ChainProject(dir, args[1].equals("-") ? null : args[1], args[2].equals("-") ? null : args[2]);
        CommandLine cli = Main.commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        project.configure(cli);
        String[] run = new String[args.length - 3 + 3];
        run[0] = "run";
        run[1] = "--project";
        run[2] = dir.toString();
        System.arraycopy(args, 3, run, 3, args.length - 3);
        System.exit(cli.execute(run));
    }
}
