package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytesDatasetTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoad_allByteValues_roundTripExactly() throws IOException {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        Path file = dir.resolve("all.bin");
        BytesDataset dataset = BytesDataset.at(Storage.local(file));

        dataset.save(value);

        assertThat(Files.readAllBytes(file)).isEqualTo(value);
        assertThat(dataset.load()).isEqualTo(value);
    }

    @Test
    void saveThenLoad_empty_roundTrips() {
        BytesDataset dataset = BytesDataset.at(Storage.local(dir.resolve("empty.bin")));

        dataset.save(new byte[0]);

        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.load()).isEmpty();
    }

    @Test
    void load_twice_returnsIndependentArrays() {
        BytesDataset dataset = BytesDataset.at(Storage.local(dir.resolve("a.bin")));
        dataset.save(new byte[] {1, 2, 3});

        byte[] first = dataset.load();
        first[0] = 9;

        assertThat(dataset.load()).containsExactly(1, 2, 3);
    }

    @Test
    void describe_namesTypeAndPath() {
        Path file = dir.resolve("a.bin");

        assertThat(BytesDataset.at(Storage.local(file)).describe())
                .containsEntry("type", "bytes")
                .containsEntry("filepath", file.toUri().toString());
    }
}
