package dev.sluice.sql;

import dev.sluice.ConfigurationException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dflib.DataFrame;

/**
 * Catalog type {@code duckdb}: a read-only {@link DuckDbDataset}, a DuckDB query over files named in
 * {@code files}, local or on any store Sluice reaches (its {@code credentials} and {@code fs_args}
 * apply to every file).
 *
 * <pre>{@code
 * sales_by_region:
 *   type: duckdb
 *   query: SELECT region, sum(amount) AS total FROM sales JOIN regions USING (shop) GROUP BY region
 *   files:
 *     sales: s3://bucket/raw/sales/           # a directory: every Parquet file in it
 *     regions: {filepath: data/01_raw/regions.csv, options: {delim: ";"}}
 *   credentials: s3
 *   fs_args: {endpoint_url: http://localhost:9000}
 * }</pre>
 */
public final class DuckDbDatasetType implements DatasetType {
    private static final Set<String> FILE_KEYS = Set.of("filepath", "format", "options");

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("duckdb.query", "DuckDBDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        "A DuckDB query over CSV, Parquet or JSON files (local or S3, read through Sluice's stores,"
                                + " no DuckDB extension); read-only.")
                .holds("org.dflib.DataFrame, or List<Map<String, Object>> with load_args.rows")
                .entry(
                        Option.of(
                                "query",
                                "SQL text",
                                "The query; it names each file by its view name. Give this" + " or table."),
                        Option.of("table", "view name", "Load one view whole (SELECT * FROM it) instead of a query."),
                        Option.of(
                                        "files",
                                        "mapping of view name to path, or to {filepath, format, options}",
                                        "The files the query reads, each as a view: a file, or a directory whose"
                                                + " files of the format are read together. The format (parquet,"
                                                + " csv, json) comes from the extension unless given; options are"
                                                + " DuckDB reader parameters such as delim or header.")
                                .asRequired(),
                        DatasetSchema.FS_ARGS)
                .loadArgs(
                        Option.of(
                                "params",
                                "list or mapping",
                                "Query parameters: a list fills ? placeholders in order, a mapping fills :name"
                                        + " placeholders."),
                        SqlOptions.ROWS)
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        boolean hasQuery = spec.string("query").isPresent();
        boolean hasTable = spec.string("table").isPresent();
        if (hasQuery == hasTable) {
            throw spec.error(
                    hasQuery
                            ? "gives both 'query' and 'table'; keep one"
                            : "needs 'query' (SQL over the files' views) or 'table' (one view, loaded whole)");
        }
        Map<String, Object> files = spec.map("files");
        if (files.isEmpty()) {
            throw spec.error("needs 'files': a mapping from view name to the file (or directory) it reads, like"
                    + " {sales: data/01_raw/sales.parquet}");
        }
        String query =
                hasQuery ? spec.requireString("query") : "SELECT * FROM " + SqlTable.quote(spec.requireString("table"));
        if (hasTable && !files.containsKey(spec.requireString("table"))) {
            throw spec.error("loads table '" + spec.requireString("table") + "', which is not one of its files "
                    + new TreeSet<>(files.keySet()));
        }
        DuckDbDataset<DataFrame> dataset = DuckDbDataset.query(query);
        for (Map.Entry<String, Object> file : files.entrySet()) {
            dataset = withFile(spec, dataset, file.getKey(), file.getValue());
        }
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DuckDbDataset<?> loaded = load.bool("rows", false) ? dataset.asRows() : dataset;
        return loaded.withParams(load.raw("params").orElse(null)).named(spec.name());
    }

    private static DuckDbDataset<DataFrame> withFile(
            DatasetSpec spec, DuckDbDataset<DataFrame> dataset, String view, Object setting) {
        Map<String, Object> file = new LinkedHashMap<>();
        if (setting instanceof Map<?, ?> map) {
            map.forEach((key, value) -> file.put(String.valueOf(key), value));
            Set<String> unknown = new TreeSet<>(file.keySet());
            unknown.removeAll(FILE_KEYS);
            if (!unknown.isEmpty()) {
                throw fileError(
                        spec,
                        view,
                        "has unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                                + "; a file takes filepath, format and options");
            }
        } else if (setting != null && !(setting instanceof List<?>)) {
            file.put("filepath", setting.toString());
        }
        Object path = file.get("filepath");
        if (path == null) {
            throw fileError(spec, view, "needs a path: write it as the value, or as {filepath: ...}");
        }
        String format = file.get("format") != null
                ? file.get("format").toString().trim().toLowerCase(Locale.ROOT)
                : DuckDbFile.formatOf(path.toString().replaceAll("/+$", "")).orElse(null);
        if (format == null && path.toString().endsWith("/")) {
            format = DuckDbFile.FROM_FILES;
        }
        if (format == null
                || !Set.of("parquet", "csv", "json", DuckDbFile.FROM_FILES).contains(format)) {
            throw fileError(
                    spec,
                    view,
                    (format == null ? "has a path whose extension names no format" : "has format '" + format + "'")
                            + "; set format to parquet, csv or json");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (file.get("options") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> options.put(String.valueOf(key), value));
        } else if (file.get("options") != null) {
            throw fileError(spec, view, "has options that are not a mapping of DuckDB reader parameters");
        }
        for (String option : options.keySet()) {
            if (!DuckDbFile.OPTION_NAME.matcher(option).matches()) {
                throw fileError(spec, view, "has option '" + option + "', which is not a DuckDB parameter name");
            }
        }
        Location location;
        try {
            location = Storage.locate(
                    path.toString().replaceAll("/+$", ""), spec.projectDir(), spec.credentials(), spec.map("fs_args"));
        } catch (ConfigurationException e) {
            throw fileError(spec, view, "cannot be located: " + e.getMessage());
        }
        return dataset.withFile(view, location, format, options);
    }

    private static ConfigurationException fileError(DatasetSpec spec, String view, String problem) {
        return new ConfigurationException(spec.sourceOf("files", view) + ": dataset '" + spec.name()
                + "' (type duckdb) file '" + view + "' " + problem + ".");
    }
}
