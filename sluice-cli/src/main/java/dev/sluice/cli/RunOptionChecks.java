package dev.sluice.cli;

import static dev.sluice.cli.OptionErrors.conflict;
import static dev.sluice.cli.OptionErrors.given;
import static dev.sluice.cli.OptionErrors.invalid;

import dev.sluice.runner.IoMode;
import dev.sluice.storage.ByteSize;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks the options of {@code sluice run} as typed, before the project is opened: values out of
 * range, and options that contradict each other (which would otherwise silently win over one
 * another). Every error is a usage error ({@link OptionErrors}) naming the options and values given.
 */
final class RunOptionChecks {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private RunOptionChecks() {}

    static void check(RunCommand run, CommandSpec spec) {
        ParseResult given = spec.commandLine().getParseResult();
        checkValues(run, spec);
        IoMode io = ioMode(run, spec);
        if (run.async && given.hasMatchedOption("--io") && parseIo(spec, run.io) != IoMode.ASYNC) {
            throw conflict(
                    spec,
                    given(given, "--io"),
                    "--async",
                    "--async is Kedro's spelling of --io async. Give one of them.");
        }
        if (given.hasMatchedOption("--workers")
                && given.hasMatchedOption("--runner")
                && run.runner != RunCommand.RunnerKind.PARALLEL) {
            throw conflict(
                    spec,
                    given(given, "--workers"),
                    given(given, "--runner"),
                    "worker threads are for the parallel runner. Use --runner parallel, or drop --workers.");
        }
        if (given.hasMatchedOption("--workers") && !given.hasMatchedOption("--runner") && run.resume == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Option '" + given(given, "--workers") + "' needs '--runner parallel': the default runner is"
                            + " sequential and runs one node at a time. Add --runner parallel, or drop --workers.");
        }
        if (run.resume != null) {
            for (String option : RecordedOptions.SELECTION_OPTIONS) {
                if (given.hasMatchedOption(option)) {
                    throw conflict(
                            spec,
                            given(given, "--resume"),
                            given(given, option),
                            "--resume finishes what the resumed run selected, with that run's selection. Drop "
                                    + option + ", or run without --resume (a failed run prints the equivalent"
                                    + " --from-nodes command).");
                }
            }
        }
        boolean givenIo = given.hasMatchedOption("--io") || run.async;
        String ioOption = run.async ? "--async" : given(given, "--io");
        if (givenIo && (io == IoMode.SYNC || io == IoMode.ASYNC)) {
            if (run.verify) {
                throw conflict(
                        spec,
                        "--verify",
                        ioOption,
                        "--verify compares the stored values with the values handed on in memory, and --io "
                                + io + " hands nothing on: every node loads its inputs from storage. Use --io tee or"
                                + " --io cache, or drop --verify.");
            }
            for (String bound : new String[] {"--max-pending-saves", "--max-pending-bytes"}) {
                if (given.hasMatchedOption(bound)) {
                    throw conflict(
                            spec,
                            given(given, bound),
                            ioOption,
                            bound + " bounds the background saves of --io tee and --io cache, and --io " + io
                                    + " saves on the node's path. Drop " + bound + ", or use --io tee.");
                }
            }
        }
    }

    private static void checkValues(RunCommand run, CommandSpec spec) {
        if (run.workers != null && run.workers < 1) {
            throw invalid(spec, "--workers", run.workers, "is not a number of threads; give 1 or more.");
        }
        if (run.maxPendingSaves != null && run.maxPendingSaves < 1) {
            throw invalid(spec, "--max-pending-saves", run.maxPendingSaves, "would block every save; give 1 or more.");
        }
        if (run.maxPendingBytes != null) {
            maxPendingBytes(spec, run.maxPendingBytes);
        }
        if (run.storeConcurrency != null && run.storeConcurrency < 1) {
            throw invalid(spec, "--store-concurrency", run.storeConcurrency, "would block every save; give 1 or more.");
        }
        if (run.saveRetries != null && run.saveRetries < 0) {
            throw invalid(spec, "--save-retries", run.saveRetries, "is negative; give 0 (no retry) or more.");
        }
        if (run.gracePeriod != null) {
            gracePeriod(spec, run.gracePeriod);
        }
        if (run.retryBudget != null && run.retryBudget < 0) {
            throw invalid(spec, "--retry-budget", run.retryBudget, "is negative; give 0 (no retry) or more seconds.");
        }
        seconds(spec, "--s3-connect-timeout", run.s3ConnectTimeout, 3600);
        seconds(spec, "--s3-request-timeout", run.s3RequestTimeout, 3600);
        seconds(spec, "--s3-save-timeout", run.s3SaveTimeout, 24 * 3600);
    }

    private static void seconds(CommandSpec spec, String option, Double value, int max) {
        if (value != null && !(value > 0 && value <= max)) {
            String given =
                    value % 1 == 0 && Math.abs(value) < 1e15 ? String.valueOf(value.longValue()) : value.toString();
            throw invalid(
                    spec, option, given, "is not a timeout; give seconds above 0 and at most " + max + ", such as 30.");
        }
    }

    /** The {@code --max-pending-bytes} value in bytes. */
    static long maxPendingBytes(CommandSpec spec, String text) {
        long bytes;
        try {
            bytes = ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(spec, "--max-pending-bytes", text, "is not a size; give one such as 268435456, 256m or 2g.");
        }
        if (bytes < 1) {
            throw invalid(spec, "--max-pending-bytes", text, "would block every save; give a positive size.");
        }
        return bytes;
    }

    /** The {@code --grace-period} value: a whole number with a unit ({@code ms}, {@code s}, {@code m}, {@code h}), or seconds. */
    static Duration gracePeriod(CommandSpec spec, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(
                    spec,
                    "--grace-period",
                    text,
                    "is not a duration; give one such as 30s, 2m or 500ms (0 stops at once).");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(spec, "--grace-period", text, "is too long; give at most a few minutes, such as 5m.");
        }
        ChronoUnit unit =
                switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> ChronoUnit.MILLIS;
                    case "m" -> ChronoUnit.MINUTES;
                    case "h" -> ChronoUnit.HOURS;
                    default -> ChronoUnit.SECONDS;
                };
        try {
            return Duration.of(amount, unit);
        } catch (ArithmeticException e) {
            throw invalid(spec, "--grace-period", text, "is too long; give at most a few minutes, such as 5m.");
        }
    }

    /** The I/O mode {@code --io} or {@code --async} selects. */
    static IoMode ioMode(RunCommand run, CommandSpec spec) {
        return run.async ? IoMode.ASYNC : parseIo(spec, run.io);
    }

    private static IoMode parseIo(CommandSpec spec, String text) {
        try {
            return IoMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(
                    spec,
                    "--io",
                    text,
                    "is not an I/O mode; use one of "
                            + Arrays.toString(IoMode.values()).toLowerCase(Locale.ROOT) + ".");
        }
    }
}
