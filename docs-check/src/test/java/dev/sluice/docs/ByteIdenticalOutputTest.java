package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.io.DatasetTypes;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dflib.DataFrame;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in file format writes byte-identical files for identical values, whatever the JVM, the
 * runner and the I/O mode: the same pipeline, one node per dataset type, runs in two JVMs (one giving
 * every object the same identity hash, so hash-ordered collections iterate differently from the
 * other's) under five runner and I/O combinations, and every file written must have the same SHA-256
 * in all ten runs. Databases ({@code sql.table}) and read-only types are not files Sluice writes.
 */
class ByteIdenticalOutputTest {
    /** Runner and I/O combinations, split over the two JVMs. */
    private static final List<List<String>> COMBINATIONS = List.of(
            List.of("sequential:sync", "parallel:tee", "sequential:cache"),
            List.of("sequential:tee", "parallel:async", "parallel:cache"));

    /**
     * Catalog entries by name, at least one per type: a type with no entry here must be added (or named in
     * {@link #NOT_FILES}), so the test covers every type.
     */
    private static final Map<String, String> ENTRIES = entries();

    /**
     * Types that write no file of their own (a database, an HTTP endpoint, memory, a wrapper) or whose files
     * Spark writes (spark, delta: part files named by Spark's job ids).
     */
    private static final Set<String> NOT_FILES =
            Set.of("memory", "slow", "sql.table", "sql.query", "duckdb", "api", "spark", "delta");

    @TempDir
    Path dir;

    @Test
    void everyFormat_twoJvmsRunnersAndIoModes_writeByteIdenticalFiles() throws Exception {
        Set<String> uncovered = new TreeSet<>(DatasetTypes.discover().names());
        uncovered.removeAll(NOT_FILES);
        ENTRIES.keySet().forEach(entry -> uncovered.remove(typeOf(entry)));
        assertThat(uncovered)
                .as("dataset types this test does not write: add an entry for each to ENTRIES, or to NOT_FILES")
                .isEmpty();

        List<Path> runs = new ArrayList<>();
        for (int jvm = 0; jvm < COMBINATIONS.size(); jvm++) {
            List<String> options = jvm == 0
                    ? List.of("-Djava.awt.headless=true", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2")
                    : List.of("-Djava.awt.headless=true");
            List<String> args = new ArrayList<>();
            for (String combination : COMBINATIONS.get(jvm)) {
                Path project = dir.resolve("jvm" + jvm + "-" + combination.replace(':', '-'));
                runs.add(project);
                args.add(project.toString());
                args.add(combination);
            }
            runInChildJvm(options, args);
        }

        Map<String, String> reference = checksums(runs.get(0));
        assertThat(reference.keySet()).as("files written").hasSizeGreaterThanOrEqualTo(ENTRIES.size());
        for (Path run : runs.subList(1, runs.size())) {
            assertThat(checksums(run))
                    .as("files of %s against %s", run.getFileName(), runs.get(0).getFileName())
                    .isEqualTo(reference);
        }
    }

    /** Runs the pipeline in each project directory with its combination; the child JVMs' entry point. */
    public static void main(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            Path project = Path.of(args[i]);
            String[] combination = args[i + 1].split(":");
            writeProject(project);
            Pipeline pipeline = pipeline();
            Project opened = Project.at(project)
                    .registry(() -> Map.of(PipelineRegistry.DEFAULT, pipeline))
                    .open();
            Runner.Builder runner = Runner.builder().io(IoMode.valueOf(combination[1].toUpperCase()));
            if (combination[0].equals("parallel")) {
                runner.parallel(4);
            }
            runner.build().run(pipeline, opened.catalog());
        }
    }

    private static Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("bytes", "type: bytes\n  filepath: data/out.bin");
        entries.put("chart", "type: chart\n  filepath: data/chart.png");
        entries.put("chart_svg", "type: chart\n  filepath: data/chart.svg");
        entries.put("csv", "type: csv\n  filepath: data/frame.csv");
        entries.put("csv_rows", "type: csv.rows\n  filepath: data/rows.csv");
        entries.put("excel", "type: excel\n  filepath: data/frame.xlsx");
        entries.put("excel_sheets", "type: excel\n  filepath: data/sheets.xlsx");
        entries.put("feather", "type: feather\n  filepath: data/frame.feather");
        entries.put(
                "feather_lz4",
                "type: pandas.FeatherDataset\n  filepath: data/frame-lz4.feather\n  save_args: {compression: lz4}");
        entries.put(
                "incremental", "type: incremental\n  path: data/incremental\n  dataset: csv\n  filename_suffix: .csv");
        entries.put("json", "type: json\n  filepath: data/doc.json");
        entries.put("networkx_json", "type: networkx.JSONDataset\n  filepath: data/graph.json");
        entries.put("object", "type: object\n  filepath: data/model.json");
        entries.put("object_cbor", "type: object.cbor\n  filepath: data/model.pkl");
        entries.put("parquet", "type: parquet\n  filepath: data/frame.parquet");
        entries.put("partitioned", "type: partitioned\n  path: data/daily\n  dataset: csv\n  filename_suffix: .csv");
        entries.put("plotly_json", "type: plotly.JSONDataset\n  filepath: data/figure.json");
        entries.put(
                "plotly_figure",
                "type: plotly.PlotlyDataset\n  filepath: data/bar.json\n  plotly_args:\n    type: bar\n    fig:\n"
                        + "      x: name\n      y: count");
        entries.put("polars_csv", "type: polars.CSVDataset\n  filepath: data/polars.csv");
        entries.put(
                "polars_eager",
                "type: polars.EagerPolarsDataset\n  filepath: data/eager.parquet\n  file_format: parquet");
        entries.put("polars_lazy", "type: polars.LazyPolarsDataset\n  filepath: data/lazy.csv\n  file_format: csv");
        entries.put("polars_parquet", "type: polars.ParquetDataset\n  filepath: data/polars.parquet");
        entries.put("text", "type: text\n  filepath: data/notes.txt");
        entries.put("metrics", "type: tracking.MetricsDataset\n  filepath: data/metrics.json\n  versioned: false");
        entries.put("tracking_json", "type: tracking.JSONDataset\n  filepath: data/tracking.json\n  versioned: false");
        entries.put("yaml", "type: yaml\n  filepath: data/doc.yml");
        return entries;
    }

    private static String typeOf(String entry) {
        String definition = ENTRIES.get(entry);
        return definition.substring("type: ".length(), definition.indexOf('\n'));
    }

    private static void writeProject(Path project) {
        StringBuilder catalog = new StringBuilder();
        ENTRIES.forEach((name, definition) -> catalog.append('"')
                .append(name)
                .append("\":\n  ")
                .append(definition)
                .append('\n'));
        try {
            Files.createDirectories(project.resolve("conf/base"));
            Files.createDirectories(project.resolve("conf/local"));
            Files.writeString(project.resolve("conf/base/catalog.yml"), catalog.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One node per dataset, so the parallel runner writes them in varying orders. */
    private static Pipeline pipeline() {
        Map<String, Object> values = values();
        List<Node> nodes = new ArrayList<>();
        for (String entry : ENTRIES.keySet()) {
            Object value = values.get(entry);
            nodes.add(Node.named("make_" + entry).outputs(entry).fn(() -> value));
        }
        return Pipeline.of(nodes);
    }

    private static Map<String, Object> values() {
        DataFrame frame = DataFrame.foldByRow("name", "count", "ratio", "day")
                .of(
                        "a",
                        1,
                        0.5,
                        LocalDate.of(2024, 1, 1),
                        "b, with a comma",
                        2,
                        null,
                        LocalDate.of(2024, 1, 2),
                        null,
                        3,
                        1e-9,
                        null,
                        "ünïcode",
                        -4,
                        12345.678,
                        LocalDate.of(2024, 2, 29));
        DataFrame numbers = DataFrame.foldByRow("name", "count", "ratio").of("a", 1, 0.5, "b", 2, null, "c", 3, 2.25);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "model");
        document.put("tags", Set.of("z", "a", "m"));
        document.put("weights", List.of(0.1, 0.2, 0.30000000000000004));
        document.put("nested", Map.of("b", 2, "a", 1, "c", List.of(true, false)));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bytes", new byte[] {0, 1, 2, (byte) 0xff});
        values.put("chart", barChart());
        values.put("chart_svg", barChart());
        values.put("csv", frame);
        values.put("csv_rows", List.of(Map.of("x", "1", "y", "2"), Map.of("x", "3", "y", "4")));
        values.put("excel", frame);
        values.put("excel_sheets", new TreeMap<>(Map.of("first", numbers, "second", numbers)));
        values.put("feather", frame);
        values.put("feather_lz4", frame);
        values.put("incremental", Map.of("2024-01-01", numbers, "2024-01-02", numbers));
        values.put("json", document);
        values.put(
                "networkx_json",
                Map.of(
                        "directed",
                        true,
                        "nodes",
                        List.of(Map.of("id", "a"), Map.of("id", "b")),
                        "links",
                        List.of(Map.of("source", "a", "target", "b"))));
        // The object formats keep a value's own classes, Map.of included, so they are given ordered ones.
        Map<String, Object> ordered = new TreeMap<>();
        ordered.put("name", "model");
        ordered.put("tags", new LinkedHashSet<>(List.of("z", "a", "m")));
        ordered.put("weights", List.of(0.1, 0.2, 0.30000000000000004));
        ordered.put("nested", new TreeMap<>(Map.of("b", 2, "a", 1, "c", List.of(true, false))));
        values.put("object", ordered);
        values.put("object_cbor", ordered);
        values.put("parquet", numbers);
        values.put("partitioned", Map.of("shop=1/2024-01-01", numbers, "shop=2/2024-01-01", numbers));
        values.put("plotly_json", Map.of("data", List.of(Map.of("x", List.of(1, 2))), "layout", Map.of()));
        values.put("plotly_figure", numbers);
        values.put("polars_csv", numbers);
        values.put("polars_eager", numbers);
        values.put("polars_lazy", numbers);
        values.put("polars_parquet", numbers);
        values.put("text", "line one\nline two, ünïcode\n");
        values.put("metrics", Map.of("accuracy", 0.97, "loss", 0.03, "auc", 0.9));
        values.put("tracking_json", document);
        values.put("yaml", document);
        return values;
    }

    private static JFreeChart barChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(4, "capacity", "Falcon");
        data.addValue(7, "capacity", "Dragon");
        return ChartFactory.createBarChart("Shuttles", "shuttle", "passengers", data);
    }

    /** SHA-256 of every file under the project's data/, by relative path. */
    private static Map<String, String> checksums(Path project) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        Path data = project.resolve("data");
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                sums.put(data.relativize(file).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return sums;
    }

    private void runInChildJvm(List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ByteIdenticalOutputTest.class.getName()));
        command.addAll(args);
        File log = dir.resolve("child-" + Integer.toHexString(args.hashCode()) + ".log")
                .toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("child JVM finished")
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(log.toPath())).isZero();
    }
}
