package dev.sluice.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetTypes;
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code feather} type as Kedro catalogs configure it. */
class FeatherDatasetTypeTest {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "feather",
                "FeatherDataset",
                "pandas.FeatherDataset",
                "kedro_datasets.pandas.FeatherDataset",
                "pandas.FeatherDataSet",
                "kedro.extras.datasets.pandas.FeatherDataSet"
            })
    void catalog_everySpelling_savesAndLoadsAFrame(String type) throws IOException {
        DataCatalog catalog = catalog("""
                frame:
                  type: %s
                  filepath: data/frame.feather
                """.formatted(type));

        catalog.save("frame", SampleFrames.everyType());

        FeatherDatasetTest.assertSameValues((DataFrame) catalog.load("frame"), SampleFrames.everyType());
    }

    @Test
    void catalog_onS3_savesAndLoadsThroughTheStore() throws IOException {
        String bucket = S3.createBucket();
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(
                base.resolve("credentials.yml"),
                "s3:\n  key: " + S3.credentials().get("key") + "\n  secret: " + S3.secret() + "\n");
        DataCatalog catalog = catalog("""
                frame:
                  type: pandas.FeatherDataset
                  filepath: s3://%s/model_input/frame.feather
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                  save_args: {compression: zstd, compression_level: 3}
                """.formatted(bucket, S3.endpoint()));

        catalog.save("frame", SampleFrames.everyType());

        assertThat(S3.objectExists(bucket, "model_input/frame.feather")).isTrue();
        FeatherDatasetTest.assertSameValues((DataFrame) catalog.load("frame"), SampleFrames.everyType());
    }

    @Test
    void create_pandasOnlyArgs_acceptedWithOneWarningNamingThem() {
        Warnings warnings = Warnings.create();
        DatasetSpec spec = DatasetSpec.builder("frame", "pandas.FeatherDataset")
                .config(Map.of(
                        "filepath",
                        "x.feather",
                        "load_args",
                        Map.of("use_threads", true, "storage_options", Map.of("anon", true))))
                .source("conf/base/catalog.yml:7")
                .projectDir(project)
                .warnings(warnings)
                .build();

        DatasetTypes.of(new FeatherDatasetType()).create(spec);

        assertThat(warnings.list()).singleElement().satisfies(warning -> assertThat(warning.message())
                .contains("load_args.use_threads", "load_args.storage_options", "no effect in Sluice"));
    }

    @Test
    void create_saveArgs_setCompressionLevelAndChunkSize() {
        Dataset<?> dataset = create(Map.of(
                "filepath",
                "x.feather",
                "save_args",
                Map.of("compression", "ZSTD", "compression_level", 7, "chunksize", 1000, "version", 2)));

        assertThat(dataset.describe())
                .containsEntry("compression", "zstd")
                .containsEntry("compression_level", 7)
                .containsEntry("chunksize", 1000);
    }

    @Test
    void create_yamlNullCompression_meansUncompressed() {
        Map<String, Object> saveArgs = new HashMap<>();
        saveArgs.put("compression", null);

        assertThat(create(Map.of("filepath", "x.feather", "save_args", saveArgs))
                        .describe())
                .containsEntry("compression", "uncompressed");
    }

    @Test
    void create_unknownCompression_listsTheChoices() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.feather", "save_args", Map.of("compression", "snappy"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7")
                .hasMessageContaining("'snappy'")
                .hasMessageContaining("uncompressed, lz4, zstd");
    }

    @Test
    void create_levelWithoutCompression_asksForACodec() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.feather", "save_args", Map.of("compression_level", 3))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compression_level without a compression");
    }

    @Test
    void create_badChunkSize_saysWhatItNeeds() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.feather", "save_args", Map.of("chunksize", 0))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'chunksize' to be a positive integer");
    }

    @Test
    void create_argThatWouldChangeTheData_isRefused() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.feather", "load_args", Map.of("filters", "x > 1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown load_args key 'filters'");
    }

    private DataCatalog catalog(String yaml) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), yaml);
        DataCatalog catalog =
                ProjectConfig.load(project.resolve("conf"), null, Map.of()).toCatalog(project, DatasetTypes.discover());
        catalog.materialize(catalog.names());
        return catalog;
    }

    private Dataset<?> create(Map<String, Object> config) {
        DatasetSpec spec = DatasetSpec.builder("frame", "pandas.FeatherDataset")
                .config(config)
                .source("conf/base/catalog.yml:7")
                .projectDir(project)
                .build();
        return DatasetTypes.of(new FeatherDatasetType()).create(spec);
    }
}
