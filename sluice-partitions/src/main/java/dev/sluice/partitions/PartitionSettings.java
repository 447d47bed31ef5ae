package dev.sluice.partitions;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.storage.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The settings {@code partitioned} and {@code incremental} entries share, read the same way for both. */
final class PartitionSettings {
    static final Option PATH = Option.of(
                    "path",
                    "path or URI",
                    "The directory of partitions: a path relative to the project, or a URI such as"
                            + " s3://bucket/sales/.")
            .asRequired();
    static final Option DATASET = Option.of(
                    "dataset",
                    "type name or mapping",
                    "The dataset of one partition: a type (csv, pandas.CSVDataset, ...) or a mapping with its type"
                            + " and settings, without filepath.")
            .asRequired();
    static final Option FILEPATH_ARG = Option.of(
                    "filepath_arg",
                    "setting name",
                    "The setting of the partition dataset that receives each partition's path.")
            .withDefault("filepath");
    static final Option FILENAME_SUFFIX = Option.of(
            "filename_suffix",
            "text",
            "Only files ending in it are partitions; partition ids leave it out, and saves add it.");
    static final Option MAXDEPTH = Option.of(
                    "maxdepth", "whole number", "How many directory levels below path to look for partitions.")
            .withDefault("no limit");
    static final Option WITHDIRS =
            Option.noEffect("withdirs", "directories are never partitions; their files are, at any depth");

    final String typeName;
    final Location base;
    final Function<Location, Dataset<Object>> partitions;
    final String suffix;
    final int maxDepth;

    private PartitionSettings(
            String typeName,
            Location base,
            Function<Location, Dataset<Object>> partitions,
            String suffix,
            int maxDepth) {
        this.typeName = typeName;
        this.base = base;
        this.partitions = partitions;
        this.suffix = suffix;
        this.maxDepth = maxDepth;
    }

    /** Reads the shared settings and builds one partition dataset now, so bad settings fail before any node runs. */
    @SuppressWarnings("unchecked")
    static PartitionSettings read(DatasetSpec spec) {
        Object setting = spec.config().get("dataset");
        Map<String, Object> inner = new LinkedHashMap<>();
        if (setting instanceof String type) {
            inner.put("type", type);
        } else if (setting instanceof Map<?, ?> map) {
            map.forEach((key, value) -> inner.put(String.valueOf(key), value));
        } else {
            throw spec.error("needs 'dataset': the type of one partition (such as csv) or a mapping with its type"
                    + " and settings");
        }
        if (inner.get("type") == null) {
            throw spec.error("has a 'dataset' mapping without a 'type'; say which dataset type stores one partition");
        }
        String filepathArg = spec.string("filepath_arg").orElse("filepath");
        if (inner.containsKey(filepathArg)) {
            throw spec.error("sets '" + filepathArg + "' inside 'dataset', but each partition's path comes from"
                    + " 'path' and the partition id; remove it from 'dataset'");
        }
        Map<String, Object> fsArgs = spec.map("fs_args");
        String typeName = inner.get("type").toString();
        Function<Location, Dataset<Object>> partitions = location -> {
            Map<String, Object> config = new LinkedHashMap<>(inner);
            config.put(filepathArg, location.uri().toString());
            if (!fsArgs.isEmpty() && !config.containsKey("fs_args")) {
                config.put("fs_args", fsArgs);
            }
            DatasetSpec holder = spec.toBuilder(spec.name(), spec.type())
                    .config(Map.of("dataset", config))
                    .build();
            return (Dataset<Object>) holder.nested("dataset");
        };
        Location base = spec.location("path");
        String suffix = spec.string("filename_suffix").orElse("");
        partitions.apply(base.resolve("partition" + suffix));
        return new PartitionSettings(typeName, base, partitions, suffix, maxDepth(DatasetArgs.of(spec, "load_args")));
    }

    private static int maxDepth(DatasetArgs load) {
        Object value = load.raw("maxdepth").orElse(null);
        if (value == null) {
            return Integer.MAX_VALUE;
        }
        if (value instanceof Number n && n.intValue() >= 1 && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        throw load.error("maxdepth", "must be a whole number, 1 or more, not '" + value + "'");
    }

    /** The schema options both types declare. */
    static DatasetSchema.Builder common(DatasetSchema.Builder builder) {
        return builder.entry(PATH, DATASET, FILEPATH_ARG, FILENAME_SUFFIX, DatasetSchema.FS_ARGS)
                .loadArgs(MAXDEPTH, WITHDIRS);
    }
}
