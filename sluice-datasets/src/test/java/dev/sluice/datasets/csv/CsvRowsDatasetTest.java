package dev.sluice.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsDatasetTest {
    @TempDir
    Path dir;

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void saveThenLoad_maps_roundTripExactlyInColumnOrder() throws IOException {
        Path file = dir.resolve("rows.csv");
        CsvRowsDataset<Map<String, String>> dataset = CsvRowsDataset.maps(Storage.local(file));
        List<Map<String, String>> rows =
                List.of(row("z", "1", "a", "x,y"), row("z", null, "a", ""), row("a", "say \"hi\"", "z", "line\nbreak"));

        dataset.save(rows);
        List<Map<String, String>> loaded = dataset.load();

        assertThat(loaded).isEqualTo(rows);
        assertThat(loaded.get(2).keySet()).containsExactly("z", "a");
        assertThat(Files.readString(file)).startsWith("z,a\n1,\"x,y\"\n,\"\"\n");
    }

    @Test
    void saveThenLoad_lists_roundTrip() {
        CsvRowsDataset<List<String>> dataset = CsvRowsDataset.lists(Storage.local(dir.resolve("lists.csv")));
        List<List<String>> rows = List.of(List.of("a", "b"), Arrays.asList(null, ""), List.of("1", "2"));

        dataset.save(rows);

        assertThat(dataset.load()).isEqualTo(rows);
    }

    @Test
    void saveThenLoad_singleColumnWithNulls_keepsEveryRow() {
        CsvRowsDataset<List<String>> dataset = CsvRowsDataset.lists(Storage.local(dir.resolve("one.csv")));
        List<List<String>> rows = List.of(List.of("a"), Arrays.asList((String) null), List.of(""), List.of("b"));

        dataset.save(rows);

        assertThat(dataset.load()).isEqualTo(rows);
    }

    @Test
    void saveThenLoad_emptyList_roundTrips() {
        CsvRowsDataset<Map<String, String>> dataset = CsvRowsDataset.maps(Storage.local(dir.resolve("none.csv")));

        dataset.save(List.of());

        assertThat(dataset.load()).isEmpty();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void save_nonStringValues_writtenAsText() {
        CsvRowsDataset<Map<String, String>> dataset = CsvRowsDataset.maps(Storage.local(dir.resolve("n.csv")));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("n", 42);
        numbers.put("f", 1.5);

        dataset.save((List) List.of(numbers));

        assertThat(dataset.load()).containsExactly(row("n", "42", "f", "1.5"));
    }

    @Test
    void saveThenLoad_tabDelimiter_used() throws IOException {
        Path file = dir.resolve("t.tsv");
        CsvRowsDataset<List<String>> dataset =
                CsvRowsDataset.lists(Storage.local(file)).withDelimiter('\t');

        dataset.save(List.of(List.of("a b", "c,d")));

        assertThat(Files.readString(file)).isEqualTo("a b\tc,d\n");
        assertThat(dataset.load()).containsExactly(List.of("a b", "c,d"));
    }

    @Test
    void load_rowsAreUnmodifiable() {
        CsvRowsDataset<Map<String, String>> dataset = CsvRowsDataset.maps(Storage.local(dir.resolve("u.csv")));
        dataset.save(List.of(row("a", "1")));

        List<Map<String, String>> loaded = dataset.load();

        assertThatThrownBy(() -> loaded.get(0).put("a", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> loaded.add(row("a", "3"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void load_raggedRow_errorNamesLine() throws IOException {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "a,b\n1,2\n3,4,5\n");

        assertThatThrownBy(() -> CsvRowsDataset.maps(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("line 3 has 3 fields, but the header (line 1) has 2");
    }

    @Test
    void load_raggedRowWithoutHeader_comparesWithFirstRow() throws IOException {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "1,2\n3\n");

        assertThatThrownBy(() -> CsvRowsDataset.lists(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 2 has 1 fields, but the first row (line 1) has 2");
    }

    @Test
    void save_mapsWithDifferentKeys_refusedAndNothingWritten() {
        Path file = dir.resolve("keys.csv");
        CsvRowsDataset<Map<String, String>> dataset = CsvRowsDataset.maps(Storage.local(file));

        assertThatThrownBy(() -> dataset.save(List.of(row("a", "1", "b", "2"), row("a", "1", "c", "2"))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("the row at index 1 has keys [a, c], but the first row has [a, b]")
                .hasMessageContaining("Nothing was written");
        assertThat(file).doesNotExist();
    }

    @Test
    void save_raggedLists_refused() {
        CsvRowsDataset<List<String>> dataset = CsvRowsDataset.lists(Storage.local(dir.resolve("r.csv")));
        List<List<String>> rows = new ArrayList<>(List.of(List.of("a", "b"), List.of("c")));

        assertThatThrownBy(() -> dataset.save(rows))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("the row at index 1 has 1 fields, but the first row has 2");
    }

    @Test
    void describe_showsShapeAndFormat() {
        assertThat(CsvRowsDataset.lists(Storage.local(dir.resolve("d.csv")))
                        .withDelimiter(';')
                        .describe())
                .containsEntry("type", "csv.rows")
                .containsEntry("rows", "lists")
                .containsEntry("delimiter", ";")
                .containsEntry("header", false);
    }
}
