package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void run_irisWithoutDelay_printsHeaderAndOneRowPerMode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Options options = new Options("iris", Duration.ZERO, 1, 2);

        Main.run(options, Path.of("../examples/iris"), print(out), print(progress));

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

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
