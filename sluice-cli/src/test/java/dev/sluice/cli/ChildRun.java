package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code sluice run} on a {@link ChainProject} in a child JVM, so a test can kill the process.
 * Usage: {@code ChildRun PROJECT_DIR BLOCK_COMPUTE_NODE|- BLOCK_SAVE_DATASET|- [run options...]} (see
 * {@link ChainProject#ChainProject(Path, String, String)}). The system property {@code chain.watchdog.ms}
 * shortens the watchdog of {@link RunSignals}.
 */
public final class ChildRun {
    private ChildRun() {}

    /**
     * Starts this class on {@code project} in a child JVM, its output in {@code logs}/child.out and
     * child.err.
     *
     * @param launcher words before the {@code java} command (such as {@code env --default-signal=INT}), or none
     * @param jvmOptions options of the child JVM
     * @param blockCompute the node that blocks (see {@link ChainProject#ChainProject(Path, String, String)}), or {@code null}
     * @param blockSave the dataset whose save blocks, or {@code null}
     * @param runOptions options of {@code sluice run}
     */
    static Process start(
            ChainProject project,
            Path logs,
            List<String> launcher,
            List<String> jvmOptions,
            String blockCompute,
            String blockSave,
            List<String> runOptions)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ChildRun.class.getName(),
                project.dir.toString(),
                blockCompute == null ? "-" : blockCompute,
                blockSave == null ? "-" : blockSave));
        command.addAll(runOptions);
        return new ProcessBuilder(command)
                .redirectOutput(logs.resolve("child.out").toFile())
                .redirectError(logs.resolve("child.err").toFile())
                .start();
    }

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
