package dev.sluice.arrow;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Map;
import java.util.Set;

/**
 * The {@code feather} catalog type (also {@code FeatherDataset} and Kedro's {@code pandas.FeatherDataset}).
 *
 * <pre>{@code
 * model_input:
 *   type: pandas.FeatherDataset
 *   filepath: data/05_model_input/model_input.feather
 *   load_args:
 *     columns: [id, price]     # read just these
 *   save_args:
 *     compression: lz4         # uncompressed (default), lz4 or zstd
 *     compression_level: 3
 *     chunksize: 65536         # rows per record batch
 * }</pre>
 */
public final class FeatherDatasetType implements DatasetType {
    public FeatherDatasetType() {}

    @Override
    public String name() {
        return "feather";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("FeatherDataset", "pandas.FeatherDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A Feather file (Arrow IPC file format, version 2) as a DFLib DataFrame;"
                        + " reads files pandas writes, LZ4- or ZSTD-compressed too.")
                .holds("org.dflib.DataFrame")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(
                        Option.of("columns", "list of column names", "Read just these columns, in this order."),
                        Option.noEffect("use_threads", "it sets how many threads pyarrow decodes with"),
                        Option.noEffect(
                                "storage_options",
                                "it configures pandas' file system; Sluice's store takes credentials and fs_args"),
                        Option.noEffect("dtype_backend", "it chooses pandas' column types; DFLib has its own"))
                .saveArgs(
                        Option.of(
                                        "compression",
                                        "uncompressed, lz4 or zstd",
                                        "How record batch buffers are"
                                                + " compressed; pandas writes lz4 by default, Sluice uncompressed.")
                                .withDefault("uncompressed"),
                        Option.of(
                                "compression_level",
                                "integer",
                                "The codec's level (zstd: 1 to 22; lz4: 3 or more selects LZ4's high-compression"
                                        + " mode). The codec's default when absent."),
                        Option.of("chunksize", "integer", "Rows per record batch.")
                                .withDefault(String.valueOf(FeatherDataset.DEFAULT_CHUNK_SIZE)),
                        Option.of(
                                "version",
                                "2",
                                "The Feather version; Sluice writes version 2 (Arrow IPC) only, so 1 is an error."))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Map<String, Object> loadArgs = spec.map("load_args");
        Map<String, Object> saveArgs = spec.map("save_args");
        FeatherDataset dataset = FeatherDataset.fromCatalog(spec.name(), spec.location("filepath"))
                .withColumns(spec.columnNames("load_args", "columns"));
        Object version = saveArgs.get("version");
        if (version != null && !"2".equals(version.toString().trim())) {
            throw spec.error("has save_args version '" + version + "', but Sluice writes Feather version 2 only"
                    + " (Arrow IPC files, which pandas and pyarrow read); remove 'version' or set it to 2");
        }
        FeatherCompression compression = FeatherCompression.UNCOMPRESSED;
        if (saveArgs.containsKey("compression")) {
            Object value = saveArgs.get("compression");
            compression = value == null
                    ? FeatherCompression.UNCOMPRESSED
                    : FeatherCompression.parse(value.toString())
                            .orElseThrow(() -> spec.error("has compression '" + value
                                    + "', which Feather files do not use; use one of " + FeatherCompression.choices()));
        }
        int level = integer(spec, saveArgs, "compression_level", Integer.MIN_VALUE, 0);
        if (level != 0 && compression == FeatherCompression.UNCOMPRESSED) {
            throw spec.error("sets save_args compression_level without a compression; add compression: lz4 or zstd,"
                    + " or remove the level");
        }
        return dataset.withCompression(compression, level)
                .withChunkSize(integer(spec, saveArgs, "chunksize", 1, FeatherDataset.DEFAULT_CHUNK_SIZE));
    }

    private static int integer(DatasetSpec spec, Map<String, Object> args, String key, int min, int absent) {
        Object value = args.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Integer number) || number < min) {
            throw spec.error("needs save_args '" + key + "' to be " + (min == 1 ? "a positive" : "an")
                    + " integer, not '" + value + "'");
        }
        return number;
    }
}
