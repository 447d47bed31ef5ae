package dev.sluice.datasets.json;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * A Plotly figure drawn from a DFLib {@link DataFrame} with Kedro's {@code plotly_args} and stored as a
 * Plotly JSON document: Kedro's {@code plotly.PlotlyDataset}. A save takes the DataFrame and writes the
 * figure ({@code type} the plotly.express function: bar, line, scatter, area, histogram, box, violin or
 * pie; {@code fig} its arguments x, y, color, orientation, title, labels, names, values, log_x and
 * log_y; {@code
 * layout} the layout, underscore paths such as {@code xaxis_title} expanded); a load gives the figure as
 * plain maps and lists, as {@code plotly.JSONDataset} does. Immutable and thread-safe.
 */
public final class PlotlyFigureDataset implements Dataset<Object> {
    private final JsonDocumentDataset document;
    private final Map<String, Object> plotlyArgs;

    private PlotlyFigureDataset(JsonDocumentDataset document, Map<String, Object> plotlyArgs) {
        this.document = document;
        this.plotlyArgs = plotlyArgs;
    }

    /**
     * A dataset at {@code location} drawing with {@code plotlyArgs}.
     *
     * @throws IllegalArgumentException if {@code plotlyArgs} asks for what Sluice does not draw; the
     *     message says what it takes
     */
    public static PlotlyFigureDataset at(Location location, Map<String, Object> plotlyArgs) {
        String problem = PlotlyFigures.problem(plotlyArgs);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new PlotlyFigureDataset(
                JsonDocumentDataset.at(location, JsonDocumentDataset.Kind.PLOTLY, "plotly.PlotlyDataset"),
                new LinkedHashMap<>(plotlyArgs));
    }

    @Override
    public Object load() {
        return document.load();
    }

    @Override
    public void save(Object value) {
        if (!(value instanceof DataFrame frame)) {
            throw new DatasetException(
                    null,
                    "Cannot save a "
                            + (value == null ? "null" : value.getClass().getName()) + " to "
                            + document.location().uri() + ": plotly.PlotlyDataset draws a figure from an"
                            + " org.dflib.DataFrame; return one, or save a ready figure with plotly.JSONDataset.");
        }
        Map<String, Object> figure;
        try {
            figure = PlotlyFigures.figure(frame, plotlyArgs);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(
                    null,
                    "Cannot draw the figure for " + document.location().uri() + ": " + e.getMessage()
                            + ". Fix plotly_args in the catalog entry or the node's DataFrame.",
                    e);
        }
        document.save(figure);
    }

    @Override
    public boolean exists() {
        return document.exists();
    }

    @Override
    public String storeKey() {
        return document.storeKey();
    }

    @Override
    public Class<?> valueType() {
        return Object.class;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>(document.describe());
        description.put("plotly_args", plotlyArgs);
        return description;
    }

    @Override
    public String toString() {
        return "PlotlyFigureDataset[" + document.location().uri() + "]";
    }
}
