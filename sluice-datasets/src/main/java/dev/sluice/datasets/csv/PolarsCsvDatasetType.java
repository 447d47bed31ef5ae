package dev.sluice.datasets.csv;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Catalog type {@code polars.CSVDataset} (also {@code kedro_datasets.polars.CSVDataset}): the {@code
 * csv} type with polars' argument names, so a Kedro entry written for {@code pl.read_csv} and {@code
 * DataFrame.write_csv} opens unchanged. It loads and saves a DFLib {@code DataFrame} as {@link
 * CsvDatasetType} does.
 *
 * <ul>
 *   <li>{@code load_args}: {@code separator} (csv's {@code delimiter}), {@code has_header} ({@code
 *       header}), {@code encoding} ({@code utf8} or any character set name), {@code
 *       infer_schema_length} ({@code 0} reads every column as strings, as polars does; any other value
 *       infers types from every row), {@code rechunk} (no effect).
 *   <li>{@code save_args}: {@code separator} and {@code include_header}, defaulting to the load
 *       settings so saved files load back.
 * </ul>
 */
public final class PolarsCsvDatasetType implements DatasetType {
    private static final Option SEPARATOR = Option.of(
                    "separator", "one character", "The field separator; \\t for tabs.")
            .withDefault(",");

    @Override
    public String name() {
        return "polars.CSVDataset";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("kedro_datasets.polars.CSVDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("The csv type with polars' argument names: a CSV file as a DFLib DataFrame.")
                .holds("org.dflib.DataFrame")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        SEPARATOR,
                        Option.of("has_header", "true or false", "Whether the first row names the columns.")
                                .withDefault("true"),
                        Option.of("encoding", "utf8 or a character set name", "The file's character encoding.")
                                .withDefault("utf8"),
                        Option.of(
                                        "infer_schema_length",
                                        "0 or a number of rows",
                                        "0 reads every column as strings; otherwise int, long, double and boolean"
                                                + " columns are inferred (from every row, not only the first ones).")
                                .withDefault("100"),
                        Option.noEffect("rechunk", "it lays out polars' memory; a DataFrame has no chunks."))
                .saveArgs(
                        SEPARATOR.withDefault("load_args' separator"),
                        Option.of("include_header", "true or false", "Whether to write the column names first.")
                                .withDefault("true"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        Map<String, Object> csvLoad = new LinkedHashMap<>();
        load.raw("separator").ifPresent(value -> csvLoad.put("delimiter", value));
        load.raw("has_header").ifPresent(value -> csvLoad.put("header", value));
        load.string("encoding").ifPresent(value -> csvLoad.put("encoding", charsetName(value)));
        load.raw("infer_schema_length").ifPresent(value -> csvLoad.put("infer_types", inferTypes(load, value)));
        Map<String, Object> csvSave = new LinkedHashMap<>();
        save.raw("separator").ifPresent(value -> csvSave.put("delimiter", value));
        save.raw("include_header").ifPresent(value -> csvSave.put("header", value));
        Map<String, Object> config = new LinkedHashMap<>(spec.config());
        config.put("load_args", csvLoad);
        config.put("save_args", csvSave);
        return new CsvDatasetType()
                .create(spec.toBuilder(spec.name(), spec.type()).config(config).build());
    }

    /** polars names UTF-8 {@code utf8}; {@code utf8-lossy} would replace bad bytes, which Sluice does not. */
    private static String charsetName(String polarsName) {
        return polarsName.trim().equalsIgnoreCase("utf8") ? "UTF-8" : polarsName;
    }

    private static boolean inferTypes(DatasetArgs load, Object value) {
        if (value == null) {
            return true;
        }
        try {
            long rows = Long.parseLong(value.toString().trim());
            if (rows >= 0) {
                return rows != 0;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw load.error("infer_schema_length", "must be 0, a number of rows or null, not '" + value + "'");
    }
}
