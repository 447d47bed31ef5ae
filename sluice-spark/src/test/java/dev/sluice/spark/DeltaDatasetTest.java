package dev.sluice.spark;

import static dev.sluice.spark.LocalSpark.load;
import static dev.sluice.spark.LocalSpark.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code delta} type, and {@code spark} with {@code file_format: delta}, through the catalog. */
class DeltaDatasetTest {
    private static SparkSession spark;

    @TempDir
    Path project;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    private static org.apache.spark.sql.Dataset<Row> ids(int from, int to) {
        return spark.range(from, to).toDF();
    }

    @Test
    void saves_areTransactions_appendAddsAVersionAndTimeTravelReadsAnOldOne() {
        DataCatalog catalog = LocalSpark.catalog(project, """
                ids:
                  type: delta
                  filepath: data/ids
                more_ids:
                  type: delta
                  filepath: data/ids
                  save_args: {mode: append}
                first_ids:
                  type: delta
                  filepath: data/ids
                  load_args: {versionAsOf: 0}
                """);

        catalog.save("ids", ids(0, 2));
        catalog.save("more_ids", ids(2, 3));

        assertThat(rows(load(catalog, "ids"))).containsExactly("0", "1", "2");
        assertThat(rows(load(catalog, "first_ids"))).containsExactly("0", "1");
        assertThat(project.resolve("data/ids/_delta_log")).isDirectory();
        assertThat(((DeltaDataset) catalog.dataset("more_ids")).committedVersion())
                .isEqualTo(1L);
        assertThat(catalog.exists("ids")).isTrue();
        assertThat(catalog.dataset("ids").describe()).containsEntry("type", "delta");
    }

    @Test
    void sparkType_fileFormatDelta_writesADeltaTable() {
        DataCatalog catalog = LocalSpark.catalog(project, """
                ids:
                  type: spark.SparkDataset
                  filepath: data/ids
                  file_format: delta
                  save_args: {mode: overwrite, partitionBy: parity}
                """);

        catalog.save("ids", ids(0, 3).selectExpr("id", "id % 2 AS parity"));
        catalog.save("ids", ids(5, 6).selectExpr("id", "id % 2 AS parity"));

        assertThat(rows(load(catalog, "ids").select("id"))).containsExactly("5");
        assertThat(project.resolve("data/ids/_delta_log")).isDirectory();
        assertThat(project.resolve("data/ids/parity=1")).isDirectory();
    }
}
