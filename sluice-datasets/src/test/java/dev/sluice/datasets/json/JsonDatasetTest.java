package dev.sluice.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDatasetTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoad_plainValues_roundTripAsMapsListsAndScalars() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "iris");
        value.put("count", 150);
        value.put("big", 12345678901L);
        value.put("ratio", 0.25);
        value.put("ok", true);
        value.put("missing", null);
        value.put("tags", List.of("a", "b"));
        value.put("nested", Map.of("x", List.of(1, 2)));
        JsonDataset<Object> dataset = JsonDataset.at(Storage.local(dir.resolve("out/value.json")));

        dataset.save(value);

        assertThat(dataset.load()).isEqualTo(value);
    }

    @Test
    void saveThenLoad_topLevelList_roundTrips() {
        JsonDataset<Object> dataset = JsonDataset.at(Storage.local(dir.resolve("list.json")));

        dataset.save(List.of("x", 1, false));

        assertThat(dataset.load()).isEqualTo(List.of("x", 1, false));
    }

    @Test
    void saveThenLoad_record_roundTrips() {
        JsonDataset<Order> dataset = JsonDataset.at(Storage.local(dir.resolve("order.json")), Order.class);
        Order order = new Order("o-1", 3, 9.5, List.of("rush"));

        dataset.save(order);

        assertThat(dataset.load()).isEqualTo(order);
    }

    @Test
    void saveThenLoad_genericListOfRecords_roundTrips() {
        JsonDataset<List<Order>> dataset =
                JsonDataset.at(Storage.local(dir.resolve("orders.json")), new TypeReference<List<Order>>() {});
        List<Order> orders = List.of(new Order("a", 1, 1.0, List.of()), new Order("b", 2, 2.5, List.of("x")));

        dataset.save(orders);

        assertThat(dataset.load()).containsExactlyElementsOf(orders);
    }

    @Test
    void save_compact_writesOneLineWithTrailingNewline() throws IOException {
        Path file = dir.resolve("compact.json");

        JsonDataset.at(Storage.local(file)).save(Map.of("a", List.of(1, 2)));

        assertThat(Files.readString(file)).isEqualTo("{\"a\":[1,2]}\n");
    }

    @Test
    void save_withIndent_writesIndentedJson() throws IOException {
        Path file = dir.resolve("pretty.json");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("b", List.of(true));

        JsonDataset.at(Storage.local(file)).withIndent(4).save(value);

        assertThat(Files.readString(file)).isEqualTo("{\n    \"a\": 1,\n    \"b\": [\n        true\n    ]\n}\n");
    }

    @Test
    void load_malformedJson_errorNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n  \"a\": 1,\n  \"b\": tru\n}\n");

        assertThatThrownBy(() -> JsonDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("invalid JSON at line 3, column")
                .hasMessageContaining("tru")
                .hasMessageContaining("Fix the file");
    }

    @Test
    void load_trailingContent_rejectedWithLine() throws IOException {
        Path file = dir.resolve("two.json");
        Files.writeString(file, "{\"a\": 1}\n{\"a\": 2}\n");

        assertThatThrownBy(() -> JsonDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("at line 2, column")
                .hasMessageContaining("Trailing token");
    }

    @Test
    void load_wrongShapeForRecord_errorNamesTypeAndJsonPath() throws IOException {
        Path file = dir.resolve("orders.json");
        Files.writeString(
                file,
                "[{\"id\": \"a\", \"quantity\": 1, \"price\": 1.0, \"tags\": []},\n"
                        + " {\"id\": \"b\", \"quantity\": \"many\", \"price\": 2.0, \"tags\": []}]\n");
        JsonDataset<List<Order>> dataset = JsonDataset.at(Storage.local(file), new TypeReference<List<Order>>() {});

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not fit java.util.List<" + Order.class.getName() + ">")
                .hasMessageContaining("at line 2, column")
                .hasMessageContaining("(at $[1].quantity)")
                .hasMessageContaining("many");
    }

    @Test
    void load_unknownPropertyForRecord_rejected() throws IOException {
        Path file = dir.resolve("order.json");
        Files.writeString(file, "{\"id\": \"a\", \"quantity\": 1, \"price\": 1.0, \"tags\": [], \"colour\": \"red\"}");

        assertThatThrownBy(
                        () -> JsonDataset.at(Storage.local(file), Order.class).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("(at $.colour)")
                .hasMessageContaining("Unrecognized field \"colour\"");
    }

    @Test
    void load_emptyFile_errorNamesFile() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");

        assertThatThrownBy(() -> JsonDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("end-of-input");
    }

    @Test
    void load_jsonNull_refused() throws IOException {
        Path file = dir.resolve("null.json");
        Files.writeString(file, "null");

        assertThatThrownBy(() -> JsonDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("decodes to null");
    }

    @Test
    void load_missingFile_saysToRunProducer() {
        Path file = dir.resolve("absent.json");

        assertThatThrownBy(() -> JsonDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("does not exist");
    }

    /** Serializes its first elements, then fails: Jackson has already written part of the array. */
    private static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot compute value");
        }
    }

    @Test
    void save_valueFailsMidSerialization_previousFileIntactAndNoTempFile() throws IOException {
        Path file = dir.resolve("data.json");
        JsonDataset<Object> dataset = JsonDataset.at(Storage.local(file));
        dataset.save(List.of("previous"));
        List<Object> value = new ArrayList<>(Arrays.asList("a", "b", "c"));
        value.add(new Exploding());

        assertThatThrownBy(() -> dataset.save(value))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("(at $[3].value)")
                .hasMessageContaining("cannot compute value");
        assertThat(Files.readString(file)).isEqualTo("[\"previous\"]\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void describe_typedAndIndented_showsSettings() {
        Path file = dir.resolve("o.json");

        assertThat(JsonDataset.at(Storage.local(file), Order.class)
                        .withIndent(2)
                        .describe())
                .containsEntry("type", "json")
                .containsEntry("filepath", file.toUri().toString())
                .containsEntry("load_type", Order.class.getName())
                .containsEntry("indent", 2);
        assertThat(JsonDataset.at(Storage.local(file)).describe()).containsOnlyKeys("type", "filepath");
    }
}
