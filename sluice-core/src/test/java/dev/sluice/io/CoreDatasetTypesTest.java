package dev.sluice.io;

import static dev.sluice.io.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreDatasetTypesTest {
    @TempDir
    Path projectDir;

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<DatasetType> types = List.of(
            new MemoryDatasetType(), new TextDatasetType(), new BytesDatasetType(), new SlowDatasetType(sleeps::add));

    @Test
    void serviceLoader_coreJar_findsEveryCoreTypeWithAliases() {
        Map<String, DatasetType> byName = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(DatasetType::name, t -> t));

        assertThat(byName).containsKeys("memory", "text", "bytes", "slow");
        assertThat(byName.get("memory").aliases()).contains("MemoryDataset");
        assertThat(byName.get("text").aliases()).contains("TextDataset", "text.TextDataset");
        assertThat(byName.get("slow").aliases()).contains("SlowDataset");
    }

    @Test
    void delegatingType_isItsDelegateUnderAnotherClass() {
        DatasetType versionedText = new DatasetType() {
            @Override
            public String name() {
                return "text.versioned";
            }

            @Override
            public java.util.Set<String> aliases() {
                return java.util.Set.of("VersionedTextDataset");
            }

            @Override
            public boolean versionedByDefault() {
                return true;
            }

            @Override
            public Dataset<?> create(DatasetSpec spec) {
                return new TextDatasetType().create(spec);
            }
        };
        DatasetType delegating = new DelegatingDatasetType(versionedText) {};

        assertThat(delegating.name()).isEqualTo("text.versioned");
        assertThat(delegating.aliases()).containsExactly("VersionedTextDataset");
        assertThat(delegating.versionedByDefault()).isTrue();
        assertThat(delegating.schema().isDeclared()).isFalse();
        assertThat(delegating.create(
                        spec("notes", "text.versioned", Map.of("filepath", "notes.txt"), projectDir, types)))
                .isInstanceOf(TextDataset.class);
    }

    @Test
    void location_fsArgsAndCredentialsOnALocalPath_warnedOnceNotIgnoredSilently() {
        dev.sluice.Warnings warnings = dev.sluice.Warnings.create();
        DatasetSpec spec = DatasetSpec.builder("notes", "text")
                .config(Map.of("filepath", "data/notes.txt", "fs_args", Map.of("open_args_save", Map.of("mode", "w"))))
                .credentials(Map.of("key", "k"))
                .source(Specs.SOURCE)
                .projectDir(projectDir)
                .warnings(warnings)
                .build();

        new TextDatasetType().create(spec);
        new TextDatasetType().create(spec);

        assertThat(warnings.list()).singleElement().satisfies(warning -> assertThat(warning.message())
                .isEqualTo("dataset 'notes' (type text) sets fs_args and credentials, which only object stores"
                        + " (s3://...) use; its filepath is a local path, so they have no effect; remove them to"
                        + " silence this warning."));
    }

    @Test
    void memory_create_givesEmptyEphemeralDataset() {
        Dataset<?> dataset = new MemoryDatasetType().create(spec("m", "memory", Map.of(), projectDir, types));

        assertThat(dataset).isInstanceOf(MemoryDataset.class);
        assertThat(dataset.exists()).isFalse();
        assertThat(dataset.isPersistent()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void text_relativeFilepathAndEncoding_resolvesAgainstProjectDir() throws Exception {
        DatasetSpec spec = spec(
                "notes",
                "TextDataset",
                Map.of("filepath", "data/01_raw/notes.txt", "encoding", "ISO-8859-1"),
                projectDir,
                types);

        Dataset<String> dataset = (Dataset<String>) new TextDatasetType().create(spec);
        dataset.save("é");

        Path file = projectDir.resolve("data/01_raw/notes.txt");
        assertThat(Files.readAllBytes(file)).containsExactly(0xE9);
        assertThat(((TextDataset) dataset).encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(dataset.describe()).containsEntry("filepath", file.toUri().toString());
    }

    @Test
    void text_noFilepath_errorNamesEntryAndSource() {
        DatasetSpec spec = spec("notes", "text", Map.of(), projectDir, types);

        assertThatThrownBy(() -> new TextDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7")
                .hasMessageContaining("dataset 'notes'")
                .hasMessageContaining("'filepath'");
    }

    @Test
    void text_unknownEncoding_errorSaysWhatToUse() {
        DatasetSpec spec =
                spec("notes", "text", Map.of("filepath", "a.txt", "encoding", "utf-nine"), projectDir, types);

        assertThatThrownBy(() -> new TextDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dataset 'notes'")
                .hasMessageContaining("unknown encoding 'utf-nine'")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void bytes_create_roundTripsUnderProjectDir() {
        @SuppressWarnings("unchecked")
        Dataset<byte[]> dataset = (Dataset<byte[]>)
                new BytesDatasetType().create(spec("blob", "bytes", Map.of("filepath", "b.bin"), projectDir, types));

        dataset.save(new byte[] {7, 8});

        assertThat(projectDir.resolve("b.bin")).hasBinaryContent(new byte[] {7, 8});
        assertThat(dataset.load()).containsExactly(7, 8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void slow_nestedDatasetAndDelays_delaysObservedThroughSleeper() {
        DatasetSpec spec = spec(
                "model_input",
                "slow",
                Map.of(
                        "load_delay",
                        10,
                        "save_delay",
                        "0.5",
                        "dataset",
                        Map.of("type", "text", "filepath", "data/model_input.txt")),
                projectDir,
                types);

        Dataset<String> dataset = (Dataset<String>) new SlowDatasetType(sleeps::add).create(spec);
        dataset.save("rows");
        String loaded = dataset.load();

        assertThat(loaded).isEqualTo("rows");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThat(projectDir.resolve("data/model_input.txt")).hasContent("rows");
        assertThat(dataset.isPersistent()).isTrue();
        assertThat(dataset.describe())
                .containsEntry("type", "slow")
                .containsEntry("load_delay", 10.0)
                .containsEntry("save_delay", 0.5)
                .containsKey("dataset");
    }

    @Test
    void slow_bytesPerSecond_addsTransferPause() {
        DatasetSpec spec = spec(
                "blob",
                "SlowDataset",
                Map.of("bytes_per_second", 2, "dataset", Map.of("type", "bytes", "filepath", "b.bin")),
                projectDir,
                types);

        @SuppressWarnings("unchecked")
        Dataset<byte[]> dataset = (Dataset<byte[]>) new SlowDatasetType(sleeps::add).create(spec);
        dataset.save(new byte[] {1, 2, 3});

        assertThat(sleeps).containsExactly(Duration.ofMillis(1500));
        assertThat(dataset.describe()).containsEntry("bytes_per_second", 2.0);
    }

    @Test
    void slow_nestedMemory_isNotPersistent() {
        DatasetSpec spec = spec("m", "slow", Map.of("dataset", Map.of("type", "memory")), projectDir, types);

        assertThat(new SlowDatasetType().create(spec).isPersistent()).isFalse();
    }

    @Test
    void slow_noNestedDataset_errorSaysWhatIsNeeded() {
        DatasetSpec spec = spec("m", "slow", Map.of("load_delay", 1), projectDir, types);

        assertThatThrownBy(() -> new SlowDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dataset 'm'")
                .hasMessageContaining("'dataset' mapping");
    }

    @Test
    void slow_negativeDelay_errorNamesSetting() {
        DatasetSpec spec =
                spec("m", "slow", Map.of("save_delay", -2, "dataset", Map.of("type", "memory")), projectDir, types);

        assertThatThrownBy(() -> new SlowDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7")
                .hasMessageContaining("'save_delay'")
                .hasMessageContaining("0 or more");
    }

    @Test
    void slow_zeroBytesPerSecond_errorNamesSetting() {
        DatasetSpec spec = spec(
                "m", "slow", Map.of("bytes_per_second", 0, "dataset", Map.of("type", "memory")), projectDir, types);

        assertThatThrownBy(() -> new SlowDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'bytes_per_second' must be a positive number");
    }
}
