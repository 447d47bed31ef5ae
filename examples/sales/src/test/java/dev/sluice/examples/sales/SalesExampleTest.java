package dev.sluice.examples.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Main;
import dev.sluice.excel.ExcelDataset;
import dev.sluice.sql.Database;
import dev.sluice.sql.SqlTableDataset;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dflib.DataFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sales example run with {@code sluice run}, as a user runs it, under each I/O mode. */
class SalesExampleTest {
    @TempDir
    Path project;

    private void copyProject() throws IOException {
        Path source = Path.of("").toAbsolutePath();
        for (String dir : List.of("conf", "data/01_raw")) {
            try (Stream<Path> files = Files.walk(source.resolve(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = project.resolve(source.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tee", "sync"})
    void run_writesTheWarehouseTableTheReportAndOnePartitionPerShop(String io) throws IOException {
        copyProject();

        int exit = Main.execute("run", "--project", project.toString(), "--io", io);

        assertThat(exit).isZero();
        DataFrame orders = SqlTableDataset.dataFrames(
                        Database.of("jdbc:duckdb:" + project.resolve("data/03_primary/warehouse.duckdb")), "orders")
                .load();
        assertThat(orders.height()).isEqualTo(6);
        assertThat(orders.getColumn("day").toList()).startsWith("2024-05-01", "2024-05-01", "2024-05-01");
        Map<String, DataFrame> report = ExcelDataset.dataFrames(
                        Storage.local(project.resolve("data/08_reporting/report.xlsx")))
                .allSheets()
                .load();
        assertThat(report.keySet()).containsExactly("totals", "orders");
        assertThat(report.get("totals").getColumn("shop").toList()).containsExactly("east", "north", "south");
        assertThat(report.get("totals").getColumn("orders").toList()).containsExactly(1, 3, 2);
        assertThat(project.resolve("data/03_primary/orders_by_shop"))
                .isDirectoryContaining("glob:**/east.csv")
                .isDirectoryContaining("glob:**/north.csv")
                .isDirectoryContaining("glob:**/south.csv");
        assertThat(Files.readAllLines(project.resolve("data/03_primary/orders_by_shop/north.csv")))
                .hasSize(4);
    }
}
