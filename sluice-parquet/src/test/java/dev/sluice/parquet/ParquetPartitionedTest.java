package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.datasets.Frames;
import dev.sluice.io.StoredForm;
import dev.sluice.s3.LocalS3;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories partitioned by column values (Spark's partitionBy), made by hand, read by the parquet type: the
 * files' columns, then the partition columns with their typed, unescaped values; locally and on an S3 prefix.
 */
class ParquetPartitionedTest {
    record Sale(String item, int count) {}

    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path dir;

    private static void part(Location directory, String relative, Object... itemsAndCounts) {
        ParquetDataset.dataFrames(directory.resolve(relative))
                .save(DataFrame.foldByRow("item", "count").of(itemsAndCounts));
    }

    /**
     * Sales by year and region, nested, with a null region (its directory's name sorts first), an escaped region
     * and two parts in one partition.
     */
    private static void sales(Location root) {
        part(root, "year=2024/region=north/part-00000-a.snappy.parquet", "tea", 1, "jam", 2);
        part(root, "year=2024/region=north/part-00001-a.snappy.parquet", "cake", 3);
        part(root, "year=2024/region=__HIVE_DEFAULT_PARTITION__/part-00000-a.snappy.parquet", "pie", 4);
        part(root, "year=2025/region=south%2Fwest/part-00000-a.snappy.parquet", "bun", 5);
    }

    private static final List<String> SALES = List.of(
            "[pie, 4, 2024, null]",
            "[tea, 1, 2024, north]",
            "[jam, 2, 2024, north]",
            "[cake, 3, 2024, north]",
            "[bun, 5, 2025, south/west]");

    @Test
    void dataFrames_nestedPartitions_addThePartitionColumnsAfterTheFilesColumns() {
        Location root = Storage.local(dir.resolve("sales"));
        sales(root);

        DataFrame loaded = ParquetDataset.dataFrames(root).load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("item", "count", "year", "region");
        assertThat(Frames.rows(loaded)).isEqualTo(SALES);
        assertThat(loaded.getColumn("year")).isInstanceOf(IntSeries.class);
        assertThat(loaded.getColumn("region").get(0)).isNull();
    }

    @Test
    void dataFrames_datePartitions_areLocalDates() {
        Location root = Storage.local(dir.resolve("by_day"));
        part(root, "day=2024-01-31/part-0.parquet", "tea", 1);
        part(root, "day=2024-02-01/part-0.parquet", "jam", 2);

        DataFrame loaded = ParquetDataset.dataFrames(root).load();

        assertThat(loaded.getColumn("day").toList())
                .containsExactly(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1));
    }

    @Test
    void catalogDataset_columnsMayNamePartitionColumns() {
        Location root = Storage.local(dir.resolve("sales"));
        sales(root);

        DataFrame loaded = (DataFrame)
                ParquetDataset.fromCatalog("sales", root, null, ParquetCompression.SNAPPY, List.of("region", "count"))
                        .load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("region", "count");
        assertThat(loaded.getColumn("count").toList()).containsExactly(4, 1, 2, 3, 5);
    }

    @Test
    void records_partitionedDirectory_failsSayingItLoadsAsADataFrame() {
        Location root = Storage.local(dir.resolve("sales"));
        sales(root);

        assertThatThrownBy(() -> ParquetDataset.records(root, Sale.class).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("it is partitioned by column values ([year, region]")
                .hasMessageContaining("remove 'record' from load_args");
    }

    @Test
    void cannotRead_partitionedSparkOutput_isReadableAsADataFrameNotAsRecords() {
        StoredForm partitioned = StoredForm.of("parquet", StoredForm.Layout.PARTITIONED);
        Location root = Storage.local(dir.resolve("sales"));

        assertThat(ParquetDataset.dataFrames(root).cannotRead(partitioned, "sales@spark"))
                .isEmpty();
        assertThat(ParquetDataset.records(root, Sale.class).cannotRead(partitioned, "sales@spark"))
                .get()
                .asString()
                .contains("remove 'record' from load_args here");
        assertThat(ParquetDataset.dataFrames(root)
                        .cannotRead(StoredForm.of("delta", StoredForm.Layout.TABLE), "sales@spark"))
                .isEmpty();
    }

    @Test
    void dataFrames_partitionedPrefixOnS3_readsLikeALocalDirectory() throws Exception {
        String bucket = S3.createBucket();
        Location root = S3.locate("s3://" + bucket + "/data/sales");
        sales(root);
        root.resolve("_SUCCESS").write(out -> {});
        root.resolve("year=2024/_SUCCESS").write(out -> {});

        DataFrame loaded = ParquetDataset.dataFrames(root).load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("item", "count", "year", "region");
        assertThat(Frames.rows(loaded)).isEqualTo(SALES);
    }
}
