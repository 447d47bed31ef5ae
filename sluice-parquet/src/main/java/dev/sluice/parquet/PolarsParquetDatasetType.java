package dev.sluice.parquet;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Catalog type {@code polars.ParquetDataset} (also {@code kedro_datasets.polars.ParquetDataset}): the
 * {@code parquet} type with polars' arguments and defaults, loading and saving a DFLib {@code
 * DataFrame}. As in polars, files are compressed with zstd unless {@code save_args.compression} says
 * otherwise.
 */
public final class PolarsParquetDatasetType implements DatasetType {
    @Override
    public String name() {
        return "polars.ParquetDataset";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("kedro_datasets.polars.ParquetDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        "The parquet type with polars' arguments and defaults: a Parquet file as a DFLib DataFrame.")
                .holds("org.dflib.DataFrame")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        Option.of("columns", "list of column names", "Read just these columns."),
                        Option.noEffect("use_pyarrow", "it chooses polars' Parquet reader."),
                        Option.noEffect("rechunk", "it lays out polars' memory; a DataFrame has no chunks."))
                .saveArgs(
                        Option.of(
                                        "compression",
                                        "snappy, gzip, zstd, lz4 or uncompressed",
                                        "How column chunks are" + " compressed.")
                                .withDefault("zstd"),
                        Option.noEffect("compression_level", "Sluice uses each codec's default level."),
                        Option.noEffect("statistics", "Sluice always writes column statistics."),
                        Option.noEffect("use_pyarrow", "it chooses polars' Parquet writer."))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> load = new LinkedHashMap<>();
        Object columns = spec.map("load_args").get("columns");
        if (columns != null) {
            load.put("columns", columns);
        }
        Object compression = spec.map("save_args").getOrDefault("compression", "zstd");
        Map<String, Object> save = new LinkedHashMap<>();
        save.put("compression", compression);
        Map<String, Object> config = new LinkedHashMap<>(spec.config());
        config.put("load_args", load);
        config.put("save_args", save);
        return new ParquetDatasetType()
                .create(spec.toBuilder(spec.name(), spec.type()).config(config).build());
    }
}
