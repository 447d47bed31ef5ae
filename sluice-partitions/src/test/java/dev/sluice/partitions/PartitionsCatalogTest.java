package dev.sluice.partitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.io.DatasetTypes;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code partitioned} and {@code incremental} configured in YAML as Kedro users write them, locally and on S3. */
class PartitionsCatalogTest {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @TempDir
    Path project;

    private ProjectConfig config(String catalog) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), catalog);
        Files.writeString(
                base.resolve("credentials.yml"),
                "s3:\n  key: " + S3.credentials().get("key") + "\n  secret: " + S3.secret() + "\n");
        return ProjectConfig.load(project.resolve("conf"), null, Map.of());
    }

    private DataCatalog catalog(String catalog) throws IOException {
        return built(config(catalog).toCatalog(project, DatasetTypes.discover()));
    }

    private static DataFrame frame(int value) {
        return DataFrame.byColumn("v").of(Series.ofInt(value));
    }

    @Test
    void kedroPartitionedDataset_onS3_savesAndLoadsCsvPartitions() throws Exception {
        String bucket = S3.createBucket();
        DataCatalog catalog = catalog("""
                daily:
                  type: partitions.PartitionedDataset
                  path: s3://%s/sales/daily
                  dataset: {type: pandas.CSVDataset, save_args: {sep: ";"}, load_args: {sep: ";"}}
                  filename_suffix: .csv
                  credentials: s3
                  fs_args: {endpoint_url: '%s'}
                """.formatted(bucket, S3.endpoint()));
        Supplier<DataFrame> second = () -> frame(2);

        catalog.save("daily", Map.of("2024-01-01", frame(1), "2024-01-02", second));

        assertThat(new String(S3.objectBytes(bucket, "sales/daily/2024-01-02.csv")))
                .isEqualTo("v\n2\n");
        @SuppressWarnings("unchecked")
        Map<String, Supplier<Object>> loaded = (Map<String, Supplier<Object>>) catalog.load("daily");
        assertThat(loaded.keySet()).containsExactly("2024-01-01", "2024-01-02");
        assertThat(((DataFrame) loaded.get("2024-01-01").get()).getColumn("v").get(0))
                .isEqualTo(1);
        assertThat(catalog.dataset("daily").describe())
                .containsEntry("dataset", "pandas.CSVDataset")
                .containsEntry("path", "s3://" + bucket + "/sales/daily");
    }

    @Test
    void incremental_successfulRunMovesTheCheckpointAndAFailedRunDoesNot() throws IOException {
        Path orders = Files.createDirectories(project.resolve("data/orders"));
        Files.writeString(orders.resolve("001.txt"), "a");
        Files.writeString(orders.resolve("002.txt"), "b");
        String yaml = """
                orders:
                  type: IncrementalDataset
                  path: data/orders
                  dataset: text
                  filename_suffix: .txt
                """;
        Runner runner = Runner.builder().hook(new IncrementalCheckpoints()).build();
        Node count = Node.named("count").inputs("orders").outputs("n").fn((Map<String, String> m) -> m.keySet());

        Object first =
                runner.run(Pipeline.of(count), catalog(yaml)).freeOutputs().get("n");
        Files.writeString(orders.resolve("003.txt"), "c");
        Object second =
                runner.run(Pipeline.of(count), catalog(yaml)).freeOutputs().get("n");
        Files.writeString(orders.resolve("004.txt"), "d");
        Node failing = Node.named("failing").inputs("orders").outputs("n").fn((Map<String, String> m) -> {
            throw new IllegalStateException("broken");
        });
        assertThatThrownBy(() -> runner.run(Pipeline.of(failing), catalog(yaml)))
                .isInstanceOf(RunFailedException.class);
        Object third =
                runner.run(Pipeline.of(count), catalog(yaml)).freeOutputs().get("n");

        assertThat(ids(first)).containsExactly("001", "002");
        assertThat(ids(second)).containsExactly("003");
        assertThat(ids(third)).containsExactly("004");
        assertThat(orders.resolve("CHECKPOINT")).hasContent("004");
    }

    private static List<String> ids(Object keys) {
        return StreamSupport.stream(((Iterable<?>) keys).spliterator(), false)
                .map(String::valueOf)
                .toList();
    }

    @Test
    void incremental_forcedCheckpointAndOwnCheckpointFile() throws IOException {
        Path orders = Files.createDirectories(project.resolve("data/orders"));
        for (String id : List.of("a", "b", "c")) {
            Files.writeString(orders.resolve(id), id);
        }
        DataCatalog catalog = catalog("""
                forced:
                  type: incremental
                  path: data/orders
                  dataset: text
                  checkpoint: a
                tracked:
                  type: incremental
                  path: data/orders
                  dataset: text
                  checkpoint: {filepath: data/orders_checkpoint.txt}
                """);

        assertThat(((Map<?, ?>) catalog.load("forced")).keySet().stream().map(String::valueOf))
                .containsExactly("b", "c");
        assertThat(((Map<?, ?>) catalog.load("tracked")).keySet().stream().map(String::valueOf))
                .containsExactly("a", "b", "c");
        ((IncrementalDataset<?>) catalog.dataset("tracked")).confirm();
        assertThat(project.resolve("data/orders_checkpoint.txt")).hasContent("c");
    }

    @Test
    void filepathInsideDataset_isRejected() {
        assertThatThrownBy(() -> catalog("""
                        parts:
                          type: partitioned
                          path: data/parts
                          dataset: {type: text, filepath: data/x.txt}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sets 'filepath' inside 'dataset'");
    }

    @Test
    void badSettingOfThePartitionDataset_failsAtItsLineBeforeAnyRun() {
        assertThatThrownBy(() -> catalog("""
                        parts:
                          type: partitioned
                          path: data/parts
                          dataset:
                            type: csv
                            load_args: {seperator: ";"}
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.yml:6")
                .hasMessageContaining("seperator");
    }

    @Test
    void overwriteTrue_isRefusedWithTheReason() {
        assertThatThrownBy(() -> catalog("""
                        parts:
                          type: partitioned
                          path: data/parts
                          dataset: text
                          overwrite: true
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("overwrite: true");
    }

    /** Builds every entry, as a run that uses them all would, so that an entry's problem fails here. */
    private static DataCatalog built(DataCatalog catalog) {
        catalog.materialize(catalog.names());
        return catalog;
    }
}
