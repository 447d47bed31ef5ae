package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.project.Session;
import dev.sluice.runner.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's session: built from spark.yml through the hook, labelled with the run and node, stopped at the end. */
class SparkSessionTest {
    @TempDir
    Path project;

    /** The job labels Spark saw, by description; filled by a listener, read after the session stopped. */
    static final class JobLabels extends SparkListener {
        final Map<String, String> groups = new ConcurrentHashMap<>();
        final Map<String, String> pools = new ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            String description = jobStart.properties().getProperty("spark.job.description");
            if (description != null) {
                groups.put(description, jobStart.properties().getProperty("spark.jobGroup.id"));
                pools.put(description, String.valueOf(jobStart.properties().getProperty("spark.scheduler.pool")));
            }
        }
    }

    @Test
    void run_buildsTheSessionFromSparkYml_labelsJobsWithRunAndNode_andStopsItAtTheEnd() throws IOException {
        LocalSpark.stop();
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("spark.yml"), """
                spark.master: local[1]
                spark.app.name: from-spark-yml
                spark.driver.host: 127.0.0.1
                spark.ui.enabled: false
                spark:
                  sql.shuffle.partitions: 3
                """);
        Files.writeString(base.resolve("catalog.yml"), """
                ids:
                  type: spark
                  filepath: data/ids
                """);
        AtomicReference<SparkSession> used = new AtomicReference<>();
        JobLabels labels = new JobLabels();
        List<String> seen = new CopyOnWriteArrayList<>();
        Node make = Node.named("make").outputs("ids").fn(() -> {
            SparkSession spark = SluiceSpark.session();
            used.set(spark);
            spark.sparkContext().addSparkListener(labels);
            seen.add(spark.sparkContext().master());
            seen.add(spark.sparkContext().appName());
            seen.add(spark.conf().get("spark.sql.shuffle.partitions"));
            seen.add(spark.conf().get(SluiceSpark.CACHE_COMPRESSED));
            // Declared up front (no job has asked for it yet), so the first background write logs no warning.
            seen.add("save pool declared: "
                    + spark.sparkContext().getPoolForName(SluiceSpark.SAVE_POOL).isDefined());
            return spark.range(3).toDF();
        });
        Node count = Node.named("count")
                .inputs("ids")
                .outputs("n")
                .fn((org.apache.spark.sql.Dataset<Row> ids) -> ids.count());
        PipelineRegistry registry = () -> Map.of(PipelineRegistry.DEFAULT, Pipeline.of(make, count));

        RunResult result = Session.open(Project.at(project).registry(registry)).run();

        assertThat(result.freeOutputs()).containsEntry("n", 3L);
        assertThat(seen).containsExactly("local[1]", "from-spark-yml", "3", "false", "save pool declared: true");
        SparkContext context = used.get().sparkContext();
        assertThat(context.isStopped()).isTrue();
        assertThat(SluiceSpark.isActive()).isFalse();
        assertThat(labels.groups).containsEntry("node count", result.runId()).containsEntry("save ids", result.runId());
        assertThat(labels.pools)
                .containsEntry("save ids", SluiceSpark.SAVE_POOL)
                .containsEntry("node count", "null");
    }

    @Test
    void submittedSettings_sparkSystemProperties_withoutTheNameSparkSubmitMadeUpFromTheMainClass() {
        Properties system = new Properties();
        system.setProperty("spark.master", "spark://127.0.0.1:7077");
        system.setProperty("spark.executor.memory", "1g");
        system.setProperty("spark.app.name", "dev.sluice.cli.Main");
        system.setProperty("java.version", "17");

        assertThat(SluiceSpark.submittedSettings(system))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("spark.master", "spark://127.0.0.1:7077", "spark.executor.memory", "1g"));

        system.setProperty("spark.app.name", "nightly");
        assertThat(SluiceSpark.submittedSettings(system)).containsEntry("spark.app.name", "nightly");
    }
}
