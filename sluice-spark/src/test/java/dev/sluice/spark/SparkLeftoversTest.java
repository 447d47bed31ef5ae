package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.AbandonedWrites;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.cli.Main;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Leftovers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed {@code spark} saves leave beside their directory (the hidden sibling {@code .name.sluice-<id>})
 * is removed by the next run once the writing process is dead, and never while it lives.
 */
class SparkLeftoversTest {
    @TempDir
    Path project;

    private Process alive;

    @BeforeEach
    void setUp() {
        LocalSpark.session();
    }

    @AfterEach
    void tearDown() {
        if (alive != null) {
            alive.destroyForcibly();
        }
    }

    /**
     * A save in another process, stopped half-way: it locks its lock file as a save does, writes part of its
     * hidden sibling, prints its id and waits to be killed.
     */
    public static final class HalfSave {
        public static void main(String[] args) throws Exception {
            org.apache.hadoop.fs.Path target =
                    new org.apache.hadoop.fs.Path(Path.of(args[0]).toUri());
            String id = Siblings.newId();
            Siblings.lock(target, id);
            Path sibling = Path.of(Siblings.sibling(target, "sluice", id).toUri());
            Files.createDirectories(sibling.resolve("_temporary/0"));
            Files.writeString(sibling.resolve("_temporary/0/part-00000.parquet"), "half of a part");
            System.out.println("half save " + id);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts a {@link HalfSave} of {@code target} and returns it once it has locked and written. */
    private static Process halfSave(Path target) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HalfSave.class.getName(),
                        target.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Logging may print first; the save prints its id once it has locked and written.
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("half save ")) {
                return process;
            }
        }
        throw new IllegalStateException("the half save ended without saving: exit " + process.waitFor());
    }

    private static List<String> hidden(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(".ids.sluice-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void run_siblingOfAKilledSave_isRemovedAndThatOfALiveOneIsKept() throws Exception {
        Path data = Files.createDirectories(project.resolve("data"));
        Files.createDirectories(project.resolve("conf/local"));
        LocalSpark.catalog(project, """
                ids:
                  type: spark
                  filepath: data/ids
                total:
                  type: text
                  filepath: data/total.txt
                """);
        Process killed = halfSave(data.resolve("ids"));
        killed.destroyForcibly().waitFor();
        List<String> leftBehind = hidden(data);
        alive = halfSave(data.resolve("ids"));
        List<String> live =
                hidden(data).stream().filter(name -> !leftBehind.contains(name)).toList();
        SparkRunFailureTest.Registry.failTotal.set(false);

        StringWriter out = new StringWriter();
        int exit = Main.execute(
                new PrintWriter(out, true), new PrintWriter(out, true), "run", "--project", project.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(leftBehind).as("a sibling and its lock file").hasSize(2);
        assertThat(live).hasSize(2);
        assertThat(hidden(data)).containsExactlyElementsOf(live);
        assertThat(project.resolve("data/total.txt")).hasContent("3");
    }

    @Test
    void removeLeftovers_saveKilledDuringItsSwap_putsTheOldDataBackAndRemovesTheNew() throws IOException {
        DataCatalog catalog = LocalSpark.catalog(project, """
                ids:
                  type: spark
                  filepath: data/ids
                """);
        // What kill -9 leaves between the two renames of an overwrite: the old data aside, the new one beside it.
        Path old = Files.createDirectories(project.resolve("data/.ids.sluice-old-99999999.k3j2l1"));
        Files.writeString(old.resolve("part-00000.csv"), "old");
        Path staging = Files.createDirectories(project.resolve("data/.ids.sluice-99999999.k3j2l1"));
        Files.writeString(staging.resolve("part-00000.csv"), "new!");

        Leftovers removed = AbandonedWrites.remove(catalog, List.of("ids"));

        assertThat(removed).isEqualTo(new Leftovers(1, 4));
        assertThat(project.resolve("data/ids/part-00000.csv")).hasContent("old");
        assertThat(hidden(project.resolve("data"))).isEmpty();
    }

    static final CountDownLatch writing = new CountDownLatch(1);
    static final CountDownLatch checked = new CountDownLatch(1);

    static long holdTheWrite(long id) throws InterruptedException {
        writing.countDown();
        if (!checked.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never checked the live save");
        }
        return id;
    }

    @Test
    void removeLeftovers_duringALiveSaveOfThisJvm_leavesItsSiblingAlone() throws Exception {
        DataCatalog catalog = LocalSpark.catalog(project, """
                ids:
                  type: spark
                  filepath: data/ids
                """);
        UDF1<Long, Long> hold = SparkLeftoversTest::holdTheWrite;
        Node make = Node.named("make").outputs("ids").fn(() -> SluiceSpark.session()
                .range(3)
                .toDF()
                .withColumn("id", functions.udf(hold, DataTypes.LongType).apply(functions.col("id"))));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                () -> Runner.builder().io(IoMode.SYNC).build().run(Pipeline.of(make), catalog));

        assertThat(writing.await(60, TimeUnit.SECONDS)).as("the write started").isTrue();
        List<String> during = hidden(project.resolve("data"));
        Leftovers removed = AbandonedWrites.remove(catalog, List.of("ids"));
        List<String> after = hidden(project.resolve("data"));
        checked.countDown();
        run.get(120, TimeUnit.SECONDS);

        assertThat(during).as("the save's sibling and lock file").hasSize(2);
        assertThat(removed).isEqualTo(Leftovers.NONE);
        assertThat(after).isEqualTo(during);
        assertThat(hidden(project.resolve("data"))).isEmpty();
        assertThat(LocalSpark.rows(LocalSpark.load(catalog, "ids"))).containsExactly("0", "1", "2");
    }
}
