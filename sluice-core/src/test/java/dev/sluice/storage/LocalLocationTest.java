package dev.sluice.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLocationTest {
    @TempDir
    Path dir;

    @Test
    void write_newFileInMissingDirectories_createsThemAndReadsBack() throws Exception {
        Location location = Storage.local(dir.resolve("data/01_raw/x.txt"));

        location.write(out -> out.write("hello".getBytes(UTF_8)));

        assertThat(read(location)).isEqualTo("hello");
        assertThat(location.size()).isEqualTo(5);
        assertThat(location.exists()).isTrue();
    }

    @Test
    void write_sliceOfALargeArray_commitsExactlyThatSlice() throws Exception {
        Location location = Storage.local(dir.resolve("large.bin"));
        byte[] bytes = new byte[1_000_003];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }

        location.write(out -> out.write(bytes, 7, bytes.length - 10));

        assertThat(dir.resolve("large.bin")).hasBinaryContent(java.util.Arrays.copyOfRange(bytes, 7, bytes.length - 3));
    }

    @Test
    void write_writerClosesTheStream_contentIsStillCommitted() throws Exception {
        Location location = Storage.local(dir.resolve("x.txt"));

        location.write(out -> {
            out.write("closed early".getBytes(UTF_8));
            out.close();
        });

        assertThat(read(location)).isEqualTo("closed early");
    }

    @Test
    void write_writerFails_keepsTheOldContentAndLeavesNoTemporaryFile() throws Exception {
        Location location = Storage.local(dir.resolve("x.txt"));
        location.write(out -> out.write("old".getBytes(UTF_8)));

        assertThatThrownBy(() -> location.write(out -> {
                    out.write("half of the new".getBytes(UTF_8));
                    throw new IOException("serializer broke");
                }))
                .hasMessage("serializer broke");

        assertThat(read(location)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("x.txt"));
        }
    }

    @Test
    void write_onPosix_givesTheFileTheUsualPermissionsNotPrivateTempOnes() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path reference = Files.createFile(dir.resolve("reference"));
        Location location = Storage.local(dir.resolve("x.txt"));

        location.write(out -> out.write(1));

        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir.resolve("x.txt"));
        assertThat(permissions).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void openRead_missingFile_throwsNoSuchFile() throws Exception {
        Location location = Storage.local(dir.resolve("missing.csv"));

        assertThatThrownBy(location::openRead).isInstanceOf(NoSuchFileException.class);
        assertThat(location.exists()).isFalse();
    }

    @Test
    void list_versionedLayout_returnsVersionsSortedWithoutHiddenFiles() throws Exception {
        Location dataset = Storage.local(dir.resolve("model.pkl"));
        dataset.resolve("2024-01-02T00.00.00.000Z/model.pkl").write(out -> out.write(1));
        dataset.resolve("2024-01-01T00.00.00.000Z/model.pkl").write(out -> out.write(1));
        Files.createFile(dir.resolve("model.pkl/.model.pkl.abc.tmp"));

        assertThat(dataset.list()).containsExactly("2024-01-01T00.00.00.000Z", "2024-01-02T00.00.00.000Z");
        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.size()).isEqualTo(-1);
    }

    @Test
    void locate_relativePathsAndFileUris_resolveAgainstTheProjectDirectory() {
        Map<String, Object> none = Map.of();

        assertThat(Storage.locate("data/x.csv", dir, none, none).uri())
                .isEqualTo(dir.resolve("data/x.csv").toUri());
        assertThat(Storage.locate("file:data/x.csv", dir, none, none).uri())
                .isEqualTo(dir.resolve("data/x.csv").toUri());
        assertThat(Storage.locate("file://data/x.csv", dir, none, none).uri())
                .isEqualTo(dir.resolve("data/x.csv").toUri());
        assertThat(Storage.locate(dir.resolve("x.csv").toUri().toString(), Path.of("elsewhere"), none, none)
                        .uri())
                .isEqualTo(dir.resolve("x.csv").toUri());
    }

    @Test
    void locate_unknownScheme_namesItAndTheModuleToAdd() {
        assertThatThrownBy(() -> Storage.locate("gcs://bucket/x.csv", dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'gcs://'")
                .hasMessageContaining("classpath");
    }

    @Test
    void locate_invalidUri_explainsEncoding() {
        assertThatThrownBy(() -> Storage.locate("s3://bucket/my file.csv", dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'s3://bucket/my file.csv'")
                .hasMessageContaining("%20");
    }

    private static String read(Location location) throws IOException {
        try (InputStream in = location.openRead()) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
