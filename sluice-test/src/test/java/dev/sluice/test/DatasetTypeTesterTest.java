package dev.sluice.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.TextDatasetType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTypeTesterTest {
    @TempDir
    Path dir;

    /** A type that upper-cases what it saves: its round trip changes the value. */
    static final class ShoutingType implements DatasetType {
        @Override
        public String name() {
            return "shouting";
        }

        @Override
        public DatasetSchema schema() {
            return DatasetSchema.builder("Keeps text in memory, upper-cased.")
                    .holds("String")
                    .entry(Option.noEffect("engine", "it chooses a Python library"))
                    .build();
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            MemoryDataset<String> memory = new MemoryDataset<>();
            return new Dataset<String>() {
                @Override
                public String load() {
                    return memory.load();
                }

                @Override
                public void save(String value) {
                    memory.save(value.toUpperCase());
                }

                @Override
                public boolean exists() {
                    return memory.exists();
                }

                @Override
                public Map<String, Object> describe() {
                    return Map.of("type", "shouting");
                }
            };
        }
    }

    @Test
    void create_fileType_resolvesFilepathAgainstTheProjectDirAndRoundTrips() throws Exception {
        DatasetTypeTester tester = DatasetTypeTester.of(new TextDatasetType()).projectDir(dir);

        Dataset<?> notes = tester.create("notes", "text", Map.of("filepath", "data/notes.txt", "encoding", "UTF-16"));
        Object loaded = tester.assertRoundTrip(notes, "héllo");

        assertThat(loaded).isEqualTo("héllo");
        assertThat(Files.readAllBytes(dir.resolve("data/notes.txt"))).hasSize(12);
    }

    @Test
    void create_unknownKey_failsAsTheCatalogWouldWithTheClosestKey() {
        DatasetTypeTester tester = DatasetTypeTester.of(new TextDatasetType()).projectDir(dir);

        assertThatThrownBy(() -> tester.create("notes", "text", Map.of("filepath", "n.txt", "encodng", "UTF-8")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(DatasetTypeTester.SOURCE)
                .hasMessageContaining("encodng")
                .hasMessageContaining("encoding");
    }

    @Test
    void create_optionWithNoEffect_collectsOneWarning() {
        DatasetTypeTester tester = DatasetTypeTester.of(new ShoutingType());

        tester.create("a", "shouting", Map.of("engine", "c"));
        tester.create("a", "shouting", Map.of("engine", "c"));

        assertThat(tester.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.source()).contains(DatasetTypeTester.SOURCE);
            assertThat(warning.message()).contains("engine");
        });
    }

    @Test
    void assertRoundTrip_valueChanges_failsShowingBoth() {
        DatasetTypeTester tester = DatasetTypeTester.of(new ShoutingType());
        Dataset<?> dataset = tester.create("a", "shouting", Map.of());

        assertThatThrownBy(() -> tester.assertRoundTrip(dataset, "quiet"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("saved:  quiet")
                .hasMessageContaining("loaded: QUIET");
    }

    @Test
    void discovered_findsTheTypesOnTheClassPath() {
        DatasetTypeTester tester = DatasetTypeTester.discovered().projectDir(dir);

        Dataset<?> counts = tester.create("counts", "json", Map.of("filepath", "counts.json"));

        tester.assertRoundTrip(counts, Map.of("a", 1));
        assertThat(tester.spec("counts", "json", Map.of("filepath", "c.json")).name())
                .isEqualTo("counts");
    }
}
