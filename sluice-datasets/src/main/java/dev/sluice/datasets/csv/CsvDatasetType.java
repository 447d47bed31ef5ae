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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Catalog type {@code csv} (also {@code CSVDataset}, {@code pandas.CSVDataset}): a {@link CsvDataset}
 * reading a DFLib {@code DataFrame} from {@code filepath}.
 *
 * <p>Kedro's pandas arguments with a meaning on the JVM are honoured: {@code load_args} {@code sep},
 * {@code header} (pandas' 0, null and infer too), {@code encoding}, {@code decimal}, {@code na_values},
 * {@code names}, {@code parse_dates}, {@code usecols}, {@code dtype}; {@code save_args} {@code sep}, {@code header}, {@code
 * encoding}, {@code decimal}, {@code na_rep}, {@code index} and {@code index_label}. Those that only steer
 * pandas ({@code engine}, {@code dtype_backend}, ...) are accepted with a warning; the schema lists them.
 *
 * <p>Type inference makes the round trip lossy (see {@link CsvDataset}); give such entries {@code
 * tee: false} or declare every column's {@code dtype}.
 */
public final class CsvDatasetType implements DatasetType {
    static final Option DELIMITER = Option.of("delimiter", "one character", "The field separator; \\t for tabs.")
            .withDefault(",");
    static final Option SEP = Option.of("sep", "one character", "pandas' name for delimiter; give one of the two.");
    static final Option DECIMAL = Option.of("decimal", "one character", "The decimal mark of numbers, such as ,.")
            .withDefault(".");
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
                        Option.of(
                                        "header",
                                        "true, false, 0, null or infer",
                                        "Whether the first row names the columns; pandas' 0 means true, null false,"
                                                + " infer true unless names is given.")
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
                                .withDefault("true"),
                        DECIMAL,
                        Option.of(
                                "na_values",
                                "text or list of texts",
                                "Cells read as null, besides empty ones (pandas' defaults such as NA are not"
                                        + " applied)."),
                        Option.of(
                                "names",
                                "list of column names",
                                "Names for every column, instead of the header's (with header: 0) or for a file"
                                        + " without one."),
                        Option.of(
                                "parse_dates",
                                "list of column names or positions, or false",
                                "Columns read as dates: LocalDate when every value is an ISO date, else"
                                        + " LocalDateTime (2024-01-31 12:00:00); other formats are an error."),
                        Option.of(
                                "usecols",
                                "list of column names or positions",
                                "The columns to keep, in the file's order; the others are not loaded."),
                        Option.noEffect(
                                "index_col",
                                "it makes columns pandas' row index; a DataFrame has no row index, so they stay"
                                        + " columns"),
                        Option.noEffect("engine", "it chooses pandas' CSV parser"),
                        Option.noEffect("dtype_backend", "it chooses pandas' column types; DFLib has its own"),
                        Option.noEffect(
                                "use_nullable_dtypes", "it chooses pandas' column types; DFLib columns hold nulls"),
                        Option.noEffect("low_memory", "it tunes pandas' parser's memory use"),
                        Option.noEffect("infer_datetime_format", "it speeds up pandas' date parsing"))
                .saveArgs(
                        DELIMITER.withDefault("load_args' delimiter"),
                        SEP,
                        Option.of("header", "true or false", "Whether to write the column names first.")
                                .withDefault("load_args' header"),
                        ENCODING.withDefault("load_args' encoding"),
                        DECIMAL.withDefault("load_args' decimal"),
                        Option.of("na_rep", "text", "What a null cell is written as.")
                                .withDefault("an empty field"),
                        Option.of(
                                        "index",
                                        "true or false",
                                        "Write the row numbers (0, 1, ...) as a first column, as pandas writes its"
                                                + " default index.")
                                .withDefault("false; pandas' default is true"),
                        Option.of("index_label", "text", "The header of the index column.")
                                .withDefault("empty"),
                        Option.of("mode", "w", "Files are always written whole; only w (pandas' default) is accepted.")
                                .withDefault("w"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        String mode = save.string("mode").orElse("w").trim();
        if (!mode.equals("w") && !mode.equals("wb")) {
            throw save.error(
                    "mode",
                    "is '" + mode + "', but Sluice writes files whole (appending is not supported);"
                            + " remove it or use w");
        }
        List<String> names = texts(load, "names");
        char loadDelimiter = delimiter(load, ',');
        boolean loadHeader = header(load, !names.isEmpty());
        Charset loadEncoding = load.charset("encoding", StandardCharsets.UTF_8);
        char loadDecimal = load.character("decimal", '.');
        List<Object> usecols = columnsList(load, "usecols");
        CsvDataset.Builder builder = CsvDataset.builder(spec.location("filepath"))
                .loadFormat(loadDelimiter, loadHeader, loadEncoding)
                .saveFormat(
                        delimiter(save, loadDelimiter),
                        save.bool("header", loadHeader),
                        save.charset("encoding", loadEncoding))
                .inferTypes(load.bool("infer_types", true))
                .read(new CsvDataset.ReadOptions(
                        loadDecimal,
                        new LinkedHashSet<>(texts(load, "na_values")),
                        names,
                        usecols,
                        columnsList(load, "parse_dates")))
                .write(new CsvDataset.WriteOptions(
                        save.character("decimal", loadDecimal),
                        save.string("na_rep").orElse(null),
                        save.bool("index", false),
                        save.string("index_label").orElse("")));
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

    /**
     * Whether the file has a header row: true or false, or pandas' spellings (0: the first row; null or None:
     * none; infer: the first row unless names are given). A later row as header is not supported.
     */
    private static boolean header(DatasetArgs load, boolean namesGiven) {
        if (!load.values().containsKey("header")) {
            return true;
        }
        Object value = load.values().get("header");
        if (value == null || "None".equals(value) || "null".equals(value)) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number && number.intValue() == 0) {
            return true;
        }
        if ("infer".equals(value)) {
            return !namesGiven;
        }
        throw load.error(
                "header",
                "is " + value + ", but only the first row can name the columns; use 0 (or true),"
                        + " null (or false) or infer");
    }

    /** A list of column names and positions; empty when absent or false. */
    private static List<Object> columnsList(DatasetArgs args, String key) {
        Object value = args.raw(key).orElse(null);
        List<Object> columns = new ArrayList<>();
        if (value == null || Boolean.FALSE.equals(value)) {
            return columns;
        }
        if (!(value instanceof List<?> list)) {
            throw args.error(key, "must be a list of column names or positions, like [id, price]");
        }
        list.forEach(item -> columns.add(item instanceof Number n ? (Object) n.intValue() : String.valueOf(item)));
        return columns;
    }

    /** A list of texts, or one text as a list of one; empty when absent. */
    private static List<String> texts(DatasetArgs args, String key) {
        Object value = args.raw(key).orElse(null);
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value instanceof Map) {
            throw args.error(
                    key, "must be a text or a list of texts, not a mapping (per-column values are not" + " supported)");
        } else if (value != null) {
            texts.add(value.toString());
        }
        return texts;
    }

    /** The delimiter under {@code delimiter} or its pandas name {@code sep}; giving both is an error. */
    static char delimiter(DatasetArgs args, char defaultValue) {
        if (args.contains("delimiter") && args.contains("sep")) {
            throw args.error("sep", "repeats 'delimiter'; keep only one of them");
        }
        return args.character(args.contains("sep") ? "sep" : "delimiter", defaultValue);
    }
}
