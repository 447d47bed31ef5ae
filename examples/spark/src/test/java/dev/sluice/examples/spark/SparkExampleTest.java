package dev.sluice.examples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark example run with {@code sluice run}, as a user runs it, under the tee and under sync. */
class SparkExampleTest {
    private static final String SMALL = "rows=4000,customers=300,products=60";

    @TempDir
    Path tee;

    @TempDir
    Path sync;

    private static void copyProject(Path project) throws IOException {
        Path source = Path.of("").toAbsolutePath();
        try (Stream<Path> files = Files.walk(source.resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = project.resolve(source.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void run_underTeeAndSync_writesEveryIntermediateAndTheSameSummary() throws IOException {
        copyProject(tee);
        copyProject(sync);

        int teeExit = Main.execute("run", "--project", tee.toString(), "--io", "tee", "--params", SMALL);
        int syncExit = Main.execute("run", "--project", sync.toString(), "--io", "sync", "--params", SMALL);

        assertThat(teeExit).isZero();
        assertThat(syncExit).isZero();
        for (String dir : List.of(
                "01_raw/orders",
                "01_raw/customers.csv",
                "01_raw/products.json",
                "02_intermediate/orders",
                "03_primary/order_lines/region=north",
                "04_feature/daily_revenue/_delta_log",
                "04_feature/customer_value",
                "07_model_output/product_ranking")) {
            assertThat(tee.resolve("data").resolve(dir)).as(dir).isDirectory();
        }
        List<String> summary = csvRows(tee.resolve("data/08_reporting/region_summary.csv"));
        assertThat(summary).hasSize(5);
        assertThat(summary)
                .extracting(line -> line.split(",")[0])
                .containsExactly("centre", "east", "north", "south", "west");
        assertThat(summary).isEqualTo(csvRows(sync.resolve("data/08_reporting/region_summary.csv")));
    }

    /** The data lines of a Spark CSV directory (every part file has its own header), sorted. */
    private static List<String> csvRows(Path dir) {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList()) {
                List<String> lines = Files.readAllLines(part);
                rows.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(null);
        return rows;
    }
}
