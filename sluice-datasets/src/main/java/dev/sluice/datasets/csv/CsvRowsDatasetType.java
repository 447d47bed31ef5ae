package dev.sluice.datasets.csv;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.storage.Location;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Catalog type {@code csv.rows}: a {@link CsvRowsDataset} at {@code filepath}, read as a list of maps
 * ({@code load_args.header: true}, the default) or a list of lists ({@code header: false}).
 *
 * <ul>
 *   <li>{@code load_args}: {@code header}, {@code delimiter} (or {@code sep}; default {@code ,}),
 *       {@code encoding} (default UTF-8).
 *   <li>{@code save_args}: {@code delimiter}/{@code sep} and {@code encoding}, defaulting to the
 *       {@code load_args} values.
 * </ul>
 */
public final class CsvRowsDatasetType implements DatasetType {
    @Override
    public String name() {
        return "csv.rows";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("CsvRowsDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A CSV file read as plain rows: a list of maps (with a header) or of lists.")
                .holds("List<Map<String, String>>, or List<List<String>> without a header")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        Option.of(
                                        "header",
                                        "true or false",
                                        "Whether the first row names the columns: rows load as maps, else as lists.")
                                .withDefault("true"),
                        CsvDatasetType.DELIMITER,
                        CsvDatasetType.SEP,
                        CsvDatasetType.ENCODING)
                .saveArgs(
                        CsvDatasetType.DELIMITER.withDefault("load_args' delimiter; must equal it"),
                        CsvDatasetType.SEP,
                        CsvDatasetType.ENCODING.withDefault("load_args' encoding; must equal it"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        char delimiter = CsvDatasetType.delimiter(load, ',');
        Charset encoding = load.charset("encoding", StandardCharsets.UTF_8);
        if (CsvDatasetType.delimiter(save, delimiter) != delimiter
                || !save.charset("encoding", encoding).equals(encoding)) {
            throw save.error(
                    save.contains("encoding") ? "encoding" : "delimiter",
                    "differs from load_args; a csv.rows file is read and written the same way, so set it once"
                            + " in load_args");
        }
        Location location = spec.location("filepath");
        CsvRowsDataset<?> dataset =
                load.bool("header", true) ? CsvRowsDataset.maps(location) : CsvRowsDataset.lists(location);
        return dataset.withDelimiter(delimiter).withEncoding(encoding);
    }
}
