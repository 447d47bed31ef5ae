package dev.sluice.excel;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catalog type {@code excel} (also Kedro's {@code pandas.ExcelDataset}): an {@link ExcelDataset} at
 * {@code filepath}.
 *
 * <pre>{@code
 * shuttles:
 *   type: pandas.ExcelDataset
 *   filepath: data/01_raw/shuttles.xlsx
 *   load_args:
 *     sheet_name: [shuttles, prices]   # a name, a position (0), a list, or null / "*" for every sheet
 *     header: 0                         # row of column names; null for none
 *   save_args: {sheet_name: shuttles}
 * }</pre>
 */
public final class ExcelDatasetType implements DatasetType {
    @Override
    public String name() {
        return "excel";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("ExcelDataset", "pandas.ExcelDataset", "kedro_datasets.pandas.ExcelDataset");
    }

    @Override
    public DatasetSchema schema() {
        Option engine =
                Option.noEffect("engine", "it chooses pandas' Excel library; Sluice reads and writes with Apache POI");
        return DatasetSchema.builder(
                        "An Excel workbook (.xlsx; .xls read only) with Apache POI: sheets to DFLib DataFrames and back,"
                                + " byte-identical for identical frames.")
                .holds("org.dflib.DataFrame for one sheet, Map<String, DataFrame> (sheet name to frame) for several")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        Option.of(
                                        "sheet_name",
                                        "sheet name, position, list of them, or null",
                                        "Which sheets to load: one (a name or a zero-based position) loads a"
                                                + " DataFrame; a list, or null or \"*\" for every sheet, loads a map"
                                                + " from sheet name to DataFrame.")
                                .withDefault("0 (the first sheet)"),
                        Option.of(
                                        "header",
                                        "row number or null",
                                        "The zero-based row (after skiprows) that names the columns; null for none"
                                                + " (columns are named 0, 1, 2...).")
                                .withDefault("0"),
                        Option.of("skiprows", "whole number", "Rows to skip at the top of each sheet.")
                                .withDefault("0"),
                        Option.of("nrows", "whole number", "Data rows to read at most."),
                        Option.of("usecols", "list of column names", "Keep only these columns, in this order."),
                        engine)
                .saveArgs(
                        Option.of(
                                        "sheet_name",
                                        "sheet name",
                                        "The sheet a single DataFrame is written to; a map of frames names its own"
                                                + " sheets.")
                                .withDefault("Sheet1"),
                        Option.of("header", "true or false", "Whether to write the column names as the first row.")
                                .withDefault("true"),
                        Option.noEffect("index", "DFLib DataFrames have no index, so no index column is written"),
                        engine,
                        Option.noEffect("writer_args", "it configures pandas' ExcelWriter"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        ExcelDataset<?> dataset = sheets(ExcelDataset.dataFrames(spec.location("filepath")), load);
        int header = load.values().containsKey("header") && load.values().get("header") == null
                ? -1
                : count(load, "header", 0);
        List<String> columns = new ArrayList<>();
        Object usecols = load.raw("usecols").orElse(null);
        if (usecols != null) {
            if (!(usecols instanceof List<?> list) || list.isEmpty()) {
                throw load.error("usecols", "must be a non-empty list of column names, like [id, price]");
            }
            list.forEach(item -> columns.add(String.valueOf(item)));
        }
        int nrows = load.contains("nrows") ? count(load, "nrows", 0) : -1;
        return dataset.reading(header, count(load, "skiprows", 0), nrows, columns)
                .writing(save.string("sheet_name").orElse("Sheet1"), save.bool("header", true))
                .named(spec.name());
    }

    private static ExcelDataset<?> sheets(ExcelDataset<?> dataset, DatasetArgs load) {
        Map<String, Object> values = load.values();
        if (!values.containsKey("sheet_name")) {
            return dataset.sheet(0);
        }
        Object sheet = values.get("sheet_name");
        if (sheet == null || "*".equals(sheet)) {
            return dataset.allSheets();
        }
        if (sheet instanceof Number number) {
            return dataset.sheet(number.intValue());
        }
        if (sheet instanceof List<?> list) {
            if (list.isEmpty()) {
                throw load.error("sheet_name", "is an empty list; name at least one sheet, or write null for all");
            }
            List<Object> chosen = new ArrayList<>();
            list.forEach(item -> chosen.add(item instanceof Number n ? (Object) n.intValue() : String.valueOf(item)));
            return dataset.selecting(new Sheets.Some(chosen));
        }
        if (sheet instanceof Map<?, ?>) {
            throw load.error("sheet_name", "must be a sheet name, a position, a list of them, or null for every sheet");
        }
        return dataset.sheet(sheet.toString());
    }

    private static int count(DatasetArgs args, String key, int defaultValue) {
        Object value = args.raw(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int count = value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
            if (count >= 0 && (!(value instanceof Number n) || n.doubleValue() == count)) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw args.error(key, "must be a whole number, 0 or more, not '" + value + "'");
    }
}
