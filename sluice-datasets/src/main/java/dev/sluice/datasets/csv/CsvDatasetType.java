package dev.sluice.datasets.csv;

import dev.sluice.datasets.csv.CsvDataset.ColumnType;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Catalog type {@code csv} (also {@code CSVDataset}, {@code pandas.CSVDataset}): a {@link CsvDataset}
 * reading a DFLib {@code DataFrame} from {@code filepath}.
 *
 * <ul>
 *   <li>{@code load_args}: {@code delimiter} (or pandas' {@code sep}; default {@code ,}), {@code
 *       header} (default true), {@code encoding} (default UTF-8), {@code dtype} (column name to
 *       {@code int}, {@code long}, {@code double}, {@code boolean} or {@code string}), {@code
 *       infer_types} (default true).
 *   <li>{@code save_args}: {@code delimiter}/{@code sep}, {@code header} and {@code encoding}, each
 *       defaulting to its {@code load_args} value so saved files load back; pandas' {@code index:
 *       false} is accepted and changes nothing.
 * </ul>
 *
 * <p>Type inference makes the round trip lossy (see {@link CsvDataset}); give such entries {@code
 * tee: false} or declare every column's {@code dtype}.
 */
public final class CsvDatasetType implements DatasetType {
    static final Option DELIMITER = Option.of("delimiter", "one character", "The field separator; \\t for tabs.")
            .withDefault(",");
    static final Option SEP = Option.of("sep", "one character", "pandas' name for delimiter; give one of the two.");
    static final Option ENCODING = Option.of("encoding", "character set name", "The file's character encoding.")
            .withDefault("UTF-8");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("CSVDataset", "pandas.CSVDataset", "kedro_datasets.pandas.CSVDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A CSV file read into a DFLib DataFrame, one column per CSV column.")
                .holds("org.dflib.DataFrame")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        DELIMITER,
                        SEP,
                        Option.of("header", "true or false", "Whether the first row names the columns.")
                                .withDefault("true"),
                        ENCODING,
                        Option.of(
                                "dtype",
                                "mapping of column name to int, long, double, boolean or string",
                                "Column types to read; other columns are inferred (or strings without"
                                        + " infer_types)."),
                        Option.of(
                                        "infer_types",
                                        "true or false",
                                        "Whether undeclared columns become int, long, double or boolean columns when"
                                                + " every value parses so; inference makes the round trip lossy.")
                                .withDefault("true"))
                .saveArgs(
                        DELIMITER.withDefault("load_args' delimiter"),
                        SEP,
                        Option.of("header", "true or false", "Whether to write the column names first.")
                                .withDefault("load_args' header"),
                        ENCODING.withDefault("load_args' encoding"),
                        Option.of(
                                        "index",
                                        "false",
                                        "pandas writes its row index unless this is false; a DataFrame has no index,"
                                                + " so only false is accepted.")
                                .withDefault("false"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        if (save.bool("index", false)) {
            throw save.error("index", "cannot be true: a DataFrame has no row index to write; remove it");
        }
        char loadDelimiter = delimiter(load, ',');
        boolean loadHeader = load.bool("header", true);
        Charset loadEncoding = load.charset("encoding", StandardCharsets.UTF_8);
        CsvDataset.Builder builder = CsvDataset.builder(spec.location("filepath"))
                .loadFormat(loadDelimiter, loadHeader, loadEncoding)
                .saveFormat(
                        delimiter(save, loadDelimiter),
                        save.bool("header", loadHeader),
                        save.charset("encoding", loadEncoding))
                .inferTypes(load.bool("infer_types", true));
        // Column names may be YAML numbers (columns of a file without header are named 0, 1, ...).
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) load.map("dtype")).entrySet()) {
            String column = String.valueOf(entry.getKey());
            Object typeName = entry.getValue();
            ColumnType type = typeName == null ? null : ColumnType.named(typeName.toString());
            if (type == null) {
                throw load.error(
                        "dtype",
                        "gives column '" + column + "' the unknown type '" + typeName + "'; use one of "
                                + new TreeSet<>(Set.of("int", "long", "double", "boolean", "string")));
            }
            builder.dtype(column, type);
        }
        return builder.build();
    }

    /** The delimiter under {@code delimiter} or its pandas name {@code sep}; giving both is an error. */
    static char delimiter(DatasetArgs args, char defaultValue) {
        if (args.contains("delimiter") && args.contains("sep")) {
            throw args.error("sep", "repeats 'delimiter'; keep only one of them");
        }
        return args.character(args.contains("sep") ? "sep" : "delimiter", defaultValue);
    }
}
