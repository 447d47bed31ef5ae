package dev.sluice.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.config.ProjectConfig;
import dev.sluice.datasets.json.JsonDocumentDataset.Kind;
import dev.sluice.io.DatasetTypes;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDocumentDatasetTest {
    @TempDir
    Path project;

    private DataCatalog catalog(String yaml) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(base.resolve("catalog.yml"), yaml);
        dev.sluice.catalog.DataCatalog built =
                ProjectConfig.load(project.resolve("conf"), null, Map.of()).toCatalog(project, DatasetTypes.discover());
        // Entries are built when first needed; build them all, as a run that uses them would.
        built.materialize(built.names());
        return built;
    }

    @Test
    void metrics_saveThenLoad_roundTripsInOrderWithIdenticalBytes() throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("r2", 0.93);
        metrics.put("rows", 150);
        Path first = project.resolve("a.json");
        Path second = project.resolve("b.json");

        JsonDocumentDataset.at(Storage.local(first), Kind.METRICS, "tracking.MetricsDataset")
                .save(metrics);
        JsonDocumentDataset.at(Storage.local(second), Kind.METRICS, "tracking.MetricsDataset")
                .save(metrics);

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(JsonDocumentDataset.at(Storage.local(first), Kind.METRICS, "m")
                        .load())
                .isEqualTo(metrics);
    }

    @Test
    void metrics_nonNumberValue_failsNamingTheMetricAndWritesNothing() {
        Path file = project.resolve("m.json");
        JsonDocumentDataset dataset = JsonDocumentDataset.at(Storage.local(file), Kind.METRICS, "m");

        assertThatThrownBy(() -> dataset.save(Map.of("r2", "high")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("metric 'r2' is a String, not a number");
        assertThat(file).doesNotExist();
    }

    @Test
    void plotly_jsonStringAndJsonNode_saveTheSameFigure() throws IOException {
        String figure = "{\"data\":[{\"type\":\"bar\",\"x\":[\"a\",\"b\"],\"y\":[1,2]}],\"layout\":{\"title\":\"t\"}}";
        Path fromString = project.resolve("s.json");
        Path fromNode = project.resolve("n.json");

        JsonDocumentDataset.at(Storage.local(fromString), Kind.PLOTLY, "plotly.JSONDataset")
                .save(figure);
        JsonDocumentDataset.at(Storage.local(fromNode), Kind.PLOTLY, "plotly.JSONDataset")
                .save(JsonMapper.builder().build().readTree(figure));

        assertThat(Files.readString(fromString)).isEqualTo(Files.readString(fromNode));
        Object loaded = JsonDocumentDataset.at(Storage.local(fromString), Kind.PLOTLY, "p")
                .load();
        assertThat(((Map<?, ?>) loaded).get("layout")).isEqualTo(Map.of("title", "t"));
    }

    @Test
    void plotly_withoutData_failsSayingWhatAFigureIs() {
        JsonDocumentDataset dataset =
                JsonDocumentDataset.at(Storage.local(project.resolve("p.json")), Kind.PLOTLY, "p");

        assertThatThrownBy(() -> dataset.save(Map.of("layout", Map.of())))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("whose 'data' is a list of traces");
    }

    @Test
    void nodeLink_loadOfFileWithoutLinks_failsNamingTheFile() throws IOException {
        Path file = project.resolve("g.json");
        Files.writeString(file, "{\"nodes\": [{\"id\": 1}]}");

        assertThatThrownBy(() -> JsonDocumentDataset.at(Storage.local(file), Kind.NODE_LINK, "g")
                        .load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toUri().toString())
                .hasMessageContaining("'links' (or 'edges')");
    }

    @Test
    void catalog_metricsEntry_isVersionedByDefaultAndPlotlyAndNetworkxRoundTrip() throws IOException {
        DataCatalog catalog = catalog("""
                metrics:
                  type: tracking.MetricsDataset
                  filepath: data/09_tracking/metrics.json
                unversioned:
                  type: kedro_datasets.tracking.MetricsDataset
                  filepath: data/09_tracking/plain.json
                  versioned: false
                figure:
                  type: plotly.JSONDataset
                  filepath: data/08_reporting/figure.json
                graph:
                  type: networkx.JSONDataset
                  filepath: data/graph.json
                """);

        catalog.save("metrics", Map.of("r2", 0.5));
        catalog.save("unversioned", Map.of("r2", 0.5));
        catalog.save("figure", Map.of("data", List.of(Map.of("type", "scatter"))));
        catalog.save("graph", Map.of("nodes", List.of(Map.of("id", "a")), "links", List.of()));

        assertOneVersion(project.resolve("data/09_tracking/metrics.json"));
        assertThat(project.resolve("data/09_tracking/plain.json")).isRegularFile();
        assertThat(catalog.load("metrics")).isEqualTo(Map.of("r2", 0.5));
        assertThat(catalog.dataset("figure").describe()).containsEntry("document", "plotly figure");
        assertThat(catalog.load("graph")).isEqualTo(Map.of("nodes", List.of(Map.of("id", "a")), "links", List.of()));
    }

    @Test
    void catalog_trackingJsonEntry_isAnyJsonVersionedByDefault() throws IOException {
        DataCatalog catalog = catalog("""
                columns:
                  type: tracking.JSONDataSet
                  filepath: data/09_tracking/columns.json
                """);

        catalog.save("columns", List.of("price", "engines"));

        assertOneVersion(project.resolve("data/09_tracking/columns.json"));
        assertThat(catalog.load("columns")).isEqualTo(List.of("price", "engines"));
    }

    /** {@code dir} is a versioned dataset's directory holding one version with the file in it. */
    private static void assertOneVersion(Path dir) throws IOException {
        assertThat(dir).isDirectory();
        try (Stream<Path> versions = Files.list(dir)) {
            assertThat(versions.toList()).singleElement().satisfies(version -> assertThat(
                            version.resolve(dir.getFileName()))
                    .isRegularFile());
        }
    }
}
