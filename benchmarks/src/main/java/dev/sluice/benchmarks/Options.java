package dev.sluice.benchmarks;

import dev.sluice.ConfigurationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The command line of {@code benchmarks/run}.
 *
 * @param suite {@code seed} (Iris, then the wide pipeline), {@code iris} or {@code wide}
 * @param delay the load and save delay of every slow dataset
 * @param runs how many times each mode runs; tables show the run with the median ratio
 * @param workers the parallel runner's worker count for the wide pipeline
 */
record Options(String suite, Duration delay, int runs, int workers) {
    static final List<String> SUITES = List.of("seed", "iris", "wide");

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: benchmarks/run SUITE [--delay SECONDS] [--runs N] [--workers N]",
            "  SUITE            seed (Kedro-Accelerator's table: iris, then wide), iris or wide",
            "  --delay SECONDS  load and save delay of every slow dataset (default 1; Kedro-Accelerator used 10)",
            "  --runs N         runs of each I/O mode; the tables show the run with the median ratio (default 1)",
            "  --workers N      worker threads of the parallel runner for the wide pipeline (default: cores)");

    /**
     * Parses the arguments; {@code --name=value} works as well as {@code --name value}.
     *
     * @throws ConfigurationException for a missing or unknown suite, an unknown option or a bad value
     */
    static Options parse(List<String> args, int cores) {
        String suite = null;
        Duration delay = Duration.ofSeconds(1);
        int runs = 1;
        int workers = cores;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (suite != null) {
                    throw new ConfigurationException(
                            "Give one suite, not '" + suite + "' and '" + arg + "'; run 'seed' for both.");
                }
                if (!SUITES.contains(arg)) {
                    throw new ConfigurationException("Unknown suite '" + arg + "'; use one of " + SUITES + ".");
                }
                suite = arg;
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigurationException("Option " + name + " needs a value.");
            }
            switch (name) {
                case "--delay" -> delay = seconds(value);
                case "--runs" -> runs = positive(name, value);
                case "--workers" -> workers = positive(name, value);
                default ->
                    throw new ConfigurationException(
                            "Unknown option '" + name + "'; the options are --delay, --runs and --workers.");
            }
        }
        if (suite == null) {
            throw new ConfigurationException("Name the suite to run: one of " + SUITES + ".");
        }
        return new Options(suite, delay, runs, workers);
    }

    /** The command that reproduces this run, every option spelled out. */
    String command() {
        return "benchmarks/run " + suite + " --delay " + Format.compact(delay) + " --runs " + runs + " --workers "
                + workers;
    }

    private static Duration seconds(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    "--delay must be a number of seconds, such as 1 or 0.2, not '" + value + "'.");
        }
        if (seconds.signum() < 0) {
            throw new ConfigurationException("--delay must not be negative, not " + value + ".");
        }
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static int positive(String name, String value) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number, not '" + value + "'.");
        }
        if (number < 1) {
            throw new ConfigurationException(name + " must be at least 1, not " + number + ".");
        }
        return number;
    }
}
