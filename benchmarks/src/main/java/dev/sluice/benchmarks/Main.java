package dev.sluice.benchmarks;

import dev.sluice.ConfigurationException;
import dev.sluice.SluiceException;
import dev.sluice.storage.Storage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code benchmarks/run}: times Sluice's four I/O modes end to end against the physical limit and
 * prints Markdown tables, the way Kedro-Accelerator's README compares its modes on the Iris example;
 * the storage suites do the same with real bytes on local disk and on an S3 server started in this JVM.
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
        Path root;
        try {
            options = Options.parse(arguments, Runtime.getRuntime().availableProcessors());
            root = root();
            checkHeap(options, Runtime.getRuntime().maxMemory());
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Path scratch = root.resolve("benchmarks").resolve("target").resolve("storage-benchmark");
        try {
            run(options, root.resolve("examples").resolve("iris"), scratch, System.out, System.err);
        } catch (SluiceException e) {
            System.err.println("The benchmark stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the suite {@code options} name and prints its tables to {@code out}.
     *
     * @param irisProject the Iris example project
     * @param scratch a directory the storage suite may create, fill and delete for its local-disk files
     */
    static void run(Options options, Path irisProject, Path scratch, PrintStream out, PrintStream progress) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.println(Report.header(options, date));
        out.println();
        switch (options.suite()) {
            case "storage" -> storage(options, irisProject, scratch, out, progress);
            case "shapes" -> shapes(options, scratch.resolveSibling("shapes-benchmark"), out, progress);
            case "cpu" -> cpu(options, scratch.resolveSibling("cpu-benchmark"), out, progress);
            case "spark" ->
                spark(
                        options,
                        irisProject,
                        scratch.resolveSibling("spark-benchmark"),
                        new SparkStore.LocalDisk(),
                        out,
                        progress);
            case "spark-s3" -> {
                try (S3ProxyServer s3 = S3ProxyServer.start()) {
                    spark(
                            options,
                            irisProject,
                            scratch.resolveSibling("spark-benchmark"),
                            new SparkStore.S3(s3),
                            out,
                            progress);
                }
            }
            case "iris-s3" -> {
                try (S3ProxyServer s3 = S3ProxyServer.start()) {
                    out.println(irisOnS3(options, irisProject, s3, progress));
                }
            }
            case "startup" -> {
                Path root = irisProject.toAbsolutePath().getParent().getParent();
                out.println(new StartupBenchmark(root, options.runs(), progress).run());
            }
            default -> delaySuites(options, irisProject, out, progress);
        }
        out.println(Report.footer());
    }

    /**
     * Fails when the JVM's heap cannot hold what the storage suite keeps at once: the S3 server's copy of
     * every output, the run's own values, and an overwrite in flight.
     *
     * @throws ConfigurationException naming the heap to ask for
     */
    static void checkHeap(Options options, long maxHeap) {
        if (!options.suite().equals("storage")) {
            return;
        }
        long neededMib = 14L * options.sizeMb() + 512;
        if (maxHeap >> 20 < neededMib) {
            throw new ConfigurationException("The storage suite with --size-mb " + options.sizeMb() + " needs about "
                    + neededMib + " MiB of heap (the in-process S3 server keeps its objects in memory); this JVM"
                    + " has " + (maxHeap >> 20) + " MiB. Run with JAVA_OPTS=-Xmx" + ((neededMib >> 10) + 1)
                    + "g, or lower --size-mb.");
        }
    }

    private static void delaySuites(Options options, Path irisProject, PrintStream out, PrintStream progress) {
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

    /**
     * The shapes suite: the four shapes under every runner and mode, parallel sync against Kedro's order,
     * then the overhead runs.
     */
    static void shapes(Options options, Path scratch, PrintStream out, PrintStream progress) {
        List<Shape> shapes = List.of(
                Shape.chain(10, options.compute()),
                Shape.wide(10, options.compute()),
                Shape.diamond(3, 4, options.compute()),
                Shape.random(20, options.seed(), options.compute()));
        List<ShapesBenchmark.Result> results;
        try (ScratchDirectory files = ScratchDirectory.create(scratch)) {
            results = new ShapesBenchmark(
                            shapes, options.delay(), options.runs(), options.workers(), files.path(), progress)
                    .run();
        }
        out.println(ShapesReport.modes(results, options.delay(), options.compute(), options.runs(), options.workers()));
        out.println(ShapesReport.kedro(results, options.delay(), options.compute(), options.workers(), options.seed()));
        out.flush();
        List<OverheadBenchmark.Result> overhead =
                new OverheadBenchmark(options.nodes(), options.runs(), options.workers(), progress).run();
        out.println(ShapesReport.overhead(overhead, options.runs(), options.workers()));
        out.flush();
    }

    /** The cpu suite: the bytes diamond, then the JSON fan-out, each in a directory of its own. */
    static void cpu(Options options, Path scratch, PrintStream out, PrintStream progress) {
        String priorities = ThreadPriorities.describe();
        List<CpuBenchmark.Workload> workloads = List.of(
                CpuBenchmark.bytesDiamond(options.sizeMb() << 20), CpuBenchmark.jsonFanOut(CpuBenchmark.JSON_VALUES));
        CpuBenchmark benchmark = new CpuBenchmark(options.runs(), options.workers(), progress);
        for (CpuBenchmark.Workload workload : workloads) {
            try (ScratchDirectory files = ScratchDirectory.create(scratch)) {
                List<CpuBenchmark.Result> results = benchmark.run(workload, files.path());
                out.println(CpuReport.table(workload.name(), results, options.runs(), options.workers(), priorities));
                out.flush();
            }
        }
    }

    /** The spark suites: the Spark example at scale with its outputs in {@code store}, in a directory of its own. */
    static void spark(
            Options options, Path irisProject, Path scratch, SparkStore store, PrintStream out, PrintStream progress) {
        Path project = irisProject.resolveSibling("spark");
        SparkBenchmark.Result result;
        try (ScratchDirectory files = ScratchDirectory.create(scratch)) {
            result = new SparkBenchmark(project, files.path(), store, options.rows(), options.runs(), progress).run();
        }
        out.println(SparkReport.table(result, options.runs()));
        out.flush();
    }

    private static void storage(
            Options options, Path irisProject, Path scratch, PrintStream out, PrintStream progress) {
        int bytes = options.sizeMb() << 20;
        List<StorageBenchmark.Result> results = new ArrayList<>();
        try (ScratchDirectory local = ScratchDirectory.create(scratch);
                S3ProxyServer s3 = S3ProxyServer.start()) {
            String bucket = s3.createBucket("sluice-benchmarks");
            List<StorageBenchmark.Store> stores = List.of(
                    new StorageBenchmark.Store(
                            "local disk", "`" + displayed(scratch) + "`", Storage.local(local.path())),
                    new StorageBenchmark.Store(
                            "S3", "S3Proxy on 127.0.0.1, in memory", s3.locate("s3://" + bucket + "/storage")));
            for (StorageBenchmark.Store store : stores) {
                StorageBenchmark.Result result =
                        new StorageBenchmark(store, bytes, options.runs(), options.workers(), progress).run();
                results.add(result);
                out.println(StorageReport.table(result, options.runs(), options.workers()));
                out.flush();
            }
            List<IrisS3Benchmark.ModeResult> iris =
                    new IrisS3Benchmark(irisProject, s3, options.runs(), progress).run();
            out.println(StorageReport.irisTable("S3Proxy at 127.0.0.1", iris, options.runs()));
            out.println(StorageReport.comparison(results, iris));
            out.flush();
        }
    }

    private static String irisOnS3(Options options, Path irisProject, S3ProxyServer s3, PrintStream progress) {
        List<IrisS3Benchmark.ModeResult> iris = new IrisS3Benchmark(irisProject, s3, options.runs(), progress).run();
        return StorageReport.irisTable("S3Proxy at 127.0.0.1", iris, options.runs());
    }

    /** The scratch directory as the report shows it: relative to the repository when it is inside. */
    private static String displayed(Path scratch) {
        Path root =
                Path.of(System.getProperty("sluice.root", ".")).toAbsolutePath().normalize();
        Path absolute = scratch.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private static Path root() {
        Path root =
                Path.of(System.getProperty("sluice.root", ".")).toAbsolutePath().normalize();
        Path iris = root.resolve("examples").resolve("iris");
        if (!Files.isDirectory(iris.resolve("conf"))) {
            throw new ConfigurationException("The Iris example is not at '" + iris + "'; run the benchmark with "
                    + "benchmarks/run, or pass the repository root with -Dsluice.root=DIR.");
        }
        return root;
    }
}
