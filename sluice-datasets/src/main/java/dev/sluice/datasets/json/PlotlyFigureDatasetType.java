package dev.sluice.datasets.json;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Map;
import java.util.Set;

/**
 * Catalog type {@code plotly.PlotlyDataset}: a Plotly figure drawn from a DataFrame with {@code
 * plotly_args}, stored as JSON; see {@link PlotlyFigureDataset}.
 *
 * <pre>{@code
 * capacity_plot:
 *   type: plotly.PlotlyDataset
 *   filepath: data/08_reporting/capacity_plot.json
 *   plotly_args:
 *     type: bar                 # the plotly.express function
 *     fig: {x: shuttle_type, y: passenger_capacity, orientation: h}
 *     layout: {xaxis_title: Shuttles, title: Passenger capacity}
 * }</pre>
 */
public final class PlotlyFigureDatasetType implements DatasetType {
    @Override
    public String name() {
        return "plotly.PlotlyDataset";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("kedro_datasets.plotly.PlotlyDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A Plotly figure drawn from a DFLib DataFrame as plotly.express does, with"
                        + " plotly_args type (bar, line, scatter, area, histogram, box, violin, pie), fig (x, y,"
                        + " color, orientation, title, labels, names, values, log_x, log_y) and layout (underscore paths such as"
                        + " xaxis_title expanded); stored as Plotly JSON, loaded as plain maps and lists.")
                .holds("org.dflib.DataFrame saved; Map loaded")
                .entry(
                        DatasetSchema.FILEPATH,
                        DatasetSchema.FS_ARGS,
                        Option.of("plotly_args", "mapping", "type, fig and layout, as in Kedro.")
                                .asRequired())
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> plotlyArgs = spec.map("plotly_args");
        try {
            return PlotlyFigureDataset.at(spec.location("filepath"), plotlyArgs);
        } catch (IllegalArgumentException e) {
            throw new dev.sluice.ConfigurationException(spec.sourceOf("plotly_args") + ": dataset '" + spec.name()
                    + "' (type " + spec.type() + "): " + e.getMessage() + ".");
        }
    }
}
