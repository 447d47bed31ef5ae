package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.Versioned;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every core and sluice-datasets format, configured in YAML as users do, round-trips through s3:// paths. */
class CatalogOnS3Test {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    private String bucket;

    @BeforeEach
    void setUp() throws IOException {
        bucket = S3.createBucket();
        Path conf = project.resolve("conf/base");
        String s3 = S3.catalogSettings(conf, "local");
        String root = "s3://" + bucket + "/";
        Files.writeString(
                conf.resolve("catalog.yml"),
                "text:\n  type: text\n  filepath: " + root + "t.txt\n" + s3
                        + "bytes:\n  type: bytes\n  filepath: " + root + "b.bin\n" + s3
                        + "json:\n  type: json\n  filepath: " + root + "j.json\n" + s3
                        + "frame:\n  type: csv\n  filepath: " + root + "f.csv\n" + s3
                        + "rows:\n  type: csv.rows\n  filepath: " + root + "r.csv\n" + s3
                        + "model:\n  type: json\n  filepath: " + root + "models/model.json\n  versioned: true\n" + s3);
    }

    private DataCatalog catalog() {
        return built(ProjectConfig.load(project.resolve("conf"), null, Map.of())
                .toCatalog(project, DatasetTypes.discover()));
    }

    @Test
    void everyFormat_roundTripsThroughS3() throws Exception {
        DataCatalog catalog = catalog();
        DataFrame frame = DataFrame.byArrayRow("name", "score")
                .appender()
                .append("a", 1)
                .append("b", 2)
                .toDataFrame();
        List<Map<String, String>> rows = List.of(Map.of("x", "1", "y", "2"));

        catalog.save("text", "héllo");
        catalog.save("bytes", new byte[] {1, 2, 3});
        catalog.save("json", Map.of("k", List.of(1, 2)));
        catalog.save("frame", frame);
        catalog.save("rows", rows);

        DataCatalog fresh = catalog();
        assertThat(fresh.load("text")).isEqualTo("héllo");
        assertThat(S3.objectBytes(bucket, "t.txt")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) fresh.load("bytes")).containsExactly(1, 2, 3);
        assertThat(fresh.load("json")).isEqualTo(Map.of("k", List.of(1, 2)));
        DataFrame loaded = (DataFrame) fresh.load("frame");
        assertThat(loaded.height()).isEqualTo(2);
        assertThat(loaded.getColumn("name").get(1)).isEqualTo("b");
        assertThat(((Number) loaded.getColumn("score").get(1)).intValue()).isEqualTo(2);
        assertThat(fresh.load("rows")).isEqualTo(rows);
    }

    @Test
    void versionedDataset_onS3_keepsOneVersionPerCatalogAndLoadsTheLatest() {
        DataCatalog first = catalog();
        first.save("model", Map.of("weights", 1));
        DataCatalog second = catalog();
        second.save("model", Map.of("weights", 2));

        Versioned versioned = (Versioned) catalog().dataset("model");
        String firstVersion = ((Versioned) first.dataset("model")).saveVersion();
        assertThat(versioned.versions())
                .containsExactly(firstVersion, ((Versioned) second.dataset("model")).saveVersion());
        assertThat(S3.objectExists(bucket, "models/model.json/" + firstVersion + "/model.json"))
                .isTrue();
        assertThat(catalog().load("model")).isEqualTo(Map.of("weights", 2));
        assertThat(((DataCatalog) catalog()).entry("model").orElseThrow().dataset())
                .isInstanceOf(Versioned.class);
        assertThat(((Versioned) catalog().dataset("model"))
                        .atLoadVersion(firstVersion)
                        .load())
                .isEqualTo(Map.of("weights", 1));
    }

    /** Builds every entry, as a run that uses them all would, so that an entry's problem fails here. */
    private static DataCatalog built(DataCatalog catalog) {
        catalog.materialize(catalog.names());
        return catalog;
    }
}
