package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedDatasetTest {
    @TempDir
    Path dir;

    private VersionedDataset<String> dataset(String saveVersion) {
        Location base = Storage.local(dir.resolve("data/model.txt"));
        return VersionedDataset.of(base, saveVersion, TextDataset::at);
    }

    @Test
    void save_writesKedroLayout_andLoadReadsLatestVersion() {
        dataset("2026-01-01T00.00.00.000Z").save("first");
        dataset("2026-02-01T00.00.00.000Z").save("second");

        VersionedDataset<String> reader = dataset("2026-03-01T00.00.00.000Z");
        assertThat(Files.exists(dir.resolve("data/model.txt/2026-01-01T00.00.00.000Z/model.txt")))
                .isTrue();
        assertThat(reader.versions()).containsExactly("2026-01-01T00.00.00.000Z", "2026-02-01T00.00.00.000Z");
        assertThat(reader.resolvedLoadVersion()).contains("2026-02-01T00.00.00.000Z");
        assertThat(reader.load()).isEqualTo("second");
    }

    @Test
    void atLoadVersion_loadsThePinnedVersion() {
        dataset("2026-01-01T00.00.00.000Z").save("first");
        dataset("2026-02-01T00.00.00.000Z").save("second");

        assertThat(dataset("x").atLoadVersion("2026-01-01T00.00.00.000Z").load())
                .isEqualTo("first");
    }

    @Test
    void atLoadVersion_missingVersion_failsListingSavedVersions() {
        dataset("2026-01-01T00.00.00.000Z").save("first");

        assertThatThrownBy(() ->
                        dataset("x").atLoadVersion("2025-12-31T00.00.00.000Z").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Version '2025-12-31T00.00.00.000Z'")
                .hasMessageContaining("[2026-01-01T00.00.00.000Z]");
    }

    @Test
    void save_ontoExistingVersion_isRefusedAndKeepsTheFirstValue() {
        VersionedDataset<String> dataset = dataset("2026-01-01T00.00.00.000Z");
        dataset.save("first");

        assertThatThrownBy(() -> dataset.save("again"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("immutable");
        assertThat(dataset.load()).isEqualTo("first");
    }

    @Test
    void load_noVersionSaved_failsSayingWhatToDo() {
        VersionedDataset<String> dataset = dataset("2026-01-01T00.00.00.000Z");

        assertThat(dataset.exists()).isFalse();
        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No version of")
                .hasMessageContaining("run the node that produces it first");
    }

    @Test
    void newVersion_sortsInTimeOrderAndUsesKedroFormat() {
        String version = VersionedDataset.newVersion();

        assertThat(version).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z");
    }
}
