package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDatasetTest {
    @TempDir
    Path dir;

    /** Writes the first half of the value, then fails: a save that dies part-way. */
    private static final class HalfWritingDataset extends FileDataset<String> {
        HalfWritingDataset(Location location) {
            super(location);
        }

        @Override
        protected String decode(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        protected void encode(String value, OutputStream out) throws IOException {
            out.write(value.substring(0, value.length() / 2).getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk unplugged");
        }

        @Override
        protected String typeName() {
            return "half";
        }
    }

    /**
     * Reads whole content through {@link Location#size()} and one stream, the way a seeking format
     * might, and counts how often the stream path runs; its errors name it {@code name}.
     */
    private static final class SizedDataset extends FileDataset<String> {
        private final boolean viaStream;
        private int decodes;

        SizedDataset(String name, Location location, boolean viaStream) {
            super(name, location);
            this.viaStream = viaStream;
        }

        @Override
        protected String read() throws IOException {
            if (viaStream) {
                return super.read();
            }
            long size = location().size();
            if (size < 0) {
                throw new NoSuchFileException(location().uri().toString());
            }
            return size + " bytes";
        }

        @Override
        protected String decode(InputStream in) throws IOException {
            decodes++;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        protected void encode(String value, OutputStream out) throws IOException {
            if (value.isEmpty()) {
                throw saveError("the value is empty", null);
            }
            out.write(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected String typeName() {
            return "sized";
        }
    }

    @Test
    void save_writerFailsMidWrite_previousFileIntactAndNoTempFile() throws IOException {
        Path file = dir.resolve("out.txt");
        TextDataset.at(Storage.local(file)).save("previous content");

        HalfWritingDataset failing = new HalfWritingDataset(Storage.local(file));

        assertThatThrownBy(() -> failing.save("new content that never lands"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("disk unplugged")
                .hasMessageContaining("previous content is unchanged");
        assertThat(Files.readString(file)).isEqualTo("previous content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** Fails every save with the given I/O error, as a store would. */
    private static final class FailingDataset extends FileDataset<String> {
        private final IOException failure;

        FailingDataset(Location location, IOException failure) {
            super(location);
            this.failure = failure;
        }

        @Override
        protected String decode(InputStream in) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void encode(String value, OutputStream out) throws IOException {
            throw failure;
        }

        @Override
        protected String typeName() {
            return "failing";
        }
    }

    @Test
    void save_failsOnARemoteStore_hintSpeaksOfTheStoreNotADirectory() {
        FailingDataset remote = new FailingDataset(
                new InMemoryLocation("mem://bucket/x.txt"), new IOException("connection closed by the store"));

        assertThatThrownBy(() -> remote.save("x"))
                .hasMessageContaining("connection closed by the store")
                .hasMessageContaining("check that the store is reachable and that its credentials allow writing")
                .hasMessageNotContaining("directory");
    }

    @Test
    void save_localDiskFull_hintSaysToFreeSpace() {
        Path file = dir.resolve("out.txt");
        FailingDataset full = new FailingDataset(
                Storage.local(file), new FileSystemException(file.toString(), null, "No space left on device"));
        FailingDataset denied = new FailingDataset(Storage.local(file), new AccessDeniedException(file.toString()));

        assertThatThrownBy(() -> full.save("x")).hasMessageContaining("free space on the disk that holds " + dir);
        assertThatThrownBy(() -> denied.save("x"))
                .hasMessageContaining("check that the directory " + dir + " is writable");
    }

    @Test
    void save_encoderThrowsSaveError_noFileCreated() throws IOException {
        Path file = dir.resolve("sub/unencodable.txt");
        TextDataset ascii = TextDataset.at(Storage.local(file), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ascii.save("naïve"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("index 2")
                .hasMessageContaining("US-ASCII")
                .hasMessageContaining("Nothing was written");
        assertThat(file).doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void load_missingFile_namesLocationAndHowToFix() {
        Path file = dir.resolve("nowhere.txt");
        TextDataset dataset = TextDataset.at(Storage.local(file));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("Run the node that produces this dataset first");
    }

    @Test
    void load_missingObjectInOtherStore_reportedAsMissing() {
        TextDataset dataset = TextDataset.at(new InMemoryLocation("mem://bucket/a.txt"));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No data at mem://bucket/a.txt");
    }

    @Test
    void load_openFailsOnExistingFile_reportsReadFailureNotMissing() {
        Location unreadable = new InMemoryLocation("mem://bucket/locked.txt") {
            @Override
            public InputStream openRead() throws IOException {
                throw new IOException("access denied");
            }

            @Override
            public boolean exists() {
                return true;
            }
        };

        assertThatThrownBy(() -> BytesDataset.at(unreadable).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot open mem://bucket/locked.txt")
                .hasMessageContaining("access denied");
    }

    @Test
    void load_streamFailsMidRead_namesLocation() {
        InMemoryLocation location = new InMemoryLocation("mem://bucket/cut.bin") {
            @Override
            public InputStream openRead() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                };
            }
        };

        assertThatThrownBy(() -> BytesDataset.at(location).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot read mem://bucket/cut.bin as bytes")
                .hasMessageContaining("connection reset");
    }

    @Test
    void load_readOverridden_usesTheOverrideWhichMayFallBackToDecode() {
        InMemoryLocation location = new InMemoryLocation("mem://bucket/seek.bin");
        SizedDataset seeking = new SizedDataset(null, location, false);
        SizedDataset streaming = new SizedDataset(null, location, true);
        seeking.save("12345");

        assertThat(seeking.load()).isEqualTo("5 bytes");
        assertThat(streaming.load()).isEqualTo("12345");
        assertThat(seeking.decodes).isZero();
        assertThat(streaming.decodes).isEqualTo(1);
    }

    @Test
    void load_readOverrideSignalsNoSuchFile_reportedAsMissing() {
        SizedDataset dataset = new SizedDataset(null, new InMemoryLocation("mem://bucket/none.bin"), false);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No data at mem://bucket/none.bin")
                .hasMessageContaining("Run the node that produces this dataset first");
    }

    @Test
    void load_readOverrideFails_reportedAsReadFailureNamingTheLocation() {
        InMemoryLocation location = new InMemoryLocation("mem://bucket/flaky.bin") {
            @Override
            public long size() {
                throw new UncheckedIOException(new IOException("connection reset"));
            }
        };

        assertThatThrownBy(() -> new SizedDataset(null, location, false).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot read mem://bucket/flaky.bin as sized")
                .hasMessageContaining("connection reset");
    }

    @Test
    void namedDataset_everyError_startsWithAndCarriesTheName() {
        SizedDataset dataset = new SizedDataset("scores", new InMemoryLocation("mem://bucket/s.bin"), true);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'scores': No data at mem://bucket/s.bin")
                .extracting(e -> ((DatasetException) e).datasetName())
                .isEqualTo("scores");
        assertThatThrownBy(() -> dataset.save(""))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'scores': Cannot save sized to mem://bucket/s.bin: the value is empty")
                .extracting(e -> ((DatasetException) e).datasetName())
                .isEqualTo("scores");
    }

    @Test
    void unnamedDataset_errors_leaveTheNameToTheCatalog() {
        BytesDataset dataset = BytesDataset.at(new InMemoryLocation("mem://bucket/x.bin"));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("No data at")
                .extracting(e -> ((DatasetException) e).datasetName())
                .isNull();
    }

    @Test
    void save_null_refusedWithLocation() {
        BytesDataset dataset = BytesDataset.at(Storage.local(dir.resolve("x.bin")));

        assertThatThrownBy(() -> dataset.save(null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("null")
                .hasMessageContaining("x.bin");
    }

    @Test
    void fileDataset_otherStore_allIoGoesThroughLocation() {
        InMemoryLocation location = new InMemoryLocation("mem://bucket/data/notes.txt");
        TextDataset dataset = TextDataset.at(location);

        assertThat(dataset.exists()).isFalse();
        dataset.save("kept in memory");

        assertThat(location.commits()).isEqualTo(1);
        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.load()).isEqualTo("kept in memory");
        assertThat(dataset.storeKey()).isEqualTo("mem://bucket");
        assertThat(dataset.location().uri()).isEqualTo(URI.create("mem://bucket/data/notes.txt"));
        assertThat(dataset.describe()).containsEntry("filepath", "mem://bucket/data/notes.txt");
    }

    @Test
    void fileDataset_localFile_isPersistentWithFileStoreKey() {
        BytesDataset dataset = BytesDataset.at(Storage.local(dir.resolve("x.bin")));

        assertThat(dataset.isPersistent()).isTrue();
        assertThat(dataset.storeKey()).isEqualTo("file");
        assertThat(List.of(dataset.describe().keySet().toArray())).containsExactly("type", "filepath");
    }

    /** Text read from a directory of part files: the parts joined in name order. */
    private static final class JoinedTextDataset extends FileDataset<String> {
        JoinedTextDataset(Location location) {
            super("notes", location);
        }

        @Override
        protected String decode(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        protected String readParts(List<Location> parts) throws IOException {
            StringBuilder joined = new StringBuilder();
            for (Location part : parts) {
                try (InputStream in = part.openRead()) {
                    joined.append(decode(in));
                }
            }
            return joined.toString();
        }

        @Override
        protected void encode(String value, OutputStream out) throws IOException {
            out.write(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected String typeName() {
            return "joined";
        }
    }

    @Test
    void load_directoryOfPartFiles_readsTheDataFilesInNameOrderAndSkipsMarkers() throws IOException {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("part-00001-x.txt"), "b");
        Files.writeString(notes.resolve("part-00000-x.txt"), "a");
        Files.writeString(notes.resolve("_SUCCESS"), "");
        Files.writeString(notes.resolve(".part-00000-x.txt.crc"), "checksum");

        assertThat(new JoinedTextDataset(Storage.local(notes)).load()).isEqualTo("ab");
    }

    @Test
    void load_directoryOfPartFiles_aTypeThatReadsOneFileSaysSo() throws IOException {
        Path notes = Files.createDirectories(dir.resolve("notes.txt"));
        Files.writeString(notes.resolve("part-00000-x.txt"), "a");

        assertThatThrownBy(() -> TextDataset.at(Storage.local(notes)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("it is a directory (of part files, as Spark writes a dataset)")
                .hasMessageContaining("point 'filepath' at a file, or read the directory through a spark entry");
    }

    @Test
    void load_partitionedDirectoryOrDeltaTable_failsNamingWhatToDoInstead() throws IOException {
        Path partitioned = Files.createDirectories(dir.resolve("by_year/year=2024"));
        Files.writeString(partitioned.resolve("part-00000-x.txt"), "a");
        Path delta = Files.createDirectories(dir.resolve("table/_delta_log"));
        Files.writeString(delta.resolveSibling("part-00000-x.txt"), "a");

        assertThatThrownBy(() -> new JoinedTextDataset(Storage.local(dir.resolve("by_year"))).load())
                .hasMessageContaining("Dataset 'notes'")
                .hasMessageContaining("partitioned by column values ([year], as Spark's partitionBy writes)")
                .hasMessageContaining("remove partitionBy from the entry that writes it");
        assertThatThrownBy(() -> new JoinedTextDataset(Storage.local(dir.resolve("table"))).load())
                .hasMessageContaining("it is a Delta Lake table (it has a _delta_log)")
                .hasMessageContaining("read it through a delta entry");
    }

    /** Objects under keys, as in an object store: a "directory" is a prefix with no object of its own. */
    private record ObjectKey(java.util.SortedMap<String, byte[]> objects, String key) implements Location {
        @Override
        public URI uri() {
            return URI.create("mem://bucket/" + key);
        }

        @Override
        public String storeKey() {
            return "mem://bucket";
        }

        @Override
        public InputStream openRead() throws IOException {
            byte[] bytes = objects.get(key);
            if (bytes == null) {
                throw new NoSuchFileException(key);
            }
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public void write(ContentWriter writer) throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            writer.writeTo(out);
            objects.put(key, out.toByteArray());
        }

        @Override
        public boolean exists() {
            return objects.containsKey(key) || !list().isEmpty();
        }

        @Override
        public long size() {
            return objects.containsKey(key) ? objects.get(key).length : -1;
        }

        @Override
        public Location resolve(String relative) {
            return new ObjectKey(objects, key + "/" + relative);
        }

        @Override
        public List<String> list() {
            return objects.keySet().stream()
                    .filter(k -> k.startsWith(key + "/"))
                    .map(k -> k.substring(key.length() + 1))
                    .toList();
        }
    }

    @Test
    void load_prefixOnAnObjectStore_readsTheObjectsBelowIt() throws IOException {
        ObjectKey notes = new ObjectKey(new java.util.TreeMap<>(), "notes");
        new JoinedTextDataset(notes.resolve("part-00001-x.txt")).save("b");
        new JoinedTextDataset(notes.resolve("part-00000-x.txt")).save("a");
        new JoinedTextDataset(notes.resolve("_SUCCESS")).save("");

        assertThat(new JoinedTextDataset(notes).load()).isEqualTo("ab");
        assertThatThrownBy(() -> new JoinedTextDataset(notes.resolve("missing")).load())
                .hasMessageContaining("No data at mem://bucket/notes/missing");
    }
}
