package dev.sluice.sql;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Set;

/**
 * Catalog type {@code sql.table} (also Kedro's {@code pandas.SQLTableDataset}): a {@link
 * SqlTableDataset} for {@code table_name}, connecting with the entry's credentials.
 *
 * <pre>{@code
 * shuttles_table:
 *   type: sql.table
 *   table_name: shuttles
 *   credentials: warehouse          # conf/local/credentials.yml: warehouse: {con: jdbc:postgresql://..., user: ..., password: ...}
 *   load_args: {schema: public, columns: [id, engines]}
 *   save_args: {if_exists: replace, dtype: {price: "NUMERIC(12,2)"}}
 * }</pre>
 */
public final class SqlTableDatasetType implements DatasetType {
    private static final Option SCHEMA = Option.of("schema", "schema name", "The schema that holds the table.")
            .withDefault("the connection's default schema");

    @Override
    public String name() {
        return "sql.table";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("SQLTableDataset", "pandas.SQLTableDataset", "kedro_datasets.pandas.SQLTableDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder(
                        "A database table over JDBC (PostgreSQL, DuckDB, ...): loads it whole, saves in one transaction.")
                .holds("org.dflib.DataFrame, or List<Map<String, Object>> with load_args.rows")
                .entry(
                        Option.of("table_name", "table name", "The table, named exactly (names are quoted).")
                                .asRequired(),
                        ConnectionSettings.CON)
                .loadArgs(
                        Option.of("columns", "list of column names", "Load only these columns, in this order."),
                        SCHEMA,
                        SqlOptions.ROWS,
                        SqlOptions.INDEX_COL,
                        SqlOptions.COERCE_FLOAT,
                        SqlOptions.PARSE_DATES)
                .saveArgs(
                        Option.of(
                                        "if_exists",
                                        "fail, replace or append",
                                        "What to do when the table exists: fail, drop and create it anew, or add rows."
                                                + " Either way the save is one transaction.")
                                .withDefault("fail"),
                        SCHEMA,
                        Option.of(
                                "dtype",
                                "mapping of column name to SQL type",
                                "SQL types for the created table's columns, such as {price: NUMERIC(12,2)}; other"
                                        + " columns take their type from their values."),
                        Option.of("chunksize", "whole number", "Rows sent to the database per batch.")
                                .withDefault("1000"),
                        Option.noEffect("index", "DFLib DataFrames have no index, so no index column is written"),
                        Option.noEffect("index_label", "DFLib DataFrames have no index, so no index column is written"),
                        Option.noEffect("method", "rows are inserted in JDBC batches"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs load = DatasetArgs.of(spec, "load_args");
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        String loadSchema = load.string("schema").orElse(null);
        String saveSchema = save.string("schema").orElse(loadSchema);
        if (loadSchema != null && !loadSchema.equals(saveSchema)) {
            throw save.error("schema", "differs from load_args.schema; a table lives in one schema, so set it once");
        }
        IfExists ifExists = save.string("if_exists")
                .map(text -> IfExists.parse(text)
                        .orElseThrow(
                                () -> save.error("if_exists", "must be fail, replace or append, not '" + text + "'")))
                .orElse(IfExists.FAIL);
        int batchSize = batchSize(save);
        Database database = ConnectionSettings.read(spec);
        String table = spec.requireString("table_name");
        SqlTableDataset<?> dataset = load.bool("rows", false)
                ? SqlTableDataset.rows(database, table)
                : SqlTableDataset.dataFrames(database, table);
        return dataset.inSchema(saveSchema)
                .withColumns(SqlOptions.names(load, "columns"))
                .withIfExists(ifExists)
                .withColumnTypes(SqlOptions.columnTypes(save, "dtype"))
                .withBatchSize(batchSize)
                .named(spec.name());
    }

    private static int batchSize(DatasetArgs save) {
        String text = save.string("chunksize").orElse("1000");
        try {
            int size = Integer.parseInt(text.trim());
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw save.error("chunksize", "must be a whole number of rows, at least 1, not '" + text + "'");
    }
}
