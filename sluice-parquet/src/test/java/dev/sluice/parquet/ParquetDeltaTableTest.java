package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jerolba.carpet.CarpetWriter;
import dev.sluice.DatasetException;
import dev.sluice.datasets.Frames;
import dev.sluice.io.StoredForm;
import dev.sluice.parquet.DeltaTable.AddAction;
import dev.sluice.parquet.DeltaTable.CheckpointRow;
import dev.sluice.parquet.DeltaTable.MetaDataAction;
import dev.sluice.parquet.DeltaTable.ProtocolAction;
import dev.sluice.s3.LocalS3;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta Lake tables whose {@code _delta_log} is written by hand, read by the parquet type: the current version's
 * files only (adds and removes replayed, from a checkpoint on), partition values typed by the schema, columns in
 * schema order; locally and on an S3 prefix. What the reader does not implement fails, naming the entry and the fix.
 */
class ParquetDeltaTableTest {
    record Sale(String item, long count) {}

    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path dir;

    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
    private static final String SALES_SCHEMA = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
            + "{\\\"name\\\":\\\"item\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"count\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";

    private static String metaData(String schema, String partitionColumns, String configuration) {
        return "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
                + schema + "\",\"partitionColumns\":" + partitionColumns + ",\"configuration\":" + configuration
                + ",\"createdTime\":1}}";
    }

    private static String add(String path, String partitionValues) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":" + partitionValues
                + ",\"size\":1,\"modificationTime\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":1}\"}}";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":2,\"dataChange\":true}}";
    }

    private static void commit(Location table, long version, String... actions) throws IOException {
        String text = String.join("\n", actions) + "\n";
        table.resolve(String.format("_delta_log/%020d.json", version))
                .write(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void file(Location table, String relative, Object... itemsAndCounts) {
        ParquetDataset.dataFrames(table.resolve(relative))
                .save(DataFrame.foldByRow("item", "count").of(itemsAndCounts));
    }

    /** Written, overwritten (the first file removed but left on disk), then appended to. */
    private static void overwrittenThenAppended(Location table) throws IOException {
        file(table, "part-00000-a.snappy.parquet", "old", 1L);
        file(table, "part-00000-b.snappy.parquet", "tea", 2L, "jam", 3L);
        file(table, "part-00000-c.snappy.parquet", "pie", 4L);
        commit(table, 0, PROTOCOL, metaData(SALES_SCHEMA, "[]", "{}"), add("part-00000-a.snappy.parquet", "{}"));
        commit(table, 1, remove("part-00000-a.snappy.parquet"), add("part-00000-b.snappy.parquet", "{}"));
        commit(table, 2, add("part-00000-c.snappy.parquet", "{}"));
    }

    private static final List<String> CURRENT = List.of("item,count", "tea,2", "jam,3", "pie,4");

    private static ParquetDataset<Object> entry(Location table) {
        return ParquetDataset.fromCatalog("sales@dflib", table, null, ParquetCompression.SNAPPY, List.of());
    }

    @Test
    void dataFrames_overwrittenAndAppended_readsOnlyTheCurrentVersionsFiles() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        overwrittenThenAppended(table);

        DataFrame loaded = ParquetDataset.dataFrames(table).load();

        assertThat(Frames.table(loaded)).isEqualTo(CURRENT);
    }

    @Test
    void records_unpartitionedTable_readsTheCurrentRows() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        overwrittenThenAppended(table);

        assertThat(ParquetDataset.records(table, Sale.class).load())
                .containsExactly(new Sale("tea", 2), new Sale("jam", 3), new Sale("pie", 4));
    }

    @Test
    void dataFrames_partitioned_typesValuesBySchemaAndKeepsSchemaOrder() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        String schema = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
                + "{\\\"name\\\":\\\"item\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
                + "{\\\"name\\\":\\\"day\\\",\\\"type\\\":\\\"date\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
                + "{\\\"name\\\":\\\"shop\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
                + "{\\\"name\\\":\\\"count\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
        // On disk the directory name is Hive-escaped (a%3Ab); in the log the path is a URI, escaped once more.
        file(table, "day=2024-01-31/shop=a%3Ab/part-0.parquet", "tea", 2L);
        file(table, "day=__HIVE_DEFAULT_PARTITION__/shop=1/part-0.parquet", "jam", 3L);
        commit(
                table,
                0,
                PROTOCOL,
                metaData(schema, "[\"day\",\"shop\"]", "{}"),
                add("day=2024-01-31/shop=a%253Ab/part-0.parquet", "{\"day\":\"2024-01-31\",\"shop\":\"a:b\"}"),
                add("day=__HIVE_DEFAULT_PARTITION__/shop=1/part-0.parquet", "{\"day\":null,\"shop\":\"1\"}"));

        DataFrame loaded = ParquetDataset.dataFrames(table).load();

        assertThat(Frames.table(loaded)).containsExactly("item,day,shop,count", "tea,2024-01-31,a:b,2", "jam,null,1,3");
        assertThat(loaded.getColumn("day").get(0)).isEqualTo(LocalDate.of(2024, 1, 31));
        // Typed by the schema, not guessed from the value: a string column of digits stays a string.
        assertThat(loaded.getColumn("shop").get(1)).isEqualTo("1");
    }

    @Test
    void dataFrames_checkpointThenCommits_replaysFromTheNewestCheckpoint() throws Exception {
        Location table = Storage.local(dir.resolve("sales"));
        file(table, "part-00000-a.snappy.parquet", "old", 1L);
        file(table, "part-00000-b.snappy.parquet", "tea", 2L, "jam", 3L);
        file(table, "part-00000-c.snappy.parquet", "pie", 4L);
        // Commits 0 and 1 are gone, as log clean-up leaves it; checkpoint 1 holds the table as they made it.
        List<CheckpointRow> checkpoint = List.of(
                new CheckpointRow(null, null, null, new ProtocolAction(1, null)),
                new CheckpointRow(
                        null, null, new MetaDataAction(SALES_SCHEMA.replace("\\", ""), List.of(), Map.of()), null),
                new CheckpointRow(new AddAction("part-00000-b.snappy.parquet", Map.of(), null), null, null, null));
        table.resolve("_delta_log/00000000000000000001.checkpoint.parquet").write(out -> {
            try (CarpetWriter<CheckpointRow> writer = new CarpetWriter<>(out, CheckpointRow.class)) {
                writer.write(checkpoint);
            }
        });
        commit(table, 2, add("part-00000-c.snappy.parquet", "{}"));

        assertThat(Frames.table(ParquetDataset.dataFrames(table).load())).isEqualTo(CURRENT);
    }

    @Test
    void dataFrames_tableOnS3_readsLikeALocalOne() throws IOException {
        String bucket = S3.createBucket();
        Location table = S3.locate("s3://" + bucket + "/data/sales");
        overwrittenThenAppended(table);

        assertThat(Frames.table(ParquetDataset.dataFrames(table).load())).isEqualTo(CURRENT);
    }

    @Test
    void cannotRead_deltaTable_isReadable() {
        Location table = Storage.local(dir.resolve("sales"));

        assertThat(ParquetDataset.dataFrames(table).cannotRead(StoredForm.of("delta", StoredForm.Layout.TABLE), "w"))
                .isEmpty();
    }

    private void assertRefused(Location table, String... problem) {
        assertThatThrownBy(() -> entry(table).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Dataset 'sales@dflib'")
                .hasMessageContaining(table.uri().toString())
                .hasMessageContaining("it is a Delta Lake table: ")
                .hasMessageContaining("read it through a delta entry")
                .satisfies(e -> assertThat(e.getMessage()).contains(problem));
    }

    @Test
    void load_fileWithDeletionVector_failsNamingTheEntryAndTheFix() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        overwrittenThenAppended(table);
        commit(
                table,
                3,
                remove("part-00000-c.snappy.parquet"),
                "{\"add\":{\"path\":\"part-00000-c.snappy.parquet\",\"partitionValues\":{},\"size\":1,"
                        + "\"modificationTime\":1,\"dataChange\":true,\"deletionVector\":{\"storageType\":\"u\","
                        + "\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":4,\"sizeInBytes\":40,"
                        + "\"cardinality\":1}}}");

        assertRefused(table, "part-00000-c.snappy.parquet has a deletion vector");
    }

    /** A table of one file and one commit, with {@code protocol} and {@code configuration}. */
    private Location oneCommit(String protocol, String configuration) throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        file(table, "part-0.parquet", "tea", 2L);
        commit(table, 0, protocol, metaData(SALES_SCHEMA, "[]", configuration), add("part-0.parquet", "{}"));
        return table;
    }

    @Test
    void load_columnMapping_fails() throws IOException {
        Location table = oneCommit(
                "{\"protocol\":{\"minReaderVersion\":2,\"minWriterVersion\":5}}",
                "{\"delta.columnMapping.mode\":\"name\"}");

        assertRefused(table, "column mapping (delta.columnMapping.mode: name)");
    }

    @Test
    void load_unknownReaderFeature_fails() throws IOException {
        Location table = oneCommit(
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\","
                        + "\"variantType\"],\"writerFeatures\":[\"deletionVectors\",\"variantType\"]}}",
                "{}");

        assertRefused(table, "reader feature [variantType]");
    }

    @Test
    void load_readerVersionAboveThree_fails() throws IOException {
        Location table = oneCommit("{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":7}}", "{}");

        assertRefused(table, "reader version 4");
    }

    @Test
    void load_multiPartCheckpoint_fails() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        overwrittenThenAppended(table);
        for (int part = 1; part <= 2; part++) {
            table.resolve(String.format("_delta_log/%020d.checkpoint.%010d.%010d.parquet", 2, part, 2))
                    .write(out -> {});
        }

        assertRefused(table, "in several parts");
    }

    @Test
    void load_missingCommitWithoutCheckpoint_fails() throws IOException {
        Location table = Storage.local(dir.resolve("sales"));
        overwrittenThenAppended(table);
        java.nio.file.Files.delete(dir.resolve("sales/_delta_log/00000000000000000001.json"));

        assertRefused(table, "has no commit 1");
    }
}
