package dev.sluice.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.datasets.csv.CsvDataset.ColumnType;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    private static List<Object> values(DataFrame frame, String column) {
        Series<?> series = frame.getColumn(column);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            values.add(series.get(i));
        }
        return values;
    }

    private static DataFrame sample() {
        return DataFrame.byColumn("id", "big", "score", "ok", "name")
                .of(
                        Series.ofInt(1, 2, 3),
                        Series.ofLong(1L, 12345678901L, -5L),
                        Series.ofDouble(0.5, 1e20, -0.0),
                        Series.ofBool(true, false, true),
                        Series.of("plain", "with, comma", "quote \" and\nnewline"));
    }

    @Test
    void saveThenLoad_inferredTypes_comeBackAsPrimitiveSeries() {
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("data/frame.csv")));

        dataset.save(sample());
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("id", "big", "score", "ok", "name");
        assertThat(loaded.getColumn("id")).isInstanceOf(IntSeries.class);
        assertThat(loaded.getColumn("big")).isInstanceOf(LongSeries.class);
        assertThat(loaded.getColumn("score")).isInstanceOf(DoubleSeries.class);
        assertThat(loaded.getColumn("ok")).isInstanceOf(BooleanSeries.class);
        assertThat(values(loaded, "id")).containsExactly(1, 2, 3);
        assertThat(values(loaded, "big")).containsExactly(1L, 12345678901L, -5L);
        assertThat(values(loaded, "score")).containsExactly(0.5, 1e20, -0.0);
        assertThat(values(loaded, "ok")).containsExactly(true, false, true);
        assertThat(values(loaded, "name")).containsExactly("plain", "with, comma", "quote \" and\nnewline");
    }

    @Test
    void saveThenLoad_nullsAndEmptyStrings_keptApart() {
        DataFrame frame = DataFrame.byColumn("n", "s").of(Series.of(1, null, 3), Series.of("", null, "x"));
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("nulls.csv")));

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertThat(values(loaded, "n")).containsExactly(1, null, 3);
        assertThat(values(loaded, "s")).containsExactly("", null, "x");
    }

    @Test
    void saveThenLoad_inference_isLossyForNumberLikeStringsAndSmallLongs() {
        DataFrame frame = DataFrame.byColumn("code", "small").of(Series.of("007", "010"), Series.ofLong(1L, 2L));
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("lossy.csv")));

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertThat(values(loaded, "code")).containsExactly(7, 10);
        assertThat(loaded.getColumn("small")).isInstanceOf(IntSeries.class);
    }

    @Test
    void saveThenLoad_declaredDtypes_roundTripExactly() {
        DataFrame frame = DataFrame.byColumn("code", "small").of(Series.of("007", "010"), Series.ofLong(1L, 2L));
        CsvDataset dataset = CsvDataset.builder(Storage.local(dir.resolve("exact.csv")))
                .dtype("code", ColumnType.STRING)
                .dtype("small", ColumnType.LONG)
                .build();

        dataset.save(frame);
        DataFrame loaded = dataset.load();

        assertThat(values(loaded, "code")).containsExactly("007", "010");
        assertThat(values(loaded, "small")).containsExactly(1L, 2L);
    }

    @Test
    void load_inferenceOff_everyColumnIsString() throws IOException {
        Path file = dir.resolve("strings.csv");
        Files.writeString(file, "a,b\n1,true\n2,false\n");

        DataFrame loaded = CsvDataset.builder(Storage.local(file))
                .inferTypes(false)
                .dtype("b", ColumnType.BOOLEAN)
                .build()
                .load();

        assertThat(values(loaded, "a")).containsExactly("1", "2");
        assertThat(values(loaded, "b")).containsExactly(true, false);
    }

    @Test
    void load_inference_mixedColumnsWidenOrFallBackToString() throws IOException {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, "i,d,b,s,e\n1,1,TRUE,1,\n2,2.5,false,x,\n3000000000,3,true,,\n");

        DataFrame loaded = CsvDataset.at(Storage.local(file)).load();

        assertThat(values(loaded, "i")).containsExactly(1L, 2L, 3000000000L);
        assertThat(values(loaded, "d")).containsExactly(1.0, 2.5, 3.0);
        assertThat(values(loaded, "b")).containsExactly(true, false, true);
        assertThat(values(loaded, "s")).containsExactly("1", "x", null);
        assertThat(values(loaded, "e")).containsExactly(null, null, null);
    }

    @Test
    void saveThenLoad_semicolonsWithoutHeader_columnsNamedByPosition() throws IOException {
        Path file = dir.resolve("plain.csv");
        CsvDataset dataset = CsvDataset.builder(Storage.local(file))
                .delimiter(';')
                .header(false)
                .build();

        dataset.save(DataFrame.byColumn("x", "y").of(Series.ofInt(1, 2), Series.of("a;b", "c")));

        assertThat(Files.readString(file)).isEqualTo("1;\"a;b\"\n2;c\n");
        DataFrame loaded = dataset.load();
        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("0", "1");
        assertThat(values(loaded, "1")).containsExactly("a;b", "c");
    }

    @Test
    void saveThenLoad_latin1Encoding_usesIt() throws IOException {
        Path file = dir.resolve("latin.csv");
        CsvDataset dataset = CsvDataset.builder(Storage.local(file))
                .encoding(StandardCharsets.ISO_8859_1)
                .build();

        dataset.save(DataFrame.byColumn("städt").of(Series.of("café")));

        assertThat(Files.readAllBytes(file)).contains(0xE9);
        assertThat(values(dataset.load(), "städt")).containsExactly("café");
    }

    @Test
    void saveThenLoad_singleColumnWithNulls_keepsEveryRow() {
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("one.csv")));

        dataset.save(DataFrame.byColumn("v").of(Series.of("a", null, "", null)));

        assertThat(values(dataset.load(), "v")).containsExactly("a", null, "", null);
    }

    @Test
    void saveThenLoad_headerOnly_givesEmptyStringColumns() {
        CsvDataset dataset = CsvDataset.at(Storage.local(dir.resolve("empty-rows.csv")));

        dataset.save(DataFrame.empty("a", "b"));
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("a", "b");
        assertThat(loaded.height()).isZero();
    }

    @Test
    void saveThenLoad_noColumns_emptyFileAndEmptyFrame() throws IOException {
        Path file = dir.resolve("nothing.csv");
        CsvDataset dataset = CsvDataset.at(Storage.local(file));

        dataset.save(DataFrame.empty());

        assertThat(Files.size(file)).isZero();
        assertThat(dataset.load().width()).isZero();
    }

    @Test
    void load_raggedRow_errorNamesLineAndHeaderWidth() throws IOException {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n\n4,5\n");

        assertThatThrownBy(() -> CsvDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("line 4 has 2 fields, but the header (line 1) has 3")
                .hasMessageContaining("delimiter");
    }

    @Test
    void load_valueNotOfDeclaredType_errorNamesLineAndColumn() throws IOException {
        Path file = dir.resolve("typed.csv");
        Files.writeString(file, "id,name\n1,a\n\"two\nlines\",b\nx,c\n");
        CsvDataset dataset = CsvDataset.builder(Storage.local(file))
                .dtype("id", ColumnType.INT)
                .build();

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 3, column 'id': 'two\nlines' is not an int")
                .hasMessageContaining("load_args.dtype");
    }

    @Test
    void load_unclosedQuote_errorNamesLine() throws IOException {
        Path file = dir.resolve("quote.csv");
        Files.writeString(file, "a,b\n1,2\n3,\"oops\n");

        assertThatThrownBy(() -> CsvDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void load_duplicateColumnName_error() throws IOException {
        Path file = dir.resolve("dup.csv");
        Files.writeString(file, "a,b,a\n1,2,3\n");

        assertThatThrownBy(() -> CsvDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("names column 'a' twice");
    }

    @Test
    void load_dtypeForAbsentColumn_errorListsColumns() throws IOException {
        Path file = dir.resolve("cols.csv");
        Files.writeString(file, "a,b\n1,2\n");

        assertThatThrownBy(() -> CsvDataset.builder(Storage.local(file))
                        .dtype("c", ColumnType.INT)
                        .build()
                        .load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("declares column 'c'")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void load_byteOrderMark_notPartOfFirstColumnName() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.write(file, "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(CsvDataset.at(Storage.local(file)).load().getColumnsIndex().toArray())
                .containsExactly("a", "b");
    }

    /** A cell whose text cannot be produced: the save fails after earlier rows were written. */
    private static final class Unprintable {
        @Override
        public String toString() {
            throw new IllegalStateException("no text for this cell");
        }
    }

    @Test
    void save_cellFailsMidWrite_previousFileIntactAndNoTempFile() throws IOException {
        Path file = dir.resolve("frame.csv");
        CsvDataset dataset = CsvDataset.at(Storage.local(file));
        dataset.save(DataFrame.byColumn("a").of(Series.of("previous")));
        String before = Files.readString(file);
        List<Object> cells = new ArrayList<>(Arrays.asList("x", "y"));
        cells.add(new Unprintable());

        assertThatThrownBy(() -> dataset.save(DataFrame.byColumn("a").of(Series.ofIterable(cells))))
                .hasMessageContaining("no text for this cell");

        assertThat(Files.readString(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void describe_showsLoadAndSaveSettings() {
        CsvDataset dataset = CsvDataset.builder(Storage.local(dir.resolve("d.csv")))
                .delimiter('|')
                .dtype("id", ColumnType.LONG)
                .build();

        Map<String, Object> description = dataset.describe();

        assertThat(description).containsEntry("type", "csv");
        assertThat(description.get("load_args"))
                .isEqualTo(Map.of(
                        "delimiter",
                        "|",
                        "header",
                        true,
                        "encoding",
                        "UTF-8",
                        "dtype",
                        Map.of("id", "long"),
                        "infer_types",
                        true));
        assertThat(description.get("save_args"))
                .isEqualTo(Map.of("delimiter", "|", "header", true, "encoding", "UTF-8"));
    }
}
