package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path scratch;

    @Test
    void run_irisWithoutDelay_printsHeaderAndOneRowPerMode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Options options = new Options("iris", Duration.ZERO, 1, 2, 64);

        Main.run(options, Path.of("../examples/iris"), scratch, print(out), print(progress));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .startsWith("Command: `benchmarks/run iris --delay 0 --runs 1 --workers 2`")
                .contains("### Iris (`examples/iris`): sequential runner")
                .contains("| mode | wall (s) | limit (s) | ratio | limit set by | Kedro-Accelerator (s) |");
        assertThat(report.lines().filter(line -> line.startsWith("| `")))
                .hasSize(4)
                .satisfiesExactly(
                        sync -> assertThat(sync).startsWith("| `sync` |").contains("12·d = 0.00"),
                        async -> assertThat(async).startsWith("| `async` |").endsWith("| — |"),
                        cache -> assertThat(cache).startsWith("| `cache` |").contains("3·d = 0.00"),
                        tee -> assertThat(tee).startsWith("| `tee` |").contains("d + compute = "));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("iris: warm-up, tee, no delay");
    }

    @Test
    void run_shapesWithoutDelay_printsEveryShapeTheKedroTableAndTheOverhead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Options options = new Options("shapes", Duration.ZERO, 1, 2, 64, Duration.ZERO, 200, 7);

        Main.run(options, Path.of("../examples/iris"), scratch.resolve("storage"), print(out), print(progress));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .startsWith("Command: `benchmarks/run shapes --delay 0 --compute 0 --runs 1 --workers 2 --nodes 200"
                        + " --seed 7`")
                .contains(
                        "| shape | runner | limit (s) | `sync` | `async` | `cache` | `tee` | `tee` CPU | `tee` ≤ 1.10× |")
                .contains("### Parallel `sync` (2 workers) against Kedro's ThreadRunner order")
                .contains("| chain | 200 |")
                .contains("| wide (source, branches, join) | 202 |")
                .containsPattern("Load average [0-9.]+ at the end.");
        assertThat(report.lines()
                        .filter(line -> line.matches(
                                "\\| (chain|wide|diamond|random).*\\| (sequential|parallel \\(2\\)) \\|.*")))
                .hasSize(8);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("shapes: warm-up");
    }

    @Test
    void run_storageOneMib_printsBothStoresIrisOnS3AndTheComparison() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Options options = new Options("storage", Duration.ZERO, 1, 2, 1);

        Main.run(options, Path.of("../examples/iris"), scratch.resolve("files"), print(out), print(progress));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .startsWith("Command: `benchmarks/run storage --size-mb 1 --runs 1 --workers 2`")
                .contains("### Large intermediates on local disk (")
                .contains("### Large intermediates on S3 (S3Proxy on 127.0.0.1, in memory)")
                .contains("### Iris (`examples/iris`, `--env s3`) on S3Proxy at 127.0.0.1")
                .contains("| 5 × 1 MiB on local disk |")
                .contains("| 5 × 1 MiB on S3 |")
                .contains("| Iris on S3 |");
        // Six configurations per store, four modes for Iris.
        assertThat(report.lines().filter(line -> line.matches("\\| (sequential|parallel \\(2\\)) \\| `.*")))
                .hasSize(12);
        assertThat(report.lines().filter(line -> line.matches("\\| `(sync|async|cache|tee)` \\| .*")))
                .hasSize(4);
        assertThat(scratch.resolve("files")).doesNotExist();
    }

    @Test
    void run_sparkOnS3FewRows_printsSyncTeeTheLimitAndTheGoals() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // The spark suite differs only by its store, which SparkStoreTest covers.
        Options options = new Options("spark-s3", Duration.ZERO, 1, 2, 64, Duration.ZERO, 1, 7, 3000);

        Main.run(options, Path.of("../examples/iris"), scratch.resolve("files"), print(out), print(progress));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .startsWith("Command: `benchmarks/run spark-s3 --rows 3000 --runs 1`")
                .contains("### Spark (`examples/spark`, `rows=3000`) on S3 (S3Proxy")
                .contains("| `sync` |")
                .contains("| compute only (every write a no-op) |")
                .contains("| writes alone (each output from memory, one at a time) |")
                .containsPattern("\\| \\*\\*limit\\*\\*: (compute only|CPU on the cores) \\| [0-9.]+ \\|")
                .containsPattern("Goals \\(issue 12\\): `tee` at most 1.20× its limit: (met|missed)")
                .contains("| reads alone (each load of `sync`'s consumers, one at a time) |")
                .containsPattern("a hand-off that cost nothing could make this run at most [0-9.]+× faster")
                .containsPattern("Stored after the `tee` run: .*`order_lines` [0-9.]+ MiB");
        assertThat(report.lines().filter(line -> line.startsWith("| `tee` |")).findFirst())
                .hasValueSatisfying(tee -> assertThat(tee).endsWith("× |"));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("spark: warm-up round, 3,000 rows");
        assertThat(scratch.resolve("spark-benchmark")).doesNotExist();
    }

    @Test
    void checkHeap_storageWithTooSmallAHeap_namesTheHeapToAskFor() {
        Options options = new Options("storage", Duration.ZERO, 1, 2, 256);

        assertThatThrownBy(() -> Main.checkHeap(options, 1024L << 20))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs about 4096 MiB of heap")
                .hasMessageContaining("JAVA_OPTS=-Xmx5g");
        Main.checkHeap(options, 6144L << 20);
        Main.checkHeap(new Options("iris", Duration.ZERO, 1, 2, 256), 1024L << 20);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
