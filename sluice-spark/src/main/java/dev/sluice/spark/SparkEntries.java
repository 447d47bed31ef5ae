package dev.sluice.spark;

import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.s3.S3Connection;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/** Reads the settings the {@code spark} and {@code delta} catalog types share, with errors naming the entry. */
final class SparkEntries {
    static final Option STORAGE_LEVEL = Option.of(
                    "storage_level",
                    "a Spark storage level, or NONE",
                    "How the tee keeps a DataFrame it hands on while consumers and the background write share"
                            + " it (Spark's StorageLevel names: MEMORY_ONLY, MEMORY_AND_DISK_SER, DISK_ONLY, ...);"
                            + " NONE hands it on unpersisted, so each consumer and the write compute it again.")
            .withDefault("MEMORY_AND_DISK");
    static final Option FS_ARGS = Option.of(
            "fs_args",
            "mapping",
            "For s3:// and s3a:// paths: the S3 settings of Sluice's S3 store (endpoint_url, region_name, path_style,"
                    + " connect_timeout, request_timeout, profile, anon; see the S3 chapter), with the entry's"
                    + " credentials given to Spark's s3a file system for the path's bucket; part_size,"
                    + " max_concurrency and save_timeout have no effect on Spark's writes.");
    static final Option SCHEMA = Option.of(
            "schema",
            "DDL string",
            "The columns to read, as Spark's DDL (\"id INT, name STRING\"); without it Spark reads or infers the"
                    + " schema as the format does.");
    static final Option MODE = Option.of(
                    "mode",
                    "overwrite, append, ignore or errorifexists",
                    "What a save does when data is already there.")
            .withDefault("overwrite");
    static final Option PARTITION_BY = Option.of(
            "partitionBy",
            "column name or list of them",
            "Writes one directory per value of these columns (column=value/), as Spark's partitionBy.");
    static final String READER = "Spark's DataFrameReader (format options such as header, sep, mergeSchema)";
    static final String WRITER = "Spark's DataFrameWriter (format options such as compression, header)";

    private SparkEntries() {}

    /** The entry's settings, for a table in {@code format} at its filepath. */
    static SparkTable.Settings settings(DatasetSpec spec, String format) {
        Map<String, Object> loadArgs = new LinkedHashMap<>(spec.map("load_args"));
        Map<String, Object> saveArgs = new LinkedHashMap<>(spec.map("save_args"));
        Object schema = loadArgs.remove(SCHEMA.name());
        SaveMode mode = mode(spec, saveArgs.remove(MODE.name()));
        List<String> partitionBy = partitionBy(spec, saveArgs.remove(PARTITION_BY.name()));
        String path = path(spec);
        return new SparkTable.Settings(
                spec.name(),
                path,
                format,
                strings(loadArgs),
                schema == null ? null : schema.toString(),
                mode,
                partitionBy,
                strings(saveArgs),
                storageLevel(spec),
                s3(spec, path),
                path.startsWith("s3a://")
                        ? Storage.locate(
                                "s3://" + path.substring("s3a://".length()),
                                spec.projectDir(),
                                spec.credentials(),
                                spec.map(FS_ARGS.name()))
                        : null);
    }

    /**
     * The entry's S3 settings for an {@code s3a://} path, read as Sluice's S3 store reads them; {@code null} for
     * other paths, which take neither {@code fs_args} nor credentials.
     */
    private static S3Connection s3(DatasetSpec spec, String path) {
        Map<String, Object> fsArgs = spec.map(FS_ARGS.name());
        if (path.startsWith("s3a://")) {
            return S3Connection.of("dataset '" + spec.name() + "' (" + path + ")", spec.credentials(), fsArgs);
        }
        if (!fsArgs.isEmpty() || !spec.credentials().isEmpty()) {
            throw spec.error("sets " + (fsArgs.isEmpty() ? "credentials" : "fs_args") + ", which only s3:// and"
                    + " s3a:// paths take; remove it, or point filepath at S3");
        }
        return null;
    }

    /**
     * The entry's filepath as Spark reads it: a URI as written ({@code s3://} becomes Hadoop's {@code
     * s3a://}), anything else a local path relative to the project directory.
     */
    static String path(DatasetSpec spec) {
        String filepath = spec.requireString("filepath").trim();
        if (filepath.startsWith("s3://")) {
            return "s3a://" + filepath.substring("s3://".length());
        }
        if (filepath.contains("://") || filepath.startsWith("file:")) {
            return filepath;
        }
        Path local = spec.projectDir().resolve(filepath).toAbsolutePath().normalize();
        String uri = local.toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static SaveMode mode(DatasetSpec spec, Object value) {
        if (value == null) {
            return SaveMode.Overwrite;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "overwrite" -> SaveMode.Overwrite;
            case "append" -> SaveMode.Append;
            case "ignore" -> SaveMode.Ignore;
            case "error", "errorifexists", "default" -> SaveMode.ErrorIfExists;
            default ->
                throw spec.error("has save_args mode '" + value
                        + "', which Spark does not know; use overwrite, append, ignore or errorifexists");
        };
    }

    private static List<String> partitionBy(DatasetSpec spec, Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(column -> columns.add(String.valueOf(column)));
        } else {
            columns.add(value.toString());
        }
        if (columns.isEmpty() || columns.stream().anyMatch(String::isBlank)) {
            throw spec.error("has an empty save_args partitionBy; give a column name or a list of them, like"
                    + " [year, month]");
        }
        return columns;
    }

    private static StorageLevel storageLevel(DatasetSpec spec) {
        String level = spec.string(STORAGE_LEVEL.name())
                .orElse("MEMORY_AND_DISK")
                .trim()
                .toUpperCase(Locale.ROOT);
        try {
            return StorageLevel.fromString(level);
        } catch (IllegalArgumentException e) {
            throw spec.error("has storage_level '" + level + "', which Spark does not know; use one of MEMORY_ONLY,"
                    + " MEMORY_AND_DISK, MEMORY_ONLY_SER, MEMORY_AND_DISK_SER, DISK_ONLY, OFF_HEAP or NONE");
        }
    }

    /** Options as Spark takes them: every value a string ({@code true}, {@code 3}). */
    private static Map<String, String> strings(Map<String, Object> args) {
        Map<String, String> options = new LinkedHashMap<>();
        args.forEach((key, value) -> {
            if (value != null) {
                options.put(key, String.valueOf(value));
            }
        });
        return options;
    }

    /** The options every Spark entry may give, for the types' schemas. */
    static DatasetSchema.Builder common(DatasetSchema.Builder builder) {
        return builder.loadArgs(SCHEMA)
                .saveArgs(MODE, PARTITION_BY)
                .passOn(DatasetSchema.Scope.LOAD_ARGS, READER)
                .passOn(DatasetSchema.Scope.SAVE_ARGS, WRITER);
    }
}
