package dev.sluice.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.StoredForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines (pandas' lines=True) in one file, and Spark's JSON output: directories of part files, partitioned. */
class JsonLinesTest {
    @TempDir
    Path project;

    private Path file(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @SuppressWarnings("unchecked")
    private Dataset<Object> entry(Map<String, Object> config) {
        return (Dataset<Object>) DatasetTypes.of(new JsonDatasetType())
                .create(DatasetSpec.builder("orders", "json")
                        .config(config)
                        .source("conf/base/catalog.yml:4")
                        .projectDir(project)
                        .build());
    }

    @Test
    void load_linesFile_givesTheListANormalLoadGivesForAnArrayOfRecords() throws IOException {
        file("lines.jsonl", "{\"id\":\"a\",\"quantity\":1}\n\n{\"id\":\"b\",\"quantity\":2,\"price\":2.5}\n");
        file("array.json", "[{\"id\":\"a\",\"quantity\":1},{\"id\":\"b\",\"quantity\":2,\"price\":2.5}]\n");

        Object lines = entry(Map.of("filepath", "lines.jsonl", "load_args", Map.of("lines", true)))
                .load();

        assertThat(lines).isEqualTo(entry(Map.of("filepath", "array.json")).load());
        assertThat(lines)
                .isEqualTo(List.of(Map.of("id", "a", "quantity", 1), Map.of("id", "b", "quantity", 2, "price", 2.5)));
    }

    @Test
    void load_linesIntoAListType_readsEachLineAsTheElementType() throws IOException {
        file("orders.jsonl", "{\"id\":\"a\",\"quantity\":1,\"price\":1.5,\"tags\":[]}\n");

        Object orders = entry(Map.of(
                        "filepath",
                        "orders.jsonl",
                        "load_args",
                        Map.of("lines", true, "type", "java.util.List<dev.sluice.datasets.json.Order>")))
                .load();

        assertThat(orders).isEqualTo(List.of(new Order("a", 1, 1.5, List.of())));
    }

    @Test
    void save_linesAndOrientRecords_writesOneCompactLinePerElementAndLoadsItBack() throws IOException {
        Dataset<Object> dataset =
                entry(Map.of("filepath", "out.jsonl", "save_args", Map.of("lines", true, "orient", "records")));
        List<Map<String, Object>> rows = List.of(Map.of("b", 2, "a", 1), Map.of("a", 3));

        dataset.save(rows);

        assertThat(Files.readString(project.resolve("out.jsonl"))).isEqualTo("{\"a\":1,\"b\":2}\n{\"a\":3}\n");
        assertThat(dataset.load()).isEqualTo(rows);
        assertThatThrownBy(() -> dataset.save(Map.of("a", 1)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("JSON Lines save a list, one element per line");
    }

    @Test
    void load_sparkDirectoryOfPartFiles_isReadAsJsonLinesInPartOrderWithoutTheLinesSetting() throws IOException {
        file("orders/part-00001-x.json", "{\"id\":2}\n");
        file("orders/part-00000-x.json", "{\"id\":0}\n{\"id\":1}\n");
        file("orders/_SUCCESS", "");
        file("orders/.part-00000-x.json.crc", "checksum");

        assertThat(entry(Map.of("filepath", "orders")).load())
                .isEqualTo(List.of(Map.of("id", 0), Map.of("id", 1), Map.of("id", 2)));
    }

    @Test
    void load_partitionedDirectory_addsThePartitionFieldsToEveryLine() throws IOException {
        file("orders/year=2024/region=north/part-00000-x.json", "{\"id\":0}\n{\"id\":1}\n");
        file("orders/year=2024/region=__HIVE_DEFAULT_PARTITION__/part-00000-x.json", "{\"id\":2}\n");
        file("orders/year=2025/region=south%2Fwest/part-00000-x.json", "{\"id\":3}\n");
        Files.createDirectories(project.resolve("orders/day=2024-01-31")); // empty: no rows, no columns

        Object loaded = entry(Map.of("filepath", "orders")).load();

        java.util.Map<String, Object> nullRegion = new java.util.LinkedHashMap<>();
        nullRegion.put("id", 2);
        nullRegion.put("year", 2024);
        nullRegion.put("region", null);
        assertThat(loaded)
                .isEqualTo(List.of(
                        nullRegion,
                        Map.of("id", 0, "year", 2024, "region", "north"),
                        Map.of("id", 1, "year", 2024, "region", "north"),
                        Map.of("id", 3, "year", 2025, "region", "south/west")));
        assertThat(((List<?>) loaded).get(1).toString()).isEqualTo("{id=0, year=2024, region=north}");
    }

    @Test
    void load_partitionedDirectoryOfDates_givesTheDatesAsText() throws IOException {
        file("orders/day=2024-01-31/part-00000-x.json", "{\"id\":0}\n");

        assertThat(entry(Map.of("filepath", "orders")).load()).isEqualTo(List.of(Map.of("id", 0, "day", "2024-01-31")));
    }

    @Test
    void load_partitionedLinesThatCannotTakeThePartitionFields_failNamingThePart() throws IOException {
        file("clash/year=2024/part-00000-x.json", "{\"year\":1}\n");
        file("array/year=2024/part-00000-x.json", "[1]\n");

        assertThatThrownBy(() -> entry(Map.of("filepath", "clash")).load())
                .hasMessageContaining("field 'year' is both in its files in part "
                        + project.resolve("clash/year=2024/part-00000-x.json").toUri() + " and a partition column");
        assertThatThrownBy(() -> entry(Map.of("filepath", "array")).load())
                .hasMessageContaining("is not an object, so it cannot take the partition fields {\"year\":2024}");
    }

    @Test
    void load_badLineInAPart_namesThePartAndTheLine() throws IOException {
        file("orders/part-00000-x.json", "{\"id\":0}\n{\"id\":\n");

        assertThatThrownBy(() -> entry(Map.of("filepath", "orders")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("invalid JSON at line 3")
                .hasMessageContaining(
                        "in part " + project.resolve("orders/part-00000-x.json").toUri());
    }

    @Test
    void load_directoryIntoANonListType_saysToLoadAList() throws IOException {
        file("orders/part-00000-x.json", "{\"id\":\"a\"}\n");

        assertThatThrownBy(() -> entry(Map.of(
                                "filepath", "orders", "load_args", Map.of("type", "dev.sluice.datasets.json.Order")))
                        .load())
                .hasMessageContaining("which loads as a list")
                .hasMessageContaining("use java.util.List<dev.sluice.datasets.json.Order>");
    }

    @Test
    void create_linesWithIndentOtherOrientOrDisagreeingSettings_areErrorsAtTheEntry() {
        assertThatThrownBy(() -> entry(Map.of("filepath", "o.json", "save_args", Map.of("lines", true, "indent", 2))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("indent")
                .hasMessageContaining("cannot apply to JSON Lines");
        assertThatThrownBy(() -> entry(Map.of("filepath", "o.json", "save_args", Map.of("orient", "split"))))
                .hasMessageContaining("orient")
                .hasMessageContaining("only records is accepted");
        assertThatThrownBy(() -> entry(Map.of(
                        "filepath", "o.json", "load_args", Map.of("lines", true), "save_args", Map.of("lines", false))))
                .hasMessageContaining("give both the same value");
        assertThatThrownBy(() -> entry(Map.of(
                        "filepath",
                        "o.json",
                        "load_args",
                        Map.of("lines", true, "type", "dev.sluice.datasets.json.Order"))))
                .hasMessageContaining(
                        "JSON Lines load as a list; write java.util.List<dev.sluice.datasets.json.Order>");
    }

    @Test
    void cannotRead_sparkJsonOrALinesFile_onlyWhenTheFormsMatch() {
        Dataset<Object> document = entry(Map.of("filepath", "o.json"));
        Dataset<Object> lines = entry(Map.of("filepath", "o.json", "load_args", Map.of("lines", true)));
        StoredForm spark = StoredForm.of("json", StoredForm.Layout.PART_FILES);
        StoredForm partitioned = StoredForm.of("json", StoredForm.Layout.PARTITIONED);

        assertThat(document.cannotRead(spark, "o@spark")).isEmpty();
        assertThat(lines.cannotRead(partitioned, "o@spark")).isEmpty();
        assertThat(document.cannotRead(lines.storedForm().orElseThrow(), "o@lines"))
                .get()
                .asString()
                .contains("writes JSON Lines (one value per line) and this entry reads one JSON document; set load_args"
                        + " lines: true here");
        assertThat(lines.cannotRead(document.storedForm().orElseThrow(), "o@doc"))
                .get()
                .asString()
                .contains("set save_args lines: true on 'o@doc'");
        assertThat(document.cannotRead(StoredForm.of("parquet", StoredForm.Layout.PART_FILES), "o@spark"))
                .get()
                .asString()
                .contains("writes parquet and this entry reads json");
        assertThat(lines.describe()).containsEntry("lines", true);
    }
}
