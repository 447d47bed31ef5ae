package dev.sluice.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeatherDatasetTest {
    enum Colour {
        RED,
        GREEN
    }

    @TempDir
    Path dir;

    private FeatherDataset dataset(String file) {
        return FeatherDataset.of(Storage.local(dir.resolve(file)));
    }

    @ParameterizedTest
    @EnumSource(FeatherCompression.class)
    void save_everyTypeWithNulls_loadsTheSameValues(FeatherCompression compression) {
        DataFrame frame = SampleFrames.everyType();
        FeatherDataset dataset = dataset("every.feather").withCompression(compression);

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertSameValues(loaded, frame);
    }

    @Test
    void load_columnsWithoutNulls_comeBackAsPrimitiveSeries() {
        FeatherDataset dataset = dataset("primitive.feather");
        dataset.save(SampleFrames.everyType());

        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumn("int")).isInstanceOf(IntSeries.class);
        assertThat(loaded.getColumn("long")).isInstanceOf(LongSeries.class);
        assertThat(loaded.getColumn("double")).isInstanceOf(DoubleSeries.class);
        assertThat(loaded.getColumn("float")).isInstanceOf(FloatSeries.class);
        assertThat(loaded.getColumn("bool")).isInstanceOf(BooleanSeries.class);
        assertThat(loaded.getColumn("int_null")).isNotInstanceOf(IntSeries.class);
    }

    @Test
    void save_binaryAndEnums_loadBytesAndNames() {
        DataFrame frame = DataFrame.byColumn("blob", "colour")
                .of(Series.of(new byte[] {1, 2, 3}, null, new byte[0]), Series.of(Colour.RED, null, Colour.GREEN));
        FeatherDataset dataset = dataset("blob.feather");

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertThat((byte[]) loaded.getColumn("blob").get(0)).containsExactly(1, 2, 3);
        assertThat(loaded.getColumn("blob").get(1)).isNull();
        assertThat((byte[]) loaded.getColumn("blob").get(2)).isEmpty();
        assertThat(loaded.getColumn("colour").toList()).containsExactly("RED", null, "GREEN");
    }

    @ParameterizedTest
    @EnumSource(FeatherCompression.class)
    void save_moreRowsThanOneBatch_loadsEveryRowInOrder(FeatherCompression compression) {
        int rows = 1000;
        Integer[] ids = new Integer[rows];
        String[] names = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i % 7 == 0 ? null : i;
            names[i] = i % 5 == 0 ? null : "row " + i;
        }
        DataFrame frame = DataFrame.byColumn("id", "name").of(Series.of(ids), Series.of(names));
        FeatherDataset dataset = dataset("many.feather").withChunkSize(64).withCompression(compression);

        dataset.save(frame);

        assertSameValues(dataset.load(), frame);
        assertThat(FeatherFiles.recordBatchCount(dir.resolve("many.feather"))).isEqualTo(16);
    }

    @Test
    void save_frameWithoutRows_loadsColumnsWithoutRows() {
        DataFrame empty = DataFrame.byColumn("id", "name", "when").of(Series.ofInt(), Series.of(), Series.ofLong());
        FeatherDataset dataset = dataset("empty.feather");

        dataset.save(empty);
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("id", "name", "when");
        assertThat(loaded.height()).isZero();
    }

    @Test
    void save_frameWithoutColumns_loadsAnEmptyFrame() {
        FeatherDataset dataset = dataset("nothing.feather");

        dataset.save(DataFrame.empty());

        assertThat(dataset.load().width()).isZero();
    }

    @Test
    void load_someColumns_readsThemInTheGivenOrder() {
        dataset("every.feather").save(SampleFrames.everyType());

        DataFrame loaded =
                dataset("every.feather").withColumns(List.of("text", "int")).load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("text", "int");
        assertThat(loaded.getColumn("int").toList()).containsExactly(1, -2, Integer.MAX_VALUE);
    }

    @Test
    void load_columnTheFileLacks_namesItAndTheColumnsItHas() {
        dataset("every.feather").save(DataFrame.byColumn("a").of(Series.ofInt(1)));

        assertThatThrownBy(
                        () -> dataset("every.feather").withColumns(List.of("b")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no column [b]")
                .hasMessageContaining("it has [a]")
                .hasMessageContaining("load_args");
    }

    @Test
    void save_columnOfUnsupportedValues_namesTheColumnAndTheWayOut() {
        DataFrame frame = DataFrame.byColumn("id").of(Series.of(UUID.randomUUID()));

        assertThatThrownBy(() -> dataset("uuid.feather").save(frame))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'id' holds java.util.UUID")
                .hasMessageContaining("'object' dataset type");
        assertThat(dir.resolve("uuid.feather")).doesNotExist();
    }

    @Test
    void save_columnMixingTypes_saysSo() {
        DataFrame frame = DataFrame.byColumn("x").of(Series.of(1, "one"));

        assertThatThrownBy(() -> dataset("mixed.feather").save(frame))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'x' mixes value types [Integer, String]");
    }

    @Test
    void load_otherFile_saysItIsNotFeather() throws IOException {
        Files.writeString(dir.resolve("fake.feather"), "id,name\n1,a\n");

        assertThatThrownBy(() -> dataset("fake.feather").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("not a Feather (Arrow IPC) file")
                .hasMessageContaining("fake.feather");
    }

    @Test
    void load_featherVersion1_saysHowToWriteVersion2() throws IOException {
        byte[] v1 = new byte[64];
        System.arraycopy("FEA1".getBytes(StandardCharsets.US_ASCII), 0, v1, 0, 4);
        Files.write(dir.resolve("old.feather"), v1);

        assertThatThrownBy(() -> dataset("old.feather").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Feather version 1")
                .hasMessageContaining("to_feather");
    }

    @Test
    void load_fileCutShort_saysSo() throws IOException {
        dataset("whole.feather").save(SampleFrames.everyType());
        byte[] whole = Files.readAllBytes(dir.resolve("whole.feather"));
        Files.write(dir.resolve("cut.feather"), Arrays.copyOf(whole, whole.length - 20));

        assertThatThrownBy(() -> dataset("cut.feather").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void load_damagedBuffers_failsAsDatasetError() throws IOException {
        FeatherDataset lz4 = dataset("whole.feather").withCompression(FeatherCompression.LZ4);
        lz4.save(DataFrame.byColumn("text").of(Series.of("a".repeat(500), "b".repeat(500))));
        byte[] bytes = Files.readAllBytes(dir.resolve("whole.feather"));
        // Somewhere in the first record batch's body, after the schema message.
        for (int i = 200; i < 260; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(dir.resolve("damaged.feather"), bytes);

        assertThatThrownBy(() -> dataset("damaged.feather").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("damaged.feather");
    }

    @Test
    void save_sameFrameTwice_writesIdenticalBytes() throws IOException {
        dataset("a.feather").save(SampleFrames.everyType());
        dataset("b.feather").save(SampleFrames.everyType());

        assertThat(Files.readAllBytes(dir.resolve("a.feather")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b.feather")));
    }

    @Test
    void describe_showsCompressionAndChunkSize() {
        assertThat(dataset("x.feather")
                        .withCompression(FeatherCompression.ZSTD, 5)
                        .describe())
                .containsEntry("type", "feather")
                .containsEntry("compression", "zstd")
                .containsEntry("compression_level", 5)
                .containsEntry("chunksize", FeatherDataset.DEFAULT_CHUNK_SIZE);
    }

    static void assertSameValues(DataFrame loaded, DataFrame expected) {
        assertThat(loaded.getColumnsIndex().toArray())
                .containsExactly(expected.getColumnsIndex().toArray());
        for (String column : expected.getColumnsIndex().toArray()) {
            assertThat(loaded.getColumn(column).toList())
                    .as("column %s", column)
                    .isEqualTo(expected.getColumn(column).toList());
        }
    }
}
