package dev.sluice.datasets.json;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Set;

/**
 * Catalog type {@code tracking.JSONDataset} (Kedro's experiment-tracking JSON): the {@code json} type,
 * versioned unless the entry says {@code versioned: false}, as in Kedro.
 */
public final class TrackingJsonDatasetType implements DatasetType {
    private final JsonDatasetType json = new JsonDatasetType();

    @Override
    public String name() {
        return "tracking.JSONDataset";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("kedro_datasets.tracking.JSONDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A JSON document for experiment tracking, as the json type stores it, versioned"
                        + " by default.")
                .holds("Map, List, String, Number, Boolean, or the class named by load_args.type")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(json.schema().options(DatasetSchema.Scope.LOAD_ARGS).toArray(DatasetSchema.Option[]::new))
                .saveArgs(json.schema().options(DatasetSchema.Scope.SAVE_ARGS).toArray(DatasetSchema.Option[]::new))
                .build();
    }

    @Override
    public boolean versionedByDefault() {
        return true;
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        return json.create(spec);
    }
}
