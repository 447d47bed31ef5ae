package dev.sluice.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotlyFigureDatasetTest {
    private static final DataFrame SHUTTLES = DataFrame.foldByRow("shuttle_type", "passenger_capacity", "engine")
            .of("Type V5", 4.5, "quantum", "Type F5", 2.0, "plasma", "Type V6", 3.0, "quantum");

    @TempDir
    Path project;

    @Test
    @SuppressWarnings("unchecked")
    void save_barFromADataFrame_writesTheFigureKedrosSpaceflightsDraws() throws Exception {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath",
                "data/08_reporting/capacity.json",
                "plotly_args",
                Map.of(
                        "type", "bar",
                        "fig", Map.of("x", "shuttle_type", "y", "passenger_capacity", "orientation", "h"),
                        "layout",
                                Map.of(
                                        "xaxis_title", "Shuttles",
                                        "title", "Shuttle Passenger capacity",
                                        "plot_bgcolor", "white"))));

        dataset.save(SHUTTLES);

        Map<String, Object> figure = (Map<String, Object>) dataset.load();
        assertThat(figure.get("data"))
                .isEqualTo(List.of(Map.of(
                        "type",
                        "bar",
                        "x",
                        List.of("Type V5", "Type F5", "Type V6"),
                        "y",
                        List.of(4.5, 2.0, 3.0),
                        "orientation",
                        "h")));
        Map<String, Object> layout = (Map<String, Object>) figure.get("layout");
        assertThat(layout.get("xaxis")).isEqualTo(Map.of("title", Map.of("text", "Shuttles")));
        assertThat(layout.get("yaxis")).isEqualTo(Map.of("title", Map.of("text", "passenger_capacity")));
        assertThat(layout.get("title")).isEqualTo(Map.of("text", "Shuttle Passenger capacity"));
        assertThat(layout.get("plot_bgcolor")).isEqualTo("white");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(project.resolve("data/08_reporting/capacity.json")
                                .toFile())
                        .get("data")
                        .get(0)
                        .get("type")
                        .asText())
                .isEqualTo("bar");
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_scatterByColour_makesOneNamedTracePerValue() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath",
                "plot.json",
                "plotly_args",
                Map.of(
                        "type",
                        "scatter",
                        "fig",
                        Map.of("x", "shuttle_type", "y", "passenger_capacity", "color", "engine", "log_y", true))));

        dataset.save(SHUTTLES);

        List<Map<String, Object>> traces =
                (List<Map<String, Object>>) ((Map<String, Object>) dataset.load()).get("data");
        assertThat(traces).extracting(t -> t.get("name")).containsExactly("quantum", "plasma");
        assertThat(traces.get(0)).containsEntry("mode", "markers").containsEntry("y", List.of(4.5, 3.0));
        assertThat(((Map<String, Object>) ((Map<String, Object>) dataset.load()).get("layout")).get("yaxis"))
                .isEqualTo(Map.of("title", Map.of("text", "passenger_capacity"), "type", "log"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_notADataFrameOrAMissingColumn_saysWhatToDo() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath",
                "plot.json",
                "plotly_args",
                Map.of("type", "bar", "fig", Map.of("x", "shuttle", "y", "y"))));

        assertThatThrownBy(() -> dataset.save(Map.of("data", List.of())))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("draws a figure from an org.dflib.DataFrame")
                .hasMessageContaining("plotly.JSONDataset");
        assertThatThrownBy(() -> dataset.save(SHUTTLES))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("fig x names column 'shuttle'")
                .hasMessageContaining("[shuttle_type, passenger_capacity, engine]");
    }

    @Test
    void create_plotlyArgsSluiceCannotDraw_isAnErrorAtTheEntry() {
        assertThatThrownBy(() -> create(Map.of("filepath", "p.json", "plotly_args", Map.of("type", "sunburst"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("type 'sunburst'");
        assertThatThrownBy(() -> create(Map.of(
                        "filepath", "p.json", "plotly_args", Map.of("type", "bar", "fig", Map.of("hover_data", "x")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[hover_data]");
        assertThatThrownBy(() -> create(Map.of("filepath", "p.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plotly_args");
    }

    @Test
    void kedroSpellings_nameThePlotlyDatasetType() {
        DatasetTypes types = DatasetTypes.discover();
        for (String spelling :
                List.of("plotly.PlotlyDataset", "kedro_datasets.plotly.PlotlyDataset", "plotly.PlotlyDataSet")) {
            assertThat(types.find(spelling))
                    .as(spelling)
                    .get()
                    .extracting(t -> t.name())
                    .isEqualTo("plotly.PlotlyDataset");
        }
    }

    private Dataset<?> create(Map<String, Object> config) {
        return DatasetTypes.of(new PlotlyFigureDatasetType())
                .create(DatasetSpec.builder("capacity_plot", "plotly.PlotlyDataset")
                        .config(config)
                        .source("conf/base/catalog.yml:20")
                        .projectDir(project)
                        .build());
    }
}
