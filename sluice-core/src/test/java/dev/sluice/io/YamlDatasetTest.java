package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDatasetTest {
    @TempDir
    Path dir;

    private static Map<String, Object> model() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "café");
        value.put("layers", List.of(64, 32));
        value.put("rate", 0.25);
        value.put("enabled", true);
        value.put("notes", null);
        value.put("nested", new LinkedHashMap<>(Map.of("b", 2)));
        return value;
    }

    @Test
    void saveThenLoad_plainValues_roundTripKeepingKeyOrder() {
        YamlDataset dataset = YamlDataset.at(Storage.local(dir.resolve("out/model.yml")));

        dataset.save(model());

        Object loaded = dataset.load();
        assertThat(loaded).isEqualTo(model());
        assertThat(List.<Object>copyOf(((Map<?, ?>) loaded).keySet()))
                .containsExactly("name", "layers", "rate", "enabled", "notes", "nested");
    }

    @Test
    void save_blockStyle_writesKedroDefaultLayoutWithFinalNewline() throws IOException {
        Path file = dir.resolve("model.yml");

        YamlDataset.at(Storage.local(file)).save(model());

        assertThat(Files.readString(file))
                .isEqualTo(
                        "name: café\nlayers:\n- 64\n- 32\nrate: 0.25\nenabled: true\nnotes: null\nnested:\n  b: 2\n");
    }

    @Test
    void save_twice_writesIdenticalBytes() throws IOException {
        Path first = dir.resolve("a.yml");
        Path second = dir.resolve("b.yml");

        YamlDataset.at(Storage.local(first)).save(model());
        YamlDataset.at(Storage.local(second)).save(model());

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void save_flowStyleAndSortedKeys_writesOneSortedLine() throws IOException {
        Path file = dir.resolve("flow.yml");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1, 2));
        value.put("a", "x");

        YamlDataset.at(Storage.local(file))
                .withFlowStyle(true)
                .withSortedKeys(true)
                .save(value);

        assertThat(Files.readString(file)).isEqualTo("{a: x, z: [1, 2]}\n");
    }

    @Test
    void load_invalidYaml_errorNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "a: 1\nb: [1, 2\nc: 3\n");

        assertThatThrownBy(() -> YamlDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("invalid YAML at line 3");
    }

    @Test
    void load_twoDocuments_errorSaysKeepOne() throws IOException {
        Path file = dir.resolve("two.yml");
        Files.writeString(file, "a: 1\n---\nb: 2\n");

        assertThatThrownBy(() -> YamlDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("more than one YAML document");
    }

    @Test
    void load_javaTag_isNotTurnedIntoAnObject() throws IOException {
        Path file = dir.resolve("tag.yml");
        Files.writeString(file, "x: !!java.io.File /etc/passwd\n");

        assertThatThrownBy(() -> YamlDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void save_record_errorSaysConvertToMap() {
        record Point(int x, int y) {}
        YamlDataset dataset = YamlDataset.at(Storage.local(dir.resolve("p.yml")));

        assertThatThrownBy(() -> dataset.save(Map.of("p", new Point(1, 2))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("converting records and other objects to maps first");
        assertThat(dir.resolve("p.yml")).doesNotExist();
    }

    @Test
    void catalogEntry_kedroSpellingAndSaveArgs_savesAndLoads() throws IOException {
        DataCatalog catalog = catalog("""
                params_out:
                  type: yaml.YAMLDataset
                  filepath: data/08_reporting/params.yml
                  save_args:
                    default_flow_style: false
                    sort_keys: true
                    indent: 4
                long_name:
                  type: kedro_datasets.yaml.YAMLDataset
                  filepath: data/08_reporting/params.yml
                """);

        catalog.save("params_out", Map.of("b", Map.of("c", 1), "a", 2));

        assertThat(Files.readString(dir.resolve("data/08_reporting/params.yml")))
                .isEqualTo("a: 2\nb:\n    c: 1\n");
        assertThat(catalog.load("long_name")).isEqualTo(Map.of("a", 2, "b", Map.of("c", 1)));
    }

    @Test
    void catalogEntry_nullFlowStyle_errorSaysWhatToUse() {
        assertThatThrownBy(() -> catalog("""
                        out:
                          type: yaml
                          filepath: out.yml
                          save_args: {default_flow_style: null}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("save_args.default_flow_style")
                .hasMessageContaining("use false (block) or true (flow)");
    }

    private DataCatalog catalog(String yaml) throws IOException {
        Path base = Files.createDirectories(dir.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), yaml);
        dev.sluice.catalog.DataCatalog built =
                ProjectConfig.load(dir.resolve("conf"), null, Map.of()).toCatalog(dir, DatasetTypes.discover());
        // Entries are built when first needed; build them all, as a run that uses them would.
        built.materialize(built.names());
        return built;
    }
}
