package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tee on Spark: the producer's DataFrame is persisted and handed to its consumer at once, the write runs
 * as a concurrent Spark job in its own pool, both share one computation, and the cache is dropped after.
 */
class SparkTeeTest {
    private static final String WRITE = "save ids";
    private static final String CONSUME = "node consume";

    @TempDir
    Path project;

    private SparkSession spark;
    private final Jobs jobs = new Jobs();

    /** Jobs by description, in the order Spark's listener bus delivered their starts and ends. */
    static final class Jobs extends SparkListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> pools = new CopyOnWriteArrayList<>();

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String description = start.properties().getProperty("spark.job.description");
            events.add("start " + description + " #" + start.jobId());
            pools.add(description + " in " + start.properties().getProperty("spark.scheduler.pool"));
            if (WRITE.equals(description)) {
                Latches.writeStarted.countDown();
            } else if (CONSUME.equals(description)) {
                Latches.consumerStarted.countDown();
            }
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd end) {
            events.add("end #" + end.jobId());
        }
    }

    /**
     * What the user functions wait for. The producer's function (upstream of the cache) cannot finish before
     * the consumer's job started, and the consumer's function (downstream of it) cannot finish before the
     * write job started: a runner that wrote first and handed on after, or the reverse, times out here.
     */
    static final class Latches {
        static volatile CountDownLatch writeStarted;
        static volatile CountDownLatch consumerStarted;
        static final AtomicInteger produced = new AtomicInteger();

        static long produce(long id) throws InterruptedException {
            await(consumerStarted, "the consumer's job");
            produced.incrementAndGet();
            return id;
        }

        static long consume(long id) throws InterruptedException {
            await(writeStarted, "the write job");
            return id * 10;
        }

        private static void await(CountDownLatch latch, String what) throws InterruptedException {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + " never started while this one ran");
            }
        }
    }

    @BeforeEach
    void setUp() {
        spark = LocalSpark.session();
        spark.sparkContext().addSparkListener(jobs);
        Latches.writeStarted = new CountDownLatch(1);
        Latches.consumerStarted = new CountDownLatch(1);
        Latches.produced.set(0);
    }

    @AfterEach
    void tearDown() {
        spark.sparkContext().removeSparkListener(jobs);
    }

    private static org.apache.spark.sql.Dataset<Row> mapped(
            org.apache.spark.sql.Dataset<Row> frame, UDF1<Long, Long> udf) {
        return frame.withColumn("id", functions.udf(udf, DataTypes.LongType).apply(functions.col("id")));
    }

    /** What the producer returned and what the consumer received, set by the nodes. */
    private final AtomicReference<org.apache.spark.sql.Dataset<Row>> returned = new AtomicReference<>();

    private final AtomicReference<org.apache.spark.sql.Dataset<Row>> received = new AtomicReference<>();

    private DataCatalog idsCatalog() {
        return LocalSpark.catalog(project, """
                ids:
                  type: spark
                  filepath: data/ids
                """);
    }

    @Test
    void tee_consumerJobAndWriteJobOverlap_shareOneComputation_andTheCacheIsDroppedAfter() throws Exception {
        DataCatalog catalog = idsCatalog();
        Node produce = Node.named("produce").outputs("ids").fn(() -> {
            returned.set(mapped(SluiceSpark.session().range(4).toDF(), Latches::produce));
            return returned.get();
        });
        Node consume = Node.named("consume")
                .inputs("ids")
                .outputs("tens")
                .fn((org.apache.spark.sql.Dataset<Row> ids) -> {
                    received.set(ids);
                    return LocalSpark.rows(mapped(ids, Latches::consume));
                });

        RunResult result = Runner.builder()
                .io(IoMode.TEE)
                .hook(new SparkHook())
                .build()
                .run(Pipeline.of(produce, consume), catalog);
        spark.sparkContext().listenerBus().waitUntilEmpty();

        assertThat(result.freeOutputs()).containsEntry("tens", List.of("0", "10", "20", "30"));
        assertThat(received.get()).isSameAs(returned.get());
        assertThat(Latches.produced)
                .as("rows computed, once for the consumer and the write")
                .hasValue(4);
        assertThat(jobs.pools).contains(WRITE + " in " + SluiceSpark.SAVE_POOL, CONSUME + " in null");
        assertThat(overlapped(jobs.events)).as(jobs.events.toString()).isTrue();
        assertThat(returned.get().storageLevel().isValid()).as("still cached").isFalse();
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "ids"))).containsExactly("0", "1", "2", "3");
    }

    @Test
    void sync_writesThenHandsOnWhatItReadsBack() {
        DataCatalog catalog = idsCatalog();
        Node produce = Node.named("produce").outputs("ids").fn(() -> {
            returned.set(SluiceSpark.session().range(3).toDF());
            return returned.get();
        });
        Node consume = Node.named("consume").inputs("ids").outputs("n").fn((org.apache.spark.sql.Dataset<Row> ids) -> {
            received.set(ids);
            return ids.count();
        });

        RunResult result = Runner.builder().io(IoMode.SYNC).build().run(Pipeline.of(produce, consume), catalog);

        assertThat(result.freeOutputs()).containsEntry("n", 3L);
        assertThat(received.get()).isNotSameAs(returned.get());
        assertThat(received.get().inputFiles())
                .isNotEmpty()
                .allMatch(file ->
                        file.contains(project.resolve("data/ids").toUri().getPath()));
    }

    @Test
    void heldBytes_areWhatSparksStorageStatusReportsForTheCache() {
        SparkHandoff handoff = new SparkHandoff(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
        org.apache.spark.sql.Dataset<Row> frame =
                handoff.prepare(spark.range(10_000).toDF());

        long beforeAnyJob = handoff.heldBytes(frame).orElseThrow();
        frame.count();
        long afterAJob = handoff.heldBytes(frame).orElseThrow();
        handoff.release(frame);

        assertThat(beforeAnyJob).isZero();
        assertThat(afterAJob).isPositive();
        assertThat(handoff.heldBytes(frame).orElseThrow()).isZero();
        assertThat(handoff.lazy()).isTrue();
    }

    /**
     * Whether the first job of the consumer and the first of the write ran at the same time: each started
     * before the other ended, in the order Spark's listener bus delivered the events.
     */
    private static boolean overlapped(List<String> events) {
        String write = firstJob(events, WRITE);
        String consume = firstJob(events, CONSUME);
        return write != null
                && consume != null
                && events.indexOf("start " + WRITE + " " + write) < events.indexOf("end " + consume)
                && events.indexOf("start " + CONSUME + " " + consume) < events.indexOf("end " + write);
    }

    private static String firstJob(List<String> events, String description) {
        return events.stream()
                .filter(e -> e.startsWith("start " + description + " "))
                .map(e -> e.substring(e.lastIndexOf(' ') + 1))
                .findFirst()
                .orElse(null);
    }
}
