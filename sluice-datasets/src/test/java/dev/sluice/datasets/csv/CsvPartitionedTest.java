package dev.sluice.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.datasets.Frames;
import dev.sluice.io.StoredForm;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories of CSV part files partitioned by column values (Spark's partitionBy), made by hand. */
class CsvPartitionedTest {
    @TempDir
    Path dir;

    private void part(String relative, String content) throws IOException {
        Path file = dir.resolve("sales").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void load_nestedPartitions_typeTheDataOnceAndAddThePartitionColumnsAfterIt() throws IOException {
        part("year=2024/region=north/part-00000-a.csv", "item,price\ntea,2\njam,3\n");
        part("year=2024/region=north/part-00001-a.csv", "item,price\ncake,4.5\n");
        part("year=2024/region=__HIVE_DEFAULT_PARTITION__/part-00000-a.csv", "item,price\npie,1\n");
        part("year=2025/region=south%2Fwest/part-00000-a.csv", "item,price\nbun,2\n");
        part("year=2025/region=south%2Fwest/part-00001-a.csv", ""); // an empty part, as Spark writes for no rows
        part("_SUCCESS", "");

        DataFrame loaded = CsvDataset.at(Storage.local(dir.resolve("sales"))).load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("item", "price", "year", "region");
        assertThat(Frames.rows(loaded))
                .containsExactly(
                        "[pie, 1.0, 2024, null]",
                        "[tea, 2.0, 2024, north]",
                        "[jam, 3.0, 2024, north]",
                        "[cake, 4.5, 2024, north]",
                        "[bun, 2.0, 2025, south/west]");
        assertThat(loaded.getColumn("price")).isInstanceOf(DoubleSeries.class);
        assertThat(loaded.getColumn("year")).isInstanceOf(IntSeries.class);
    }

    @Test
    void load_partitionsWithoutHeaderRows_readWithHeaderFalse() throws IOException {
        part("k=a/part-0.csv", "1,x\n");
        part("k=b/part-0.csv", "2,y\n");

        DataFrame loaded = CsvDataset.builder(Storage.local(dir.resolve("sales")))
                .header(false)
                .build()
                .load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("0", "1", "k");
        assertThat(Frames.rows(loaded)).containsExactly("[1, x, a]", "[2, y, b]");
    }

    @Test
    void load_partitionColumnAlsoInTheFiles_failsNamingIt() throws IOException {
        part("item=tea/part-0.csv", "item,price\ntea,2\n");

        assertThatThrownBy(
                        () -> CsvDataset.at(Storage.local(dir.resolve("sales"))).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'item' is both in its files and a partition column");
    }

    @Test
    void cannotRead_partitionedCsvWithAHeader_isReadable() {
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("sales")));

        assertThat(dataset.cannotRead(
                        new StoredForm(
                                "csv", StoredForm.Layout.PARTITIONED, java.util.Map.of("header", "true", "sep", ",")),
                        "sales@spark"))
                .isEmpty();
    }
}
