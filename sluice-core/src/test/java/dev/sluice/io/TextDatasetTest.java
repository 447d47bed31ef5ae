package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDatasetTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoad_utf8_roundTripsExactly() {
        TextDataset dataset = TextDataset.at(Storage.local(dir.resolve("nested/dir/notes.txt")));
        String text = "line one\r\nzwei: größer 😀\n\ttrailing\n";

        dataset.save(text);

        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.load()).isEqualTo(text);
    }

    @Test
    void saveThenLoad_latin1_writesThatEncoding() throws IOException {
        Path file = dir.resolve("latin.txt");
        TextDataset dataset = TextDataset.at(Storage.local(file), StandardCharsets.ISO_8859_1);

        dataset.save("café");

        assertThat(Files.readAllBytes(file)).containsExactly('c', 'a', 'f', 0xE9);
        assertThat(dataset.load()).isEqualTo("café");
    }

    @Test
    void save_existingFile_replacesContent() {
        TextDataset dataset = TextDataset.at(Storage.local(dir.resolve("a.txt")));
        dataset.save("first, and longer");

        dataset.save("second");

        assertThat(dataset.load()).isEqualTo("second");
    }

    @Test
    void load_bytesInvalidForEncoding_failsWithByteOffset() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', ' ', (byte) 0xFF, 'x'});

        assertThatThrownBy(() -> TextDataset.at(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("byte 3 is not valid UTF-8")
                .hasMessageContaining("set 'encoding'");
    }

    @Test
    void exists_noFile_false() {
        assertThat(TextDataset.at(Storage.local(dir.resolve("none.txt"))).exists())
                .isFalse();
    }

    @Test
    void describe_showsTypePathAndEncoding() {
        Path file = dir.resolve("a.txt");

        assertThat(TextDataset.at(Storage.local(file), StandardCharsets.UTF_16).describe())
                .containsEntry("type", "text")
                .containsEntry("filepath", file.toUri().toString())
                .containsEntry("encoding", "UTF-16");
    }
}
