package dev.sluice.sparkcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code examples/spark-submit}, packaged by {@code sluice:package}, submitted with
 * {@code spark-submit} (without {@code --class}: the jar's manifest names the CLI) to a standalone cluster
 * whose master, worker and executor are separate JVMs: the run reads the configuration packed in the jar,
 * its tasks run this project's code in the executor, its outputs commit in the driver's working directory,
 * and its manifest records them.
 */
class SparkSubmitIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path APPLICATION_JAR = Path.of(System.getProperty("sluice.applicationJar"));

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        List<Path> sparkJars = Arrays.stream(Files.readString(Path.of(System.getProperty("sluice.sparkJars")))
                        .strip()
                        .split(File.pathSeparator))
                .map(Path::of)
                .toList();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), sparkJars, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void applicationJar_holdsTheProjectCliAndConf_withoutSparkScalaOrALoggingBackend() throws IOException {
        try (JarFile jar = new JarFile(APPLICATION_JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.sluice.cli.Main");
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "dev/sluice/examples/sparksubmit/ClusterNodes.class",
                            "dev/sluice/cli/Main.class",
                            "dev/sluice/spark/SluiceSpark.class",
                            "io/delta/sql/DeltaSparkSessionExtension.class",
                            "picocli/CommandLine.class",
                            "META-INF/sluice/conf/base/catalog.yml",
                            "META-INF/sluice/conf/base/spark.yml");
            // Delta's own classes live in org.apache.spark.sql.delta; Spark's are the cluster's.
            assertThat(names.stream()
                            .filter(name -> name.startsWith("org/apache/spark/deploy/")
                                    || name.equals("org/apache/spark/SparkContext.class")
                                    || name.equals("org/apache/spark/sql/SparkSession.class")
                                    || name.startsWith("scala/")
                                    || name.startsWith("ch/qos/logback/")
                                    || name.startsWith("org/slf4j/")
                                    || name.startsWith("META-INF/sluice/conf/local/")))
                    .isEmpty();
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/dev.sluice.io.DatasetType"))
                            .readAllBytes()))
                    .contains("dev.sluice.spark.SparkDatasetType", "dev.sluice.spark.DeltaDatasetType");
        }
    }

    @Test
    void sparkSubmit_packagedProject_runsItsTasksInExecutorJvmsAndCommitsEveryOutput() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        List<String> args = new ArrayList<>(List.of(
                "--master",
                cluster.masterUrl(),
                "--executor-memory",
                "1g",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.executor.extraJavaOptions=" + String.join(" ", StandaloneCluster.quietJvmOptions()),
                APPLICATION_JAR.toString(),
                "run"));

        StandaloneCluster.Submitted submitted = cluster.submit(args, project, Duration.ofMinutes(5));
        System.out.printf(
                "spark-submit of the example took %.1f s%n", submitted.took().toMillis() / 1000.0);

        assertThat(submitted.exitCode())
                .as("spark-submit's exit code; the logs:%s", cluster.logTails())
                .isZero();
        // The tasks of record_task_processes ran in executor JVMs that the worker started, not in the driver.
        List<JsonNode> tasks = jsonLines(project.resolve("data/08_reporting/task_processes"));
        assertThat(tasks).hasSize(4);
        for (JsonNode task : tasks) {
            assertThat(task.get("executor_id").asText()).isNotEqualTo("driver");
            assertThat(task.get("pid").asLong()).isNotEqualTo(submitted.pid());
            assertThat(task.get("parent_pid").asLong())
                    .isEqualTo(cluster.worker().pid());
            assertThat(task.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
        }
        assertThat(tasks.stream().mapToLong(task -> task.get("orders").asLong()).sum())
                .isEqualTo(20_000);
        assertThat(project.resolve("data/02_intermediate/orders/_SUCCESS")).isRegularFile();
        assertThat(project.resolve("data/03_primary/customer_totals/_delta_log/00000000000000000000.json"))
                .isRegularFile();

        JsonNode manifest = manifest(project);
        assertThat(manifest.get("status").asText()).isEqualTo("COMPLETED");
        for (String dataset : List.of("orders", "customer_totals", "task_processes")) {
            assertThat(manifest.at("/datasets/" + dataset + "/state").asText())
                    .as(dataset)
                    .isEqualTo("COMMITTED");
        }
        assertThat(manifest.at("/datasets/customer_totals/version").asText()).isEqualTo("0");
        // The tee handed the orders on: neither consumer loaded them from storage.
        for (String consumer : List.of("total_by_customer", "record_task_processes")) {
            assertThat(manifest.at("/nodes/" + consumer + "/state").asText()).isEqualTo("COMPLETED");
            assertThat(manifest.at("/nodes/" + consumer + "/load").findValuesAsText("dataset"))
                    .doesNotContain("orders");
        }
    }

    private static JsonNode manifest(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".sluice/runs"))) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().equals("manifest.json"))
                    .toList();
            assertThat(manifests).hasSize(1);
            return JSON.readTree(manifests.get(0).toFile());
        }
    }

    /** The records of a Spark JSON directory (one JSON object per line in each part file). */
    private static List<JsonNode> jsonLines(Path dir) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList()) {
                for (String line : Files.readAllLines(part)) {
                    if (!line.isBlank()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
        }
        return records;
    }
}
