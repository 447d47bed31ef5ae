package dev.sluice.benchmarks;

import dev.sluice.ConfigurationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The command line of {@code benchmarks/run}.
 *
 * @param suite {@code seed} (Iris, then the wide pipeline), {@code iris}, {@code wide}, {@code storage}
 *     (large intermediates on local disk and on S3, then Iris on S3), {@code iris-s3}, {@code shapes},
 *     {@code startup} (the distribution's start-up, whole processes) or {@code cpu} (tee against cache
 *     when saves compete with the nodes for the cores)
 * @param delay the load and save delay of every slow dataset (the delay suites only)
 * @param runs how many times each mode runs; tables show the run with the median ratio
 * @param workers the parallel runner's worker count
 * @param sizeMb the size of each large intermediate of the storage and cpu suites, in MiB
 * @param compute the shapes suite's CPU time per node
 * @param nodes the size of the shapes suite's overhead pipelines
 * @param seed the seed of the shapes suite's random DAG
 * @param rows the orders the spark suites' example generates
 */
record Options(
        String suite,
        Duration delay,
        int runs,
        int workers,
        int sizeMb,
        Duration compute,
        int nodes,
        long seed,
        long rows) {
    static final List<String> SUITES =
            List.of("seed", "iris", "wide", "storage", "iris-s3", "shapes", "startup", "cpu", "spark", "spark-s3");
    static final Duration SHAPES_DELAY = Duration.ofMillis(200);
    static final int SHAPES_RUNS = 3;
    static final int DEFAULT_NODES = 100_000;
    static final long DEFAULT_SEED = 7;
    static final int DEFAULT_SIZE_MB = 64;
    static final int MAX_SIZE_MB = 1024;
    static final long DEFAULT_ROWS = 20_000_000;

    private static final List<String> DELAY_SUITES = List.of("seed", "iris", "wide", "shapes");
    private static final List<String> SIZED_SUITES = List.of("storage", "cpu");
    private static final List<String> SPARK_SUITES = List.of("spark", "spark-s3");

    /** Options of a suite other than {@code shapes} and {@code spark}. */
    Options(String suite, Duration delay, int runs, int workers, int sizeMb) {
        this(suite, delay, runs, workers, sizeMb, Duration.ZERO, DEFAULT_NODES, DEFAULT_SEED);
    }

    /** Options of a suite other than {@code spark}. */
    Options(String suite, Duration delay, int runs, int workers, int sizeMb, Duration compute, int nodes, long seed) {
        this(suite, delay, runs, workers, sizeMb, compute, nodes, seed, DEFAULT_ROWS);
    }

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: benchmarks/run SUITE [--delay SECONDS] [--size-mb N] [--runs N] [--workers N]",
            "                            [--compute SECONDS] [--nodes N] [--seed N] [--rows N]",
            "  SUITE            seed (Kedro-Accelerator's table: iris, then wide), iris or wide;",
            "                   storage (large intermediates on local disk and on an in-process S3, then",
            "                   iris on that S3) or iris-s3 (only the latter);",
            "                   shapes (chain, wide, diamond and random DAGs under every mode and runner,",
            "                   parallel sync against Kedro's order, and the runner's overhead per node);",
            "                   startup (whole-process time of the distribution's bin/sluice against the",
            "                   bare java command);",
            "                   cpu (tee against cache on local disk when saves compete with the nodes for the",
            "                   cores, and the tee saving one at a time or at low thread priority);",
            "                   spark (examples/spark at scale on local disk: sync, tee and the physical limit)",
            "                   or spark-s3 (the same with its outputs on an in-process S3)",
            "  --delay SECONDS  seed, iris, wide, shapes: load and save delay of every slow dataset (default 1;",
            "                   shapes 0.2; Kedro-Accelerator used 10)",
            "  --compute SECONDS  shapes: CPU time of every node (default 0)",
            "  --nodes N        shapes: nodes of the overhead pipelines (default 100000)",
            "  --seed N         shapes: seed of the random DAG (default 7)",
            "  --rows N         spark, spark-s3: orders the example generates (default 20000000, about 456 MiB on disk)",
            "  --size-mb N      storage, cpu: MiB of each of the 5 large intermediates (default 64)",
            "  --runs N         runs of each I/O mode; the tables show the run with the median ratio (default 1;",
            "                   shapes 3)",
            "  --workers N      worker threads of the parallel runner (default: cores)");

    /**
     * Parses the arguments; {@code --name=value} works as well as {@code --name value}.
     *
     * @throws ConfigurationException for a missing or unknown suite, an unknown option or a bad value
     */
    static Options parse(List<String> args, int cores) {
        String suite = null;
        Duration delay = Duration.ofSeconds(1);
        boolean delayGiven = false;
        int sizeMb = DEFAULT_SIZE_MB;
        boolean sizeGiven = false;
        Integer runs = null;
        int workers = cores;
        Duration compute = Duration.ZERO;
        boolean shapeOptionGiven = false;
        int nodes = DEFAULT_NODES;
        long seed = DEFAULT_SEED;
        long rows = DEFAULT_ROWS;
        boolean rowsGiven = false;
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
                case "--delay" -> {
                    delay = seconds(name, value);
                    delayGiven = true;
                }
                case "--compute" -> {
                    compute = seconds(name, value);
                    shapeOptionGiven = true;
                }
                case "--nodes" -> {
                    nodes = positive(name, value);
                    shapeOptionGiven = true;
                }
                case "--seed" -> {
                    seed = positive(name, value);
                    shapeOptionGiven = true;
                }
                case "--size-mb" -> {
                    sizeMb = positive(name, value);
                    if (sizeMb > MAX_SIZE_MB) {
                        throw new ConfigurationException("--size-mb must be at most " + MAX_SIZE_MB
                                + " (MiB per intermediate), not " + sizeMb + ".");
                    }
                    sizeGiven = true;
                }
                case "--rows" -> {
                    rows = positive(name, value);
                    rowsGiven = true;
                }
                case "--runs" -> runs = positive(name, value);
                case "--workers" -> workers = positive(name, value);
                default ->
                    throw new ConfigurationException(
                            "Unknown option '" + name + "'; the options are --delay, --size-mb, --runs, --workers, "
                                    + "--compute, --nodes, --seed and --rows.");
            }
        }
        if (suite == null) {
            throw new ConfigurationException("Name the suite to run: one of " + SUITES + ".");
        }
        if (delayGiven && !DELAY_SUITES.contains(suite)) {
            throw new ConfigurationException("--delay applies to the " + DELAY_SUITES + " suites; '" + suite
                    + "' stores real bytes with no artificial delay. Remove --delay.");
        }
        if (sizeGiven && !SIZED_SUITES.contains(suite)) {
            throw new ConfigurationException("--size-mb applies to the " + SIZED_SUITES + " suites only, not '" + suite
                    + "'. Remove --size-mb.");
        }
        if (shapeOptionGiven && !suite.equals("shapes")) {
            throw new ConfigurationException(
                    "--compute, --nodes and --seed apply to the shapes suite only, not '" + suite + "'. Remove them.");
        }
        if (rowsGiven && !SPARK_SUITES.contains(suite)) {
            throw new ConfigurationException(
                    "--rows applies to the " + SPARK_SUITES + " suites only, not '" + suite + "'. Remove --rows.");
        }
        if (suite.equals("shapes") && !delayGiven) {
            delay = SHAPES_DELAY;
        }
        int runCount = runs != null ? runs : suite.equals("shapes") ? SHAPES_RUNS : 1;
        return new Options(suite, delay, runCount, workers, sizeMb, compute, nodes, seed, rows);
    }

    /** The command that reproduces this run, every option spelled out. */
    String command() {
        return switch (suite) {
            case "storage", "cpu" ->
                "benchmarks/run " + suite + " --size-mb " + sizeMb + " --runs " + runs + " --workers " + workers;
            case "iris-s3" -> "benchmarks/run iris-s3 --runs " + runs;
            case "shapes" ->
                "benchmarks/run shapes --delay " + Format.compact(delay) + " --compute " + Format.compact(compute)
                        + " --runs " + runs + " --workers " + workers + " --nodes " + nodes + " --seed " + seed;
            case "startup" -> "benchmarks/run startup --runs " + runs;
            case "spark", "spark-s3" -> "benchmarks/run " + suite + " --rows " + rows + " --runs " + runs;
            default ->
                "benchmarks/run " + suite + " --delay " + Format.compact(delay) + " --runs " + runs + " --workers "
                        + workers;
        };
    }

    /** Whether the suite's datasets wait an artificial delay on every load and save. */
    boolean delayed() {
        return DELAY_SUITES.contains(suite);
    }

    private static Duration seconds(String name, String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    name + " must be a number of seconds, such as 1 or 0.2, not '" + value + "'.");
        }
        if (seconds.signum() < 0) {
            throw new ConfigurationException(name + " must not be negative, not " + value + ".");
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
