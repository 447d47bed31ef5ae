package dev.sluice.parquet;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code parquet} catalog type (also {@code ParquetDataset} and {@code pandas.ParquetDataset}).
 *
 * <pre>{@code
 * measurements:
 *   type: parquet
 *   filepath: s3://bucket/data/02_intermediate/measurements.parquet
 *   load_args:
 *     record: com.example.Measurement   # load List<Measurement>; without it, a DFLib DataFrame
 *     columns: [id, value]               # DataFrame loads only: keep these columns
 *   save_args:
 *     compression: zstd                  # snappy (default), gzip, zstd, lz4, none
 * }</pre>
 */
public final class ParquetDatasetType implements DatasetType {
    public ParquetDatasetType() {}

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("ParquetDataset", "pandas.ParquetDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        "A Parquet file (Carpet, no Hadoop), read as a DFLib DataFrame or as Java records.")
                .holds("org.dflib.DataFrame, or List of the record named by load_args.record")
                .entry(
                        DatasetSchema.FILEPATH,
                        DatasetSchema.FS_ARGS,
                        Option.of(
                                        "compression",
                                        "snappy, gzip, zstd, lz4 or none",
                                        "The same as save_args.compression;" + " give one of the two.")
                                .withDefault("snappy"))
                .loadArgs(
                        Option.of(
                                "record",
                                "record class name",
                                "Load a List of this Java record (one component per column) instead of a DataFrame."),
                        Option.of("columns", "list of column names", "DataFrame loads only: read just these columns."),
                        Option.noEffect("engine", "it chooses pandas' Parquet library (pyarrow or fastparquet)"),
                        Option.noEffect("dtype_backend", "it chooses pandas' column types; DFLib has its own"),
                        Option.noEffect(
                                "use_nullable_dtypes", "it chooses pandas' column types; DFLib columns hold nulls"))
                .saveArgs(
                        Option.of("compression", "snappy, gzip, zstd, lz4 or none", "How column chunks are compressed.")
                                .withDefault("snappy"),
                        Option.noEffect("engine", "it chooses pandas' Parquet library (pyarrow or fastparquet)"),
                        Option.noEffect(
                                "index",
                                "it chooses whether pandas stores its row index; a DataFrame has none, so only its"
                                        + " columns are written"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> loadArgs = spec.map("load_args");
        Map<String, Object> saveArgs = spec.map("save_args");
        Class<? extends Record> recordType = recordType(spec, loadArgs.get("record"));
        List<String> columns = spec.columnNames("load_args", "columns");
        if (recordType != null && !columns.isEmpty()) {
            throw spec.error("sets both load_args 'record' and 'columns'; with a record, the record's components"
                    + " choose the columns, so remove 'columns' (or the components you do not need)");
        }
        return ParquetDataset.fromCatalog(
                spec.name(), spec.location("filepath"), recordType, compression(spec, saveArgs), columns);
    }

    private static ParquetCompression compression(DatasetSpec spec, Map<String, Object> saveArgs) {
        boolean inSaveArgs = saveArgs.containsKey("compression");
        boolean atTop = spec.config().containsKey("compression");
        if (inSaveArgs && atTop) {
            throw spec.error("sets 'compression' twice, at the top and under save_args; keep one");
        }
        if (!inSaveArgs && !atTop) {
            return ParquetCompression.SNAPPY;
        }
        Object value = inSaveArgs ? saveArgs.get("compression") : spec.config().get("compression");
        if (value == null) {
            // pandas' compression=None
            return ParquetCompression.NONE;
        }
        return ParquetCompression.parse(value.toString())
                .orElseThrow(() -> spec.error("has compression '" + value + "', which Sluice cannot write; use one of "
                        + ParquetCompression.choices()));
    }

    private static Class<? extends Record> recordType(DatasetSpec spec, Object value) {
        if (value == null) {
            return null;
        }
        String className = value.toString().trim();
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw spec.error("names record class '" + className + "' under load_args, which is not on the"
                    + " classpath; check the fully qualified name (a nested record is written Outer$Inner) and"
                    + " that the project's classes are on the classpath");
        }
        if (!type.isRecord()) {
            throw spec.error("names '" + className + "' as its record under load_args, but it is a "
                    + (type.isInterface() ? "interface" : "class") + ", not a record; Parquet rows map to"
                    + " Java records (one component per column)");
        }
        return type.asSubclass(Record.class);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ParquetDatasetType.class.getClassLoader();
    }
}
