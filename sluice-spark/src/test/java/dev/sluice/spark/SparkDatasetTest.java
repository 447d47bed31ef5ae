package dev.sluice.spark;

import static dev.sluice.spark.LocalSpark.load;
import static dev.sluice.spark.LocalSpark.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.DatasetType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code spark} type through the catalog, as a project's YAML configures it, in a local session. */
class SparkDatasetTest {
    private static SparkSession spark;

    @TempDir
    Path project;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    private static org.apache.spark.sql.Dataset<Row> people(int count) {
        return spark.range(count).selectExpr("id", "id % 2 AS year", "concat('n', id) AS name");
    }

    /** {@link #people} with each id passed through {@code udf} when a job computes the rows. */
    private static org.apache.spark.sql.Dataset<Row> people(int count, UDF1<Long, Long> udf) {
        return people(count)
                .withColumn("id", functions.udf(udf, DataTypes.LongType).apply(functions.col("id")));
    }

    private DataCatalog catalog(String yaml) {
        LocalSpark.session();
        return LocalSpark.catalog(project, yaml);
    }

    @Test
    void parquet_partitionBy_writesOneDirectoryPerValueAndLoadsEveryRow() {
        DataCatalog catalog = catalog("""
                people:
                  type: spark.SparkDataset
                  filepath: data/02_intermediate/people
                  save_args:
                    partitionBy: [year]
                """);

        catalog.save("people", people(6));

        Path dir = project.resolve("data/02_intermediate/people");
        assertThat(dir.resolve("year=0")).isDirectory();
        assertThat(dir.resolve("year=1")).isDirectory();
        assertThat(rows(load(catalog, "people").select("id", "name", "year")))
                .containsExactly("0,n0,0", "1,n1,1", "2,n2,0", "3,n3,1", "4,n4,0", "5,n5,1");
        assertThat(catalog.exists("people")).isTrue();
        assertThat(catalog.dataset("people").describe())
                .containsEntry("type", "spark")
                .containsEntry("file_format", "parquet")
                .containsEntry("mode", "overwrite")
                .containsEntry("partitionBy", List.of("year"))
                .containsEntry("storage_level", "Disk Memory Deserialized 1x Replicated");
    }

    /** Kedro's spaceflights-pyspark starter writes its CSV tables with spark.SparkDatasetV2, as here. */
    @Test
    void kedroSparkDatasetV2_isTheSparkTypeWithTheSameSettings() {
        DataCatalog catalog = catalog("""
                people:
                  type: spark.SparkDatasetV2
                  filepath: data/02_intermediate/people.csv
                  file_format: csv
                  load_args:
                    header: True
                    inferSchema: True
                  save_args:
                    sep: ','
                    header: True
                    mode: overwrite
                """);

        catalog.save("people", people(3));

        assertThat(catalog.dataset("people").describe())
                .containsEntry("type", "spark")
                .containsEntry("file_format", "csv");
        assertThat(rows(load(catalog, "people").select("id", "name", "year")))
                .containsExactly("0,n0,0", "1,n1,1", "2,n2,0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "orc", "parquet"})
    void fileFormat_savesAndLoadsTheSameRows(String format) {
        DataCatalog catalog = catalog("""
                people:
                  type: spark
                  filepath: data/people.%s
                  file_format: %s
                  load_args: {header: true, schema: "id BIGINT, year BIGINT, name STRING"}
                  save_args: {header: true}
                """.formatted(format, format));

        catalog.save("people", people(4));

        assertThat(rows(load(catalog, "people"))).containsExactly("0,0,n0", "1,1,n1", "2,0,n2", "3,1,n3");
    }

    @Test
    void csv_loadArgs_goToSparksReader() throws IOException {
        Path file = Files.createDirectories(project.resolve("data/01_raw")).resolve("scores.csv");
        Files.writeString(file, "player;score\nann;3\nbob;5\n");
        DataCatalog catalog = catalog("""
                scores:
                  type: spark
                  filepath: data/01_raw/scores.csv
                  file_format: csv
                  load_args: {header: true, sep: ";", inferSchema: true}
                """);

        org.apache.spark.sql.Dataset<Row> scores = load(catalog, "scores");

        assertThat(scores.schema().simpleString()).isEqualTo("struct<player:string,score:int>");
        assertThat(rows(scores)).containsExactly("ann,3", "bob,5");
    }

    @Test
    void saveModes_appendAddsIgnoreKeepsErrorIfExistsFailsNamingTheDataset() {
        DataCatalog catalog = catalog("""
                append:
                  type: spark
                  filepath: data/t
                  save_args: {mode: append}
                ignore:
                  type: spark
                  filepath: data/t
                  save_args: {mode: ignore}
                error:
                  type: spark
                  filepath: data/t
                  save_args: {mode: errorifexists}
                """);

        catalog.save("error", people(1));
        catalog.save("append", people(2));
        catalog.save("ignore", people(5));

        assertThat(rows(load(catalog, "append").select("id"))).containsExactly("0", "0", "1");
        assertThatThrownBy(() -> catalog.save("error", people(3)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'error'")
                .hasMessageContaining("already exists")
                .hasMessageContaining("mode: overwrite");
        assertThat(hiddenSiblings()).isEmpty();
    }

    /** Blocks the write job of the atomicity tests on its row 0 until the test lets it go. */
    static final class Gate {
        static volatile CountDownLatch writing = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);

        static long pass(long id) throws InterruptedException {
            if (id == 0) {
                writing.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the write");
                }
            }
            return id;
        }

        static long fail(long id) {
            if (id == 3) {
                throw new IllegalStateException("row 3 is bad");
            }
            return id;
        }
    }

    @Test
    void overwrite_readDuringTheWrite_seesTheOldRowsWhole() throws Exception {
        DataCatalog catalog = catalog("""
                people:
                  type: spark
                  filepath: data/people
                """);
        catalog.save("people", people(2));
        Gate.writing = new CountDownLatch(1);
        Gate.release = new CountDownLatch(1);
        org.apache.spark.sql.Dataset<Row> blocked = people(4, Gate::pass);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                catalog.save("people", blocked);
            } catch (Throwable e) {
                failure.set(e);
            }
        });

        writer.start();
        assertThat(Gate.writing.await(60, TimeUnit.SECONDS)).isTrue();
        List<String> during = rows(load(catalog, "people").select("id"));
        List<Path> stagingDuring = hiddenSiblings();
        Gate.release.countDown();
        writer.join();

        assertThat(failure.get()).isNull();
        assertThat(during).containsExactly("0", "1");
        assertThat(stagingDuring)
                .as("the new data's hidden sibling and the save's lock file")
                .extracting(p -> p.getFileName().toString().endsWith(".lock"))
                .containsExactlyInAnyOrder(false, true);
        assertThat(rows(load(catalog, "people").select("id"))).containsExactly("0", "1", "2", "3");
        assertThat(hiddenSiblings()).isEmpty();
    }

    @Test
    void overwrite_writeJobFails_keepsTheOldRowsAndCreatesNothingUnderANewPath() {
        DataCatalog catalog = catalog("""
                people:
                  type: spark
                  filepath: data/people
                fresh:
                  type: spark
                  filepath: data/fresh
                """);
        catalog.save("people", people(2));
        org.apache.spark.sql.Dataset<Row> failing = people(6, Gate::fail);

        assertThatThrownBy(() -> catalog.save("people", failing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'people'");
        assertThatThrownBy(() -> catalog.save("fresh", failing)).isInstanceOf(DatasetException.class);

        // Spark may still be stopping the failed job's other tasks, which can write into the hidden
        // sibling after the save returned: only the final paths are checked here.
        assertThat(rows(load(catalog, "people").select("id"))).containsExactly("0", "1");
        assertThat(project.resolve("data/fresh")).doesNotExist();
    }

    @Test
    void unknownSaveMode_namesTheEntryItsLineAndTheModes() {
        DataCatalog catalog = catalog("""
                people:
                  type: spark
                  filepath: data/people
                  save_args: {mode: replace}
                """);

        assertThatThrownBy(() -> catalog.dataset("people"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:1")
                .hasMessageContaining("'people'")
                .hasMessageContaining("'replace'")
                .hasMessageContaining("overwrite, append, ignore or errorifexists");
    }

    @Test
    void unknownStorageLevel_namesTheLevelsSparkKnows() {
        DataCatalog catalog = catalog("""
                people:
                  type: spark
                  filepath: data/people
                  storage_level: MEMORY_PLENTY
                """);

        assertThatThrownBy(() -> catalog.dataset("people"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'MEMORY_PLENTY'")
                .hasMessageContaining("MEMORY_AND_DISK");
    }

    @Test
    void serviceLoader_findsSparkAndDeltaUnderTheirNames() {
        List<DatasetType> types = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(t -> t.getClass().getPackageName().equals("dev.sluice.spark"))
                .toList();

        assertThat(types).extracting(DatasetType::name).containsExactlyInAnyOrder("spark", "delta");
        assertThat(types).allMatch(t -> t.schema().isDeclared());
    }

    private List<Path> hiddenSiblings() {
        Path data = project.resolve("data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(data)) {
            return children.filter(p -> p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
