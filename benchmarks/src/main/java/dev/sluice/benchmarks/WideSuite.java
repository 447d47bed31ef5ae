package dev.sluice.benchmarks;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.datasets.json.JsonDataset;
import dev.sluice.io.Dataset;
import dev.sluice.io.SlowDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A wide pipeline built in code: one source fans out to {@value #BRANCHES} branches of equal compute,
 * which a join adds up, under the parallel runner. The source's and every branch's output are JSON
 * files in a temporary directory behind a {@code slow} dataset; the join's result stays in memory.
 */
final class WideSuite implements Suite {
    static final int BRANCHES = 16;

    private final int workers;
    private final Path dir;
    private final Pipeline pipeline;

    WideSuite(int workers) {
        this.workers = workers;
        try {
            this.dir = Files.createTempDirectory("sluice-benchmarks-wide-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the wide pipeline's files", e);
        }
        this.pipeline = pipeline();
    }

    static Pipeline pipeline() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(Node.named("make_samples").outputs("samples").fn(WideNodes::samples));
        Map<String, String> joinInputs = new LinkedHashMap<>();
        for (int i = 1; i <= BRANCHES; i++) {
            int branch = i;
            String output = branchOutput(branch);
            nodes.add(Node.named(String.format("branch_%02d", branch))
                    .inputs("samples")
                    .outputs(output)
                    .fn((double[] samples) -> WideNodes.branch(samples, branch)));
            joinInputs.put(output, output);
        }
        nodes.add(Node.named("join")
                .inputs(joinInputs)
                .outputs("histogram")
                .fnByName(inputs -> WideNodes.join(inputs.asMap())));
        return Pipeline.of(nodes);
    }

    private static String branchOutput(int branch) {
        return String.format("histogram_%02d", branch);
    }

    @Override
    public String name() {
        return "wide";
    }

    @Override
    public String title(Duration delay) {
        return "Wide: 1 source → " + BRANCHES + " branches → 1 join, parallel runner (" + workers + " workers), "
                + (BRANCHES + 1) + " slow JSON outputs, d = " + Format.compact(delay) + " s";
    }

    @Override
    public Setup setup(Duration delay) {
        DataCatalog.Builder catalog = DataCatalog.builder();
        catalog.add("samples", slowJson("samples", delay));
        for (int i = 1; i <= BRANCHES; i++) {
            catalog.add(branchOutput(i), slowJson(branchOutput(i), delay));
        }
        return new Setup(pipeline, catalog.build(), List.of());
    }

    private Dataset<double[]> slowJson(String name, Duration delay) {
        JsonDataset<double[]> json = JsonDataset.at(Storage.local(dir.resolve(name + ".json")), double[].class);
        return SlowDataset.wrap(json).loadDelay(delay).saveDelay(delay).build();
    }

    @Override
    public Runner.Builder runner() {
        return Runner.builder().parallel(workers);
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the wide pipeline's files in " + dir, e);
        }
    }
}
