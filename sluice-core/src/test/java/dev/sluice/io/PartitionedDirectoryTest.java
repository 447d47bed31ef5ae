package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories partitioned by column values, as Spark's partitionBy writes them, read through a FileDataset. */
class PartitionedDirectoryTest {
    @TempDir
    Path dir;

    /** Lines of text; a partitioned directory gives each line followed by its partition values. */
    private static class LinesDataset extends FileDataset<List<String>> {
        LinesDataset(Location location) {
            super("lines", location);
        }

        @Override
        protected List<String> decode(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }

        @Override
        protected List<String> readParts(List<Location> parts) throws IOException {
            List<String> lines = new ArrayList<>();
            for (Location part : parts) {
                try (InputStream in = part.openRead()) {
                    lines.addAll(decode(in));
                }
            }
            return lines;
        }

        @Override
        protected List<String> readPartitioned(PartitionedDirectory directory) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add(String.join(",", directory.columns()));
            for (PartitionedDirectory.Partition partition : directory.partitions()) {
                for (String line : readParts(partition.parts())) {
                    lines.add(line
                            + partition.values().stream()
                                    .map(PartitionedDirectoryTest::typed)
                                    .toList());
                }
            }
            return lines;
        }

        @Override
        protected void encode(List<String> value, OutputStream out) throws IOException {
            out.write(String.join("\n", value).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected String typeName() {
            return "lines";
        }
    }

    /** A value with its type's simple name, so that tests see the type each partition value was given. */
    private static String typed(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    private Path file(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private List<String> load(String relative) {
        return new LinesDataset(Storage.local(dir.resolve(relative))).load();
    }

    @Test
    void load_nestedPartitions_givesEveryPartsRowsWithTheirValuesInDirectoryOrder() throws IOException {
        file("t/year=2024/region=south/part-00000-a.txt", "c");
        file("t/year=2024/region=north/part-00001-a.txt", "b");
        file("t/year=2024/region=north/part-00000-a.txt", "a");
        file("t/year=2025/region=north/part-00000-a.txt", "d");
        file("t/year=2025/region=north/.part-00000-a.txt.crc", "checksum");
        file("t/year=2025/_SUCCESS", "");
        file("t/_SUCCESS", "");
        Files.createDirectories(dir.resolve("t/year=2026")); // an empty partition holds no rows

        assertThat(load("t"))
                .containsExactly(
                        "year,region",
                        "a[Integer:2024, String:north]",
                        "b[Integer:2024, String:north]",
                        "c[Integer:2024, String:south]",
                        "d[Integer:2025, String:north]");
    }

    @Test
    void load_escapedNamesAndValues_areDecodedAsSparkEscapesThem() throws IOException {
        file("t/city%3Dname=a%2Fb%25c+d %zz%3/part-0.txt", "x");

        assertThat(load("t")).containsExactly("city=name", "x[String:a/b%c+d %zz%3]");
    }

    @Test
    void load_defaultPartition_isNullAndLeavesTheOthersTyped() throws IOException {
        file("t/n=__HIVE_DEFAULT_PARTITION__/part-0.txt", "x");
        file("t/n=7/part-0.txt", "y");
        file("t/s=__HIVE_DEFAULT_PARTITION__/part-0.txt", "z");

        assertThatThrownBy(() -> load("t"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("its partition directories differ in their columns: [n] in n=7/, [s] in s=");
        Files.delete(dir.resolve("t/s=__HIVE_DEFAULT_PARTITION__/part-0.txt"));

        assertThat(load("t")).containsExactly("n", "y[Integer:7]", "x[null]");
    }

    @Test
    void load_valuesOfSeveralKinds_takeTheWidestTypeOfTheirColumnAsSparkInfersIt() throws IOException {
        String[][] columns = {
            {"i", "1", "-2"},
            {"l", "1", "3000000000"},
            {"b", "1", "30000000000000000000"},
            {"d", "1", "2.5"},
            {"t", "2024-01-31", "2024-02-01"},
            {"s", "007", "x"},
            {"m", "1", "2024-01-31"},
            {"z", "__HIVE_DEFAULT_PARTITION__", "x"},
        };
        for (String[] column : columns) {
            file("t_" + column[0] + "/" + column[0] + "=" + column[1] + "/part-0.txt", "a");
            file("t_" + column[0] + "/" + column[0] + "=" + column[2] + "/part-0.txt", "b");
        }

        List<String> loaded = new ArrayList<>();
        for (String[] column : columns) {
            loaded.addAll(load("t_" + column[0]).subList(1, 3));
        }

        assertThat(loaded)
                .containsExactly(
                        "b[Integer:-2]",
                        "a[Integer:1]",
                        "a[Long:1]",
                        "b[Long:3000000000]",
                        "a[BigDecimal:1]",
                        "b[BigDecimal:30000000000000000000]",
                        "a[Double:1.0]",
                        "b[Double:2.5]",
                        "a[LocalDate:2024-01-31]",
                        "b[LocalDate:2024-02-01]",
                        "a[String:007]",
                        "b[String:x]",
                        "a[String:1]",
                        "b[String:2024-01-31]",
                        "a[null]",
                        "b[String:x]");
    }

    @Test
    void load_nullsOnly_makeAStringColumnOfNulls() throws IOException {
        file("t/z=__HIVE_DEFAULT_PARTITION__/part-0.txt", "a");

        assertThat(load("t")).containsExactly("z", "a[null]");
    }

    @Test
    void load_integersOnly_areIntegersEvenWithLeadingZerosAsInSpark() throws IOException {
        file("t/code=007/part-0.txt", "a");

        assertThat(load("t")).containsExactly("code", "a[Integer:7]");
    }

    @Test
    void load_dataFilesBesidePartitionDirectories_failsNamingBoth() throws IOException {
        file("t/year=2024/part-0.txt", "a");
        file("t/part-0.txt", "b");

        assertThatThrownBy(() -> load("t"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Dataset 'lines'")
                .hasMessageContaining("it has data files beside partition directories in its top (part-0.txt beside"
                        + " year=2024/)");
    }

    @Test
    void load_partitionsWithoutDataFiles_failsSayingSo() throws IOException {
        file("t/year=2024/_SUCCESS", "");

        assertThatThrownBy(() -> load("t")).hasMessageContaining("it is a partitioned directory without data files");
    }

    @Test
    void rowValues_repeatEachPartitionsValueForItsRows() throws IOException {
        file("t/k=a/part-0.txt", "x");
        file("t/k=b/part-0.txt", "y");
        List<PartitionedDirectory> seen = new ArrayList<>();
        new LinesDataset(Storage.local(dir.resolve("t"))) {
            @Override
            protected List<String> readPartitioned(PartitionedDirectory directory) {
                seen.add(directory);
                return List.of();
            }
        }.load();

        assertThat(Arrays.asList(seen.get(0).rowValues(new int[] {2, 1}).get(0)))
                .containsExactly("a", "a", "b");
        assertThat(seen.get(0).partitions().get(0).parts())
                .extracting(Location::uri)
                .containsExactly(dir.resolve("t/k=a/part-0.txt").toUri());
        assertThatThrownBy(() -> seen.get(0).rowValues(new int[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
