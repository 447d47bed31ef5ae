package dev.sluice.sql;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;

/**
 * Catalog type {@code sql.query} (also Kedro's {@code pandas.SQLQueryDataset}): a read-only {@link
 * SqlQueryDataset} whose query is given in {@code sql} or in a file at {@code filepath}.
 *
 * <pre>{@code
 * big_orders:
 *   type: sql.query
 *   sql: SELECT * FROM orders WHERE amount > :minimum
 *   credentials: warehouse
 *   load_args: {params: {minimum: 1000}}
 * }</pre>
 */
public final class SqlQueryDatasetType implements DatasetType {
    @Override
    public String name() {
        return "sql.query";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("SQLQueryDataset", "pandas.SQLQueryDataset", "kedro_datasets.pandas.SQLQueryDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("The result of a SQL query over JDBC; read-only.")
                .holds("org.dflib.DataFrame, or List<Map<String, Object>> with load_args.rows")
                .entry(
                        Option.of("sql", "SQL text", "The query. Give this or filepath."),
                        Option.of(
                                "filepath",
                                "path or URI",
                                "A file holding the query (UTF-8), read at each load: a path relative to the"
                                        + " project, or a URI such as s3://bucket/queries/q.sql. Give this or sql."),
                        DatasetSchema.FS_ARGS,
                        ConnectionSettings.CON,
                        Option.noEffect("execution_options", "it configures SQLAlchemy, which Sluice does not use"))
                .loadArgs(
                        Option.of(
                                "params",
                                "list or mapping",
                                "Query parameters: a list fills ? placeholders in order, a mapping fills :name"
                                        + " placeholders."),
                        SqlOptions.ROWS,
                        SqlOptions.INDEX_COL,
                        SqlOptions.COERCE_FLOAT,
                        SqlOptions.PARSE_DATES)
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        boolean hasSql = spec.string("sql").isPresent();
        boolean hasFile = spec.string("filepath").isPresent();
        if (hasSql == hasFile) {
            throw spec.error(
                    hasSql
                            ? "gives both 'sql' and 'filepath'; keep one: the query's text or the file that holds it"
                            : "needs the query: 'sql' with its text, or 'filepath' naming a .sql file");
        }
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        Database database = ConnectionSettings.read(spec);
        SqlQueryDataset<DataFrame> frames = hasSql
                ? SqlQueryDataset.dataFrames(database, spec.requireString("sql"))
                : SqlQueryDataset.dataFrames(database, spec.location("filepath"));
        SqlQueryDataset<?> dataset = load.bool("rows", false) ? frames.asRows() : frames;
        Object params = load.raw("params").orElse(null);
        if (params != null && !(params instanceof List<?>) && !(params instanceof Map<?, ?>)) {
            throw load.error("params", "must be a list (for ? placeholders) or a mapping (for :name placeholders)");
        }
        return dataset.withParams(params).named(spec.name());
    }
}
