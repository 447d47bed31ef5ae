package dev.sluice.benchmarks;

import dev.sluice.ConfigurationException;
import dev.sluice.SluiceException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code benchmarks/run}: times Sluice's four I/O modes end to end against the physical limit and
 * prints Markdown tables, the way Kedro-Accelerator's README compares its modes on the Iris example.
 *
 * <p>The repository root comes from the system property {@code sluice.root} (the script sets it), so
 * the benchmark runs the same from any working directory. Tables go to standard output, progress to
 * standard error. Exit codes: 0 done, 1 a run failed, 2 bad arguments.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        Path irisProject;
        try {
            options = Options.parse(arguments, Runtime.getRuntime().availableProcessors());
            irisProject = irisProject();
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, irisProject, System.out, System.err);
        } catch (SluiceException e) {
            System.err.println("The benchmark stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Options options, Path irisProject, PrintStream out, PrintStream progress) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.println(Report.header(options, date));
        out.println();
        List<String> names = options.suite().equals("seed") ? List.of("iris", "wide") : List.of(options.suite());
        for (String name : names) {
            try (Suite suite = name.equals("iris") ? new IrisSuite(irisProject) : new WideSuite(options.workers())) {
                ModeBenchmark benchmark = new ModeBenchmark(suite, options.delay(), options.runs(), progress);
                String table = Report.table(suite, options.delay(), options.runs(), benchmark.run());
                out.println(table);
                out.flush();
            }
        }
    }

    private static Path irisProject() {
        Path root =
                Path.of(System.getProperty("sluice.root", ".")).toAbsolutePath().normalize();
        Path iris = root.resolve("examples").resolve("iris");
        if (!Files.isDirectory(iris.resolve("conf"))) {
            throw new ConfigurationException("The Iris example is not at '" + iris + "'; run the benchmark with "
                    + "benchmarks/run, or pass the repository root with -Dsluice.root=DIR.");
        }
        return iris;
    }
}
