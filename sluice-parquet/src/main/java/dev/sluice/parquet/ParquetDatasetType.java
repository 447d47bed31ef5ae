package dev.sluice.parquet;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private static final Set<String> LOAD_ARGS = Set.of("record", "columns");
    private static final Set<String> SAVE_ARGS = Set.of("compression");

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
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> loadArgs = spec.map("load_args");
        Map<String, Object> saveArgs = spec.map("save_args");
        checkKeys(spec, "load_args", loadArgs, LOAD_ARGS);
        checkKeys(spec, "save_args", saveArgs, SAVE_ARGS);
        Class<? extends Record> recordType = recordType(spec, loadArgs.get("record"));
        List<String> columns = columns(spec, loadArgs.get("columns"));
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

    private static List<String> columns(DatasetSpec spec, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw spec.error("needs load_args 'columns' to be a non-empty list of column names, like [id, value]");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            names.add(String.valueOf(item));
        }
        return names;
    }

    private static void checkKeys(DatasetSpec spec, String where, Map<String, Object> args, Set<String> known) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw spec.error("has unknown " + where + " " + unknown + "; known ones are " + new TreeSet<>(known));
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ParquetDatasetType.class.getClassLoader();
    }
}
