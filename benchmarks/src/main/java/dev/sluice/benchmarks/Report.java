package dev.sluice.benchmarks;

import dev.sluice.benchmarks.ModeBenchmark.ModeResult;
import dev.sluice.benchmarks.ModeBenchmark.Sample;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the benchmark's results as Markdown. */
final class Report {
    private Report() {}

    /**
     * The line that says how the tables were made: command, date, JVM, cores, the delay or the size of
     * the storage suite's intermediates, and the machine's load average when the benchmark started.
     */
    static String header(Options options, String date) {
        String suite = options.delayed()
                ? "d = " + Format.compact(options.delay()) + " s"
                : options.suite().equals("storage") || options.suite().equals("cpu")
                        ? options.sizeMb() + " MiB per intermediate"
                        : options.suite().startsWith("spark")
                                ? String.format(Locale.ROOT, "%,d orders", options.rows())
                                : "no delay";
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return "Command: `" + options.command() + "` · " + date + " · " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + " · "
                + Runtime.getRuntime().availableProcessors() + " cores · "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap · " + suite
                + (load < 0 ? "" : " · load average " + String.format(Locale.ROOT, "%.2f", load) + " at start");
    }

    /** The line after the tables: the machine's load when the suite ended, beside the one at its start. */
    static String footer() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "" : "Load average " + String.format(Locale.ROOT, "%.2f", load) + " at the end.";
    }

    /** One suite's table, with its heading and a line that says what the columns mean. */
    static String table(Suite suite, Duration delay, int runs, List<ModeResult> results) {
        boolean kedro = results.stream().anyMatch(r -> suite.kedroAccelerator(r.mode(), delay, Duration.ZERO)
                .isPresent());
        List<String> header = new ArrayList<>(List.of("mode", "wall (s)", "limit (s)", "ratio", "limit set by"));
        if (kedro) {
            header.add("Kedro-Accelerator (s)");
        }
        StringBuilder out = new StringBuilder();
        out.append("### ").append(suite.title(delay)).append("\n\n");
        out.append(row(header));
        List<String> rule = new ArrayList<>(List.of("---", "--:", "--:", "--:", "---"));
        if (kedro) {
            rule.add("--:");
        }
        out.append(row(rule));
        for (ModeResult result : results) {
            Sample run = result.median();
            List<String> cells = new ArrayList<>(List.of(
                    "`" + result.mode() + "`",
                    Format.seconds(run.wall()),
                    Format.seconds(run.limit().limit()),
                    Format.ratio(run.ratio()),
                    run.limit().boundByWorkers() ? "compute on " + suite.workers() + " workers" : "critical path"));
            if (kedro) {
                cells.add(
                        suite.kedroAccelerator(result.mode(), delay, run.limit().pathCompute())
                                .orElse("—"));
            }
            out.append(row(cells));
        }
        out.append('\n')
                .append(runs == 1 ? "One run per mode" : "Per mode, the run with the median ratio of " + runs)
                .append(", after a warm-up run of each mode without delay. Wall: `runner.run` in this JVM. ")
                .append("Limit: the measured compute of that run on the DAG (critical path, or compute shared by ")
                .append("the workers), plus one save delay. Ratio: wall / limit.\n");
        return out.toString();
    }

    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
