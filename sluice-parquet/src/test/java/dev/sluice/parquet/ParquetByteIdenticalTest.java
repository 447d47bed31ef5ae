package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical saves in two JVMs write byte-identical Parquet files (records and DataFrames, dictionary
 * and plain columns, with nulls), and each column chunk lists its encodings in a fixed order: without
 * that, parquet-java's hash-ordered encoding sets made the footers differ from one JVM to the next.
 */
class ParquetByteIdenticalTest {
    record Row(String name, int count, Double ratio, List<String> tags) {}

    static final List<Row> ROWS = rows();

    @TempDir
    Path dir;

    @Test
    void save_inTwoJvms_writesByteIdenticalFilesWithSortedEncodings() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        // The first JVM gives every object the same identity hash (hash sets iterate in insertion order),
        // the second the default random ones: their encoding sets iterate in different orders.
        writeInChildJvm(first, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");
        writeInChildJvm(second);

        for (String file : List.of("records.parquet", "frame.parquet")) {
            byte[] a = Files.readAllBytes(first.resolve(file));
            byte[] b = Files.readAllBytes(second.resolve(file));
            assertThat(encodingLists(a)).as(file).allSatisfy(list -> assertThat(list)
                    .isSortedAccordingTo(Comparator.comparingInt(Encoding::getValue)));
            assertThat(a).as(file + " written in two JVMs").isEqualTo(b);
        }
    }

    /** Writes both files into {@code target}; run by the child JVMs. */
    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        ParquetDataset.records(Storage.local(target.resolve("records.parquet")), Row.class)
                .save(ROWS);
        DataFrame frame = DataFrame.foldByRow("name", "count", "ratio")
                .of(ROWS.stream()
                        .flatMap(r -> java.util.stream.Stream.of(r.name(), r.count(), r.ratio()))
                        .toArray());
        ParquetDataset.dataFrames(Storage.local(target.resolve("frame.parquet")))
                .save(frame);
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new Row(
                    i % 7 == 0 ? null : "name-" + (i % 5), i, i % 3 == 0 ? null : i / 7.0, List.of("t" + (i % 4))));
        }
        return List.copyOf(rows);
    }

    private static List<List<Encoding>> encodingLists(byte[] file) throws Exception {
        int end = file.length - 8;
        int length = (file[end] & 0xff)
                | (file[end + 1] & 0xff) << 8
                | (file[end + 2] & 0xff) << 16
                | (file[end + 3] & 0xff) << 24;
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(file, end - length, length));
        List<List<Encoding>> lists = new ArrayList<>();
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                lists.add(chunk.getMeta_data().getEncodings());
            }
        }
        assertThat(lists).isNotEmpty();
        assertThat(lists).anySatisfy(list -> assertThat(list).hasSizeGreaterThan(1));
        return lists;
    }

    private void writeInChildJvm(Path target, String... jvmOptions) throws Exception {
        Files.createDirectories(target);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ParquetByteIdenticalTest.class.getName(),
                target.toString()));
        File log = dir.resolve(target.getFileName() + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("child JVM finished")
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(log.toPath())).isZero();
    }
}
