package dev.sluice.cli;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.io.Dataset;
import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import picocli.CommandLine;

/**
 * A project on disk whose pipeline is the chain {@code raw -> n1 -> a -> n2 -> b -> n3 -> c -> n4 -> d},
 * every dataset a text file under {@code data/}, with nodes that count their runs and fail or block on
 * demand. Runs the CLI in this JVM with the project's registry injected.
 */
final class ChainProject {
    static final List<String> NODES = List.of("n1", "n2", "n3", "n4");
    static final List<String> OUTPUTS = List.of("a", "b", "c", "d");
    /** The file whose creation lets a {@code gate:} node return. */
    static final String RELEASE = "release";

    final Path dir;
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Set<String> failing = new CopyOnWriteArraySet<>();
    /** Datasets whose saves fail, once the last node has run (so the tee has handed them on first). */
    final Set<String> failingSavesAfterLastNode = new CopyOnWriteArraySet<>();

    private final CountDownLatch lastNodeRan = new CountDownLatch(1);
    private final String blockCompute;
    private final String blockSave;

    /** The command's output and exit code. */
    record Result(int exitCode, String out, String err) {}

    ChainProject(Path dir) {
        this(dir, null, null);
    }

    /**
     * @param blockCompute a node whose function never returns (until interrupted), or {@code null};
     *     {@code gate:<node>}: the node returns once the file {@link #RELEASE} exists in the project;
     *     {@code stubborn:<node>}: the node never returns and ignores interrupts
     * @param blockSave a dataset whose save never returns, or {@code null}
     */
    ChainProject(Path dir, String blockCompute, String blockSave) {
        this.dir = dir;
        this.blockCompute = blockCompute;
        this.blockSave = blockSave;
    }

    /** Writes the configuration and the raw input. */
    ChainProject create() throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/local"));
        Files.createDirectories(dir.resolve("data"));
        StringBuilder catalog = new StringBuilder("raw:\n  type: text\n  filepath: data/raw.txt\n");
        for (String output : OUTPUTS) {
            catalog.append(output)
                    .append(":\n  type: text\n  filepath: data/")
                    .append(output)
                    .append(".txt\n");
        }
        Files.writeString(dir.resolve("conf/base/catalog.yml"), catalog.toString());
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "suffix: ''\n");
        Files.writeString(dir.resolve("conf/local/credentials.yml"), "warehouse:\n  password: hunter2-credential\n");
        Files.writeString(dir.resolve("data/raw.txt"), "r");
        return this;
    }

    PipelineRegistry registry() {
        return () -> Map.of(PipelineRegistry.DEFAULT, pipeline());
    }

    Pipeline pipeline() {
        Node[] nodes = new Node[NODES.size()];
        for (int i = 0; i < nodes.length; i++) {
            String name = NODES.get(i);
            String input = i == 0 ? "raw" : OUTPUTS.get(i - 1);
            nodes[i] = Node.named(name)
                    .inputs(input, "params:suffix")
                    .outputs(OUTPUTS.get(i))
                    .fn((String in, String suffix) -> {
                        runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                        if (name.equals(blockCompute)) {
                            blockForever();
                        } else if (("gate:" + name).equals(blockCompute)) {
                            awaitFile(dir.resolve(RELEASE));
                        } else if (("stubborn:" + name).equals(blockCompute)) {
                            blockIgnoringInterrupts();
                        }
                        if (failing.contains(name)) {
                            throw new IllegalStateException("injected failure in " + name);
                        }
                        if (name.equals(NODES.get(NODES.size() - 1))) {
                            lastNodeRan.countDown();
                        }
                        return in + "|" + name + suffix;
                    });
        }
        return Pipeline.of(nodes);
    }

    /** Replaces the dataset whose save must block, once the catalog exists. */
    Hook blockingSaves() {
        return new Hook() {
            @Override
            public void afterCatalogCreated(DataCatalog catalog) {
                if (blockSave != null) {
                    CatalogEntry entry = catalog.entry(blockSave).orElseThrow();
                    catalog.put(new CatalogEntry(
                            blockSave,
                            new InterceptedSave<>(entry.dataset(), ChainProject::blockForever),
                            entry.tee(),
                            entry.source()));
                }
                for (String dataset : failingSavesAfterLastNode) {
                    CatalogEntry entry = catalog.entry(dataset).orElseThrow();
                    Runnable fail = () -> {
                        await(lastNodeRan);
                        throw new IllegalStateException("injected failure saving " + dataset);
                    };
                    catalog.put(new CatalogEntry(
                            dataset, new InterceptedSave<>(entry.dataset(), fail), entry.tee(), entry.source()));
                }
            }
        };
    }

    /** Runs {@code sluice <args>} in this JVM against this project. */
    Result sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        configure(cli);
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    void configure(CommandLine cli) {
        RunCommand run = (RunCommand) cli.getSubcommands().get("run").getCommand();
        run.project.configure = builder -> builder.registry(registry()).hook(blockingSaves());
        PipelineCommand.Describe describe = (PipelineCommand.Describe) cli.getSubcommands()
                .get("pipeline")
                .getSubcommands()
                .get("describe")
                .getCommand();
        describe.project.configure = builder -> builder.registry(registry());
    }

    /** Counts of node runs since the last call, by node. */
    Map<String, Integer> takeRuns() {
        Map<String, Integer> counts = new TreeMap<>();
        NODES.forEach(n -> counts.put(n, runs.containsKey(n) ? runs.get(n).get() : 0));
        runs.clear();
        return counts;
    }

    /** Every file under {@code data/}, by relative path. */
    Map<String, String> data() {
        Map<String, String> files = new TreeMap<>();
        Path data = dir.resolve("data");
        try (Stream<Path> paths = Files.walk(data)) {
            paths.filter(Files::isRegularFile).forEach(p -> {
                try {
                    files.put(data.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    RunHistory history() {
        return RunHistory.of(dir);
    }

    RunManifest lastManifest() {
        return history().read(RunHistory.LAST);
    }

    /** A project in {@code dir} that has run to the end once: what an uninterrupted run stores. */
    static ChainProject completed(Path dir) throws IOException {
        ChainProject project = new ChainProject(dir).create();
        Result result = project.sluice("run", "--project", dir.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("The reference run failed: " + result.err());
        }
        return project;
    }

    /** Waits (up to a minute) until the last run's manifest shows {@code stage}, and returns that manifest. */
    RunManifest awaitManifest(Predicate<RunManifest> stage) {
        RunHistory history = history();
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> history.read(RunHistory.LAST), stage::test);
    }

    static void blockForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits, polling, until {@code file} exists. */
    private static void awaitFile(Path file) {
        try {
            while (!Files.exists(file)) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void blockIgnoringInterrupts() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // ignored on purpose: a node that does not stop when interrupted
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the last node never ran");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A dataset whose saves run {@code instead} and never write: they block forever, or fail. */
    private static final class InterceptedSave<T> implements Dataset<T> {
        private final Dataset<T> dataset;
        private final Runnable instead;

        InterceptedSave(Dataset<T> dataset, Runnable instead) {
            this.dataset = dataset;
            this.instead = instead;
        }

        @Override
        public T load() {
            return dataset.load();
        }

        @Override
        public void save(T value) {
            instead.run();
        }

        @Override
        public boolean exists() {
            return dataset.exists();
        }

        @Override
        public Map<String, Object> describe() {
            return dataset.describe();
        }
    }
}
