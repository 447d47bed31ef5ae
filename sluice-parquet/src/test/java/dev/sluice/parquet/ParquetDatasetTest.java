package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetDatasetTest {
    enum Species {
        SETOSA,
        VIRGINICA
    }

    record Flower(String name, int petals, Double length, LocalDate seen, Species species, List<String> tags) {}

    record FlowerName(String name, Species species) {}

    record Unrelated(String colour) {}

    static final List<Flower> FLOWERS = List.of(
            new Flower("iris", 3, 4.5, LocalDate.of(2024, 5, 1), Species.SETOSA, List.of("blue", "tall")),
            new Flower(null, 6, null, null, Species.VIRGINICA, List.of()));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void records_roundTrip_withEveryCodec_loadsEqualRecordsAndUsesTheCodec(ParquetCompression codec) throws Exception {
        Path file = dir.resolve("flowers.parquet");
        ParquetDataset<List<Flower>> dataset =
                ParquetDataset.records(Storage.local(file), Flower.class).withCompression(codec);

        dataset.save(FLOWERS);

        assertThat(dataset.load()).isEqualTo(FLOWERS);
        assertThat(codecOf(file)).isEqualTo(codec.codec());
    }

    @Test
    void records_readWithARecordOfSomeColumns_readsJustThose() {
        Location location = Storage.local(dir.resolve("flowers.parquet"));
        ParquetDataset.records(location, Flower.class).save(FLOWERS);

        List<FlowerName> names =
                ParquetDataset.records(location, FlowerName.class).load();

        assertThat(names)
                .containsExactly(new FlowerName("iris", Species.SETOSA), new FlowerName(null, Species.VIRGINICA));
    }

    @Test
    void records_readWithARecordWhoseColumnsAreMissing_namesTheRecordAndTheColumn() {
        Location location = Storage.local(dir.resolve("flowers.parquet"));
        ParquetDataset.records(location, Flower.class).save(FLOWERS);

        assertThatThrownBy(
                        () -> ParquetDataset.records(location, Unrelated.class).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(Unrelated.class.getName())
                .hasMessageContaining("colour")
                .hasMessageContaining(location.uri().toString());
    }

    @Test
    void records_emptyListWithKnownType_roundTripsToAnEmptyList() {
        ParquetDataset<List<Flower>> dataset =
                ParquetDataset.records(Storage.local(dir.resolve("none.parquet")), Flower.class);

        dataset.save(List.of());

        assertThat(dataset.load()).isEmpty();
    }

    @Test
    void load_missingFile_saysToRunTheProducerFirst() {
        Path file = dir.resolve("missing.parquet");
        ParquetDataset<List<Flower>> dataset = ParquetDataset.records(Storage.local(file), Flower.class);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No data at " + file.toUri())
                .hasMessageContaining("Run the node that produces this dataset first");
        assertThat(dataset.exists()).isFalse();
    }

    @Test
    void load_fileCutShort_saysItIsNotACompleteParquetFile() throws Exception {
        Path file = dir.resolve("flowers.parquet");
        ParquetDataset<List<Flower>> dataset = ParquetDataset.records(Storage.local(file), Flower.class);
        dataset.save(FLOWERS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot load parquet from " + file.toUri())
                .hasMessageContaining("not a Parquet file, or it was cut short");
    }

    @Test
    void dataFrames_roundTrip_keepsColumnsValuesNullsAndPrimitiveSeries() {
        DataFrame frame = DataFrame.byColumn("id", "big", "score", "ok", "name", "day", "at", "species")
                .of(
                        Series.ofInt(1, 2, 3),
                        Series.ofLong(10L, 20L, 30L),
                        Series.ofDouble(0.5, 1.5, 2.5),
                        Series.ofBool(true, false, true),
                        Series.of("a", null, "c"),
                        Series.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), null),
                        Series.of(Instant.parse("2024-01-01T10:15:30Z"), null, null),
                        Series.of(Species.SETOSA, null, Species.VIRGINICA));
        ParquetDataset<DataFrame> dataset = ParquetDataset.dataFrames(Storage.local(dir.resolve("frame.parquet")));

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray())
                .containsExactly("id", "big", "score", "ok", "name", "day", "at", "species");
        assertThat(loaded.getColumn("id")).isInstanceOf(IntSeries.class);
        assertThat(values(loaded, "id")).containsExactly(1, 2, 3);
        assertThat(values(loaded, "big")).containsExactly(10L, 20L, 30L);
        assertThat(values(loaded, "score")).containsExactly(0.5, 1.5, 2.5);
        assertThat(values(loaded, "ok")).containsExactly(true, false, true);
        assertThat(values(loaded, "name")).containsExactly("a", null, "c");
        assertThat(values(loaded, "day")).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), null);
        assertThat(values(loaded, "at")).containsExactly(Instant.parse("2024-01-01T10:15:30Z"), null, null);
        // Enums are stored as their names.
        assertThat(values(loaded, "species")).containsExactly("SETOSA", null, "VIRGINICA");
    }

    @Test
    void dataFrames_emptyFrame_keepsItsColumns() {
        ParquetDataset<DataFrame> dataset = ParquetDataset.dataFrames(Storage.local(dir.resolve("empty.parquet")));

        dataset.save(DataFrame.byColumn("a", "b").of(Series.ofInt(), Series.of()));

        DataFrame loaded = dataset.load();
        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("a", "b");
        assertThat(loaded.height()).isZero();
    }

    @Test
    void dataFrames_columnMixingTypes_failsNamingTheColumnAndKeepsTheOldFile() throws Exception {
        Path file = dir.resolve("frame.parquet");
        ParquetDataset<DataFrame> dataset = ParquetDataset.dataFrames(Storage.local(file));
        dataset.save(DataFrame.byColumn("x").of(Series.ofInt(7)));
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> dataset.save(DataFrame.byColumn("x").of(Series.of(1, "two"))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'x' mixes value types [Integer, String]");

        assertThat(file).hasBinaryContent(before);
    }

    @Test
    void dataFrames_columnOfUnsupportedType_suggestsTheObjectType() {
        ParquetDataset<DataFrame> dataset = ParquetDataset.dataFrames(Storage.local(dir.resolve("f.parquet")));

        assertThatThrownBy(() -> dataset.save(DataFrame.byColumn("x").of(Series.of(new StringBuilder("?")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'x' holds java.lang.StringBuilder")
                .hasMessageContaining("'object' dataset type");
    }

    @Test
    void catalogDataset_withoutRecordType_savesRecordsByInferenceAndLoadsADataFrame() {
        ParquetDataset<Object> dataset = ParquetDataset.fromCatalog(
                "flowers", Storage.local(dir.resolve("f.parquet")), null, ParquetCompression.SNAPPY, List.of());

        dataset.save(FLOWERS);
        DataFrame loaded = (DataFrame) dataset.load();

        assertThat(loaded.getColumnsIndex().toArray())
                .containsExactly("name", "petals", "length", "seen", "species", "tags");
        assertThat(values(loaded, "petals")).containsExactly(3, 6);
    }

    @Test
    void catalogDataset_columnsSelected_loadsOnlyThoseInThatOrder() {
        ParquetDataset<Object> dataset = savedFlowersSelecting("petals", "name");

        DataFrame loaded = (DataFrame) dataset.load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("petals", "name");
    }

    @Test
    void catalogDataset_columnsTheFileLacks_namesThemTheFileAndTheSetting() {
        ParquetDataset<Object> dataset = savedFlowersSelecting("name", "colour");

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'flowers': Cannot load parquet from "
                        + dir.resolve("f.parquet").toUri())
                .hasMessageContaining("no column [colour]")
                .hasMessageContaining("'columns' under load_args");
    }

    @Test
    void catalogDataset_emptyListWithoutRecordType_asksForTheRecordSetting() {
        ParquetDataset<Object> dataset = ParquetDataset.fromCatalog(
                "flowers", Storage.local(dir.resolve("f.parquet")), null, ParquetCompression.SNAPPY, List.of());

        assertThatThrownBy(() -> dataset.save(new ArrayList<Flower>()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Dataset 'flowers'")
                .hasMessageContaining("'record' under load_args");
    }

    @Test
    void catalogDataset_listOfNonRecords_explainsWhatItSaves() {
        ParquetDataset<Object> dataset = ParquetDataset.fromCatalog(
                "flowers", Storage.local(dir.resolve("f.parquet")), null, ParquetCompression.SNAPPY, List.of());

        assertThatThrownBy(() -> dataset.save(List.of("a", "b")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("lists of Java records")
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> dataset.save(Map.of()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'object' dataset type");
    }

    @Test
    void catalogDataset_listMixingRecordTypes_namesTheElement() {
        ParquetDataset<Object> dataset = ParquetDataset.fromCatalog(
                "flowers", Storage.local(dir.resolve("f.parquet")), null, ParquetCompression.SNAPPY, List.of());
        List<Object> rows = List.of(FLOWERS.get(0), new Unrelated("red"));

        assertThatThrownBy(() -> dataset.save(rows))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("element 1")
                .hasMessageContaining(Unrelated.class.getName());
    }

    @Test
    void describe_namesTypeFileRowsAndCodec() {
        Path file = dir.resolve("f.parquet");

        assertThat(ParquetDataset.records(Storage.local(file), Flower.class)
                        .withCompression(ParquetCompression.ZSTD)
                        .describe())
                .containsEntry("type", "parquet")
                .containsEntry("filepath", file.toUri().toString())
                .containsEntry("rows", Flower.class.getName())
                .containsEntry("compression", "zstd");
    }

    /** A catalog dataset keeping {@code columns} of a file holding {@link #FLOWERS}. */
    private ParquetDataset<Object> savedFlowersSelecting(String... columns) {
        Location location = Storage.local(dir.resolve("f.parquet"));
        ParquetDataset.records(location, Flower.class).save(FLOWERS);
        return ParquetDataset.fromCatalog("flowers", location, null, ParquetCompression.SNAPPY, List.of(columns));
    }

    private static List<Object> values(DataFrame frame, String column) {
        Series<Object> series = frame.getColumn(column);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            values.add(series.get(i));
        }
        return values;
    }

    private static CompressionCodecName codecOf(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
        }
    }
}
