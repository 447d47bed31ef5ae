package dev.sluice.datasets.json;

import dev.sluice.datasets.json.JsonDocumentDataset.Kind;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Set;

/**
 * Catalog types for JSON documents that tools read back, each a {@link JsonDocumentDataset}: {@code
 * tracking.MetricsDataset} (a flat map of name to number, versioned unless the entry says {@code
 * versioned: false}, as in Kedro), {@code plotly.JSONDataset} (a Plotly figure) and {@code
 * networkx.JSONDataset} (a node-link graph).
 */
public class JsonDocumentDatasetType implements DatasetType {
    private final String name;
    private final Kind kind;
    private final String summary;

    JsonDocumentDatasetType(String name, Kind kind, String summary) {
        this.name = name;
        this.kind = kind;
        this.summary = summary;
    }

    /** {@code tracking.MetricsDataset}. */
    public static final class Metrics extends JsonDocumentDatasetType {
        public Metrics() {
            super(
                    "tracking.MetricsDataset",
                    Kind.METRICS,
                    "Metrics as a flat JSON object of name to number, versioned by default; the run report"
                            + " shows their values.");
        }

        @Override
        public boolean versionedByDefault() {
            return true;
        }
    }

    /** {@code plotly.JSONDataset}. */
    public static final class Plotly extends JsonDocumentDatasetType {
        public Plotly() {
            super(
                    "plotly.JSONDataset",
                    Kind.PLOTLY,
                    "A Plotly figure as JSON (data and layout), from a Map, a JsonNode or a JSON" + " string.");
        }
    }

    /** {@code networkx.JSONDataset}. */
    public static final class NodeLink extends JsonDocumentDatasetType {
        public NodeLink() {
            super(
                    "networkx.JSONDataset",
                    Kind.NODE_LINK,
                    "A graph in networkx's node-link JSON (nodes and links), from a Map, a JsonNode or a JSON"
                            + " string.");
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> aliases() {
        return Set.of("kedro_datasets." + name);
    }

    @Override
    public final DatasetSchema schema() {
        return DatasetSchema.builder(summary)
                .holds("Map (saves also take a JsonNode or a JSON String)")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .build();
    }

    @Override
    public final Dataset<?> create(DatasetSpec spec) {
        return JsonDocumentDataset.at(spec.location("filepath"), kind, name);
    }
}
