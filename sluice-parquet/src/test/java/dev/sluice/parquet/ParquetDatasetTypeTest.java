package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDatasetTypeTest {
    record Reading(String sensor, double value) {}

    @TempDir
    Path project;

    @Test
    void schema_isDeclared() {
        assertThat(new ParquetDatasetType().schema().isDeclared()).isTrue();
    }

    @Test
    void serviceLoader_findsTheTypeUnderItsKedroNames() {
        List<DatasetType> types = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(t -> t instanceof ParquetDatasetType)
                .toList();

        assertThat(types).hasSize(1);
        assertThat(types.get(0).name()).isEqualTo("parquet");
        assertThat(types.get(0).aliases()).contains("ParquetDataset", "pandas.ParquetDataset");
    }

    @Test
    @SuppressWarnings("unchecked")
    void create_recordUnderLoadArgs_savesAndLoadsThatRecord() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath",
                "data/02_intermediate/readings.parquet",
                "load_args",
                Map.of("record", Reading.class.getName()),
                "save_args",
                Map.of("compression", "gzip")));

        dataset.save(List.of(new Reading("a", 1.5)));

        assertThat(dataset.load()).isEqualTo(List.of(new Reading("a", 1.5)));
        assertThat(project.resolve("data/02_intermediate/readings.parquet")).exists();
        assertThat(dataset.describe()).containsEntry("compression", "gzip");
    }

    @Test
    void create_yamlNullCompression_meansUncompressedAsInPandas() {
        Map<String, Object> saveArgs = new HashMap<>();
        saveArgs.put("compression", null);

        Dataset<?> dataset = create(Map.of("filepath", "x.parquet", "save_args", saveArgs));

        assertThat(dataset.describe()).containsEntry("compression", "none");
    }

    @Test
    void create_unknownRecordClass_namesItAndTheNestedClassSpelling() {
        assertThatThrownBy(() ->
                        create(Map.of("filepath", "x.parquet", "load_args", Map.of("record", "com.example.Nope"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7")
                .hasMessageContaining("'readings'")
                .hasMessageContaining("'com.example.Nope'")
                .hasMessageContaining("Outer$Inner");
    }

    @Test
    void create_recordClassThatIsNotARecord_saysSo() {
        assertThatThrownBy(() ->
                        create(Map.of("filepath", "x.parquet", "load_args", Map.of("record", "java.lang.String"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a record");
    }

    @Test
    void create_unknownCompression_listsTheChoices() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.parquet", "save_args", Map.of("compression", "brotli"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'brotli'")
                .hasMessageContaining("snappy, gzip, zstd");
    }

    @Test
    void create_pandasOnlyArgs_acceptedWithOneWarningNamingThem() {
        dev.sluice.Warnings warnings = dev.sluice.Warnings.create();
        DatasetSpec spec = DatasetSpec.builder("readings", "kedro_datasets.pandas.ParquetDataset")
                .config(Map.of(
                        "filepath",
                        "x.parquet",
                        "load_args",
                        Map.of("engine", "pyarrow", "dtype_backend", "numpy_nullable"),
                        "save_args",
                        Map.of("index", false, "compression", "gzip")))
                .source("conf/base/catalog.yml:7")
                .projectDir(project)
                .warnings(warnings)
                .build();

        DatasetTypes.of(new ParquetDatasetType()).create(spec);

        assertThat(warnings.list()).singleElement().satisfies(warning -> assertThat(warning.message())
                .contains("load_args.engine", "load_args.dtype_backend", "save_args.index", "no effect in Sluice"));
    }

    @Test
    void create_argThatWouldChangeTheData_isRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.parquet", "load_args", Map.of("filters", "x > 1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown load_args key 'filters'")
                .hasMessageContaining("its load_args are record, columns");
    }

    @Test
    void create_withoutFilepath_asksForIt() {
        assertThatThrownBy(() -> create(Map.of())).hasMessageContaining("'filepath'");
    }

    private Dataset<?> create(Map<String, Object> config) {
        DatasetSpec spec = DatasetSpec.builder("readings", "pandas.ParquetDataset")
                .config(config)
                .source("conf/base/catalog.yml:7")
                .projectDir(project)
                .build();
        return DatasetTypes.of(new ParquetDatasetType()).create(spec);
    }
}
