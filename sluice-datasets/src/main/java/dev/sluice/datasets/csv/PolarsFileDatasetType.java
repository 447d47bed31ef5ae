package dev.sluice.datasets.csv;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSchema.Scope;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DelegatingDatasetType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Catalog types {@code polars.EagerPolarsDataset} and {@code polars.LazyPolarsDataset}: a file whose
 * {@code file_format} ({@code csv} or {@code parquet}) picks {@code polars.CSVDataset} or {@code
 * polars.ParquetDataset}, which then check and apply the entry's {@code load_args} and {@code
 * save_args}. Both load a DFLib {@code DataFrame} at once; the JVM has no polars {@code LazyFrame}, so
 * the lazy spelling loads eagerly too. The parquet format needs {@code sluice-parquet} on the class
 * path.
 */
public final class PolarsFileDatasetType implements DatasetType {
    private static final Map<String, String> FORMATS =
            Map.of("csv", "polars.CSVDataset", "parquet", "polars.ParquetDataset");

    private final String name;

    /** The eager type, {@code polars.EagerPolarsDataset}. */
    public PolarsFileDatasetType() {
        this("polars.EagerPolarsDataset");
    }

    private PolarsFileDatasetType(String name) {
        this.name = name;
    }

    /** The lazy spelling, {@code polars.LazyPolarsDataset}, which loads eagerly. */
    public static final class Lazy extends DelegatingDatasetType {
        public Lazy() {
            super(new PolarsFileDatasetType("polars.LazyPolarsDataset"));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> aliases() {
        return Set.of("kedro_datasets." + name);
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        "A CSV or Parquet file as a DFLib DataFrame, by polars' file_format (loaded" + " eagerly).")
                .holds("org.dflib.DataFrame")
                .entry(
                        DatasetSchema.FILEPATH,
                        Option.of(
                                        "file_format",
                                        "csv or parquet",
                                        "The file's format; its polars type checks the" + " load_args and save_args.")
                                .asRequired(),
                        DatasetSchema.FS_ARGS)
                .passOn(Scope.LOAD_ARGS, "polars.CSVDataset or polars.ParquetDataset, by file_format")
                .passOn(Scope.SAVE_ARGS, "polars.CSVDataset or polars.ParquetDataset, by file_format")
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        String format = spec.requireString("file_format").trim().toLowerCase(java.util.Locale.ROOT);
        String target = FORMATS.get(format);
        if (target == null) {
            throw spec.error("has file_format '" + format + "', which Sluice does not read as a polars file; use csv"
                    + " or parquet");
        }
        Map<String, Object> inner = new LinkedHashMap<>(spec.config());
        inner.remove("file_format");
        inner.put("type", target);
        return spec.toBuilder(spec.name(), spec.type())
                .config(Map.of("file", inner))
                .build()
                .nested("file");
    }
}
