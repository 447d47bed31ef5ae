package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.benchmarks.CpuBenchmark.Result;
import dev.sluice.benchmarks.CpuBenchmark.Variant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void run_smallJsonFanOut_everyRunnerAndVariantAgainstTheCostsOfSequentialCache() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CpuBenchmark benchmark = new CpuBenchmark(1, 2, new PrintStream(progress, true, StandardCharsets.UTF_8));

        List<Result> results = benchmark.run(CpuBenchmark.jsonFanOut(1_000), dir);

        assertThat(results).extracting(Result::config).containsExactlyElementsOf(CpuBenchmark.configs());
        CpuBenchmark.Measured calibration = results.get(0).median().run();
        assertThat(results.get(0).config()).isEqualTo(new CpuBenchmark.Config(false, Variant.CACHE));
        for (Result result : results) {
            CpuBenchmark.Sample run = result.median();
            assertThat(run.limit().cpuBound()).isEqualTo(calibration.cpu().dividedBy(Cpu.cores()));
            assertThat(run.limit().limit()).isGreaterThanOrEqualTo(run.limit().cpuBound());
            assertThat(run.run().compute())
                    .containsOnlyKeys(
                            "source",
                            "compute_0",
                            "compute_1",
                            "compute_2",
                            "compute_3",
                            "compute_4",
                            "compute_5",
                            "compute_6",
                            "compute_7");
            assertThat(run.run().saves()).hasSize(CpuBenchmark.BRANCHES + 1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .contains("source.json", "branch_0.json", "branch_7.json");
        }
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("parallel (2), `tee`, saves at low priority, run 1 of 1");
    }

    @Test
    void table_bytesDiamond_oneRowPerRunnerAndVariantAgainstCache() {
        CpuBenchmark benchmark = new CpuBenchmark(1, 2, new PrintStream(new ByteArrayOutputStream()));
        CpuBenchmark.Workload workload = CpuBenchmark.bytesDiamond(1 << 20);

        String table = CpuReport.table(workload.name(), benchmark.run(workload, dir), 1, 2, "priorities had no effect");

        assertThat(table)
                .startsWith("### storage diamond, 5 `bytes` outputs of 1 MiB, on local disk")
                .contains("| runner | mode | wall (ms) | limit (ms) | ratio | limit set by | CPU |")
                .contains("in this run priorities had no effect.");
        assertThat(table.lines().filter(line -> line.startsWith("| sequential |") || line.startsWith("| parallel")))
                .hasSize(2 * Variant.values().length)
                .anySatisfy(line ->
                        assertThat(line).startsWith("| sequential | `cache` |").endsWith("| 1.00 |"));
    }

    @Test
    void lowPriorityNice_onLinux_isReadFromProc() {
        if (Files.isReadable(Path.of("/proc/thread-self/stat"))) {
            assertThat(ThreadPriorities.lowPriorityNice()).isPresent();
        } else {
            assertThat(ThreadPriorities.lowPriorityNice()).isEmpty();
        }
    }
}
