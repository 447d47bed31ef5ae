package dev.sluice.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.objects.fixtures.Drawing;
import dev.sluice.objects.fixtures.Shape.Circle;
import dev.sluice.objects.untrusted.Stranger;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectDatasetTypeTest {
    @TempDir
    Path project;

    @Test
    void schema_isDeclared() {
        assertThat(new ObjectDatasetType().schema().isDeclared()).isTrue();
    }

    @Test
    void serviceLoader_findsBothTypesAndEveryPickleSpellingNamesTheBinaryOne() {
        List<String> names = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(t -> t instanceof ObjectDatasetType || t instanceof BinaryObjectDatasetType)
                .map(DatasetType::name)
                .toList();
        DatasetTypes types = DatasetTypes.discover();

        assertThat(names).containsExactlyInAnyOrder("object", "object.cbor");
        for (String spelling : List.of(
                "pickle.PickleDataset",
                "kedro_datasets.pickle.PickleDataset",
                "pickle.PickleDataSet",
                "kedro.extras.datasets.pickle.PickleDataSet")) {
            assertThat(types.find(spelling))
                    .as(spelling)
                    .get()
                    .extracting(DatasetType::name)
                    .isEqualTo("object.cbor");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void create_pickleEntry_writesCborThatOpensWithTheSelfDescribeTag() throws Exception {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "data/06_models/model.pkl"));

        dataset.save(Map.of("accuracy", 0.9, "labels", List.of("setosa", "virginica")));

        byte[] bytes = Files.readAllBytes(project.resolve("data/06_models/model.pkl"));
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xD9, 0xD9, 0xF7);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("{\"");
        assertThat(dataset.load()).isEqualTo(Map.of("accuracy", 0.9, "labels", List.of("setosa", "virginica")));
        assertThat(dataset.describe()).containsEntry("type", "object.cbor").containsEntry("encoding", "cbor");
    }

    @Test
    void load_pythonPickle_saysItCannotBeReadNamingTheDataset() throws Exception {
        // What Python's pickle.dumps({"a": 1}, protocol=4) writes.
        byte[] pickle = {
            (byte) 0x80,
            0x04,
            (byte) 0x95,
            0x0a,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0x7d,
            (byte) 0x94,
            (byte) 0x8c,
            0x01,
            0x61,
            (byte) 0x94,
            0x4b,
            0x01,
            0x73,
            0x2e
        };
        Files.write(project.resolve("model.pkl"), pickle);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(project.resolve("model.pkl.gz")))) {
            out.write(pickle);
        }

        for (String file : List.of("model.pkl", "model.pkl.gz")) {
            assertThatThrownBy(() -> create(Map.of("filepath", file)).load())
                    .as(file)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("Dataset 'model':")
                    .hasMessageContaining("a Python pickle (protocol 4), which Sluice cannot read")
                    .hasMessageContaining("Re-run the node that produces it in Sluice");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void load_pickleEntry_readsAJsonObjectFileOfTheObjectType() {
        Dataset<Object> json = (Dataset<Object>) DatasetTypes.of(new ObjectDatasetType())
                .create(DatasetSpec.builder("model", "object")
                        .config(Map.of("filepath", "model.pkl"))
                        .source("conf/base/catalog.yml:3")
                        .projectDir(project)
                        .build());
        json.save(Map.of("accuracy", 0.9));

        assertThat(create(Map.of("filepath", "model.pkl")).load()).isEqualTo(Map.of("accuracy", 0.9));
    }

    @Test
    void save_pickleEntryValueItCannotStore_namesTheDatasetAndTheClass() {
        @SuppressWarnings("unchecked")
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "model.pkl"));

        assertThatThrownBy(() -> dataset.save(new Thread()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'model': Cannot save object.cbor to ")
                .hasMessageContaining("java.lang.Thread");
        assertThat(project.resolve("model.pkl")).doesNotExist();
    }

    @Test
    @SuppressWarnings("unchecked")
    void create_classAndAllowedPackages_roundTripsAValueFromBothPackages() throws Exception {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath", "data/06_models/drawing.json",
                "class", Drawing.class.getName(),
                "allowed_packages", List.of("dev.sluice.objects.untrusted"),
                "save_args", Map.of("compression", "gzip")));
        Drawing drawing = new Drawing(List.of(new Circle(1)), new Stranger("ann"), Map.of());

        dataset.save(drawing);

        assertThat(dataset.load()).isEqualTo(drawing);
        byte[] bytes = Files.readAllBytes(project.resolve("data/06_models/drawing.json"));
        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(dataset.describe())
                .containsEntry("class", Drawing.class.getName())
                .containsEntry(
                        "allowed_packages", List.of("dev.sluice.objects.fixtures", "dev.sluice.objects.untrusted"))
                .containsEntry("compression", "gzip");
    }

    @Test
    @SuppressWarnings("unchecked")
    void create_noClass_loadsOnlyJdkValuesAndNamesTheDatasetInErrors() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "metrics.json", "backend", "pickle"));

        dataset.save(Map.of("accuracy", 0.9));

        assertThat(dataset.load()).isEqualTo(Map.of("accuracy", 0.9));
        assertThatThrownBy(() -> dataset.save(new Stranger("bob")))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'model':")
                .hasMessageContaining("'allowed_packages'");
    }

    @Test
    void create_jdkPackageAllowed_isRefusedWithTheEntrysSource() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.json", "allowed_packages", List.of("java.io"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:3")
                .hasMessageContaining("JDK packages");
    }

    @Test
    void create_unknownClass_namesIt() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.json", "class", "com.example.Missing")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'com.example.Missing'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void create_joblibCompress_writesGzipOrRefusesWhatSluiceCannotWrite() throws Exception {
        Dataset<Object> dataset =
                (Dataset<Object>) create(Map.of("filepath", "m.json", "save_args", Map.of("compress", 3)));

        dataset.save(Map.of("accuracy", 0.9));

        assertThat(Files.readAllBytes(project.resolve("m.json"))[0] & 0xff).isEqualTo(0x1f);
        assertThat(dataset.load()).isEqualTo(Map.of("accuracy", 0.9));
        assertThatThrownBy(() -> create(Map.of("filepath", "m.json", "save_args", Map.of("compress", "lzma"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compress 'lzma'")
                .hasMessageContaining("gzip");
    }

    @Test
    void create_pickleLoadArgs_areRefused() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.json", "load_args", Map.of("encoding", "latin1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("takes no load_args");
        assertThatThrownBy(() -> create(Map.of("filepath", "x.json", "save_args", Map.of("protocol", 5))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown save_args key 'protocol'");
    }

    private Dataset<?> create(Map<String, Object> config) {
        DatasetSpec spec = DatasetSpec.builder("model", "pickle.PickleDataset")
                .config(config)
                .source("conf/base/catalog.yml:3")
                .projectDir(project)
                .build();
        return DatasetTypes.of(new ObjectDatasetType(), new BinaryObjectDatasetType())
                .create(spec);
    }
}
