/**
 * SQL databases as Sluice datasets over JDBC: tables ({@code sql.table}, Kedro's {@code
 * pandas.SQLTableDataset}), queries ({@code sql.query}, Kedro's {@code pandas.SQLQueryDataset}) and
 * DuckDB queries over CSV, Parquet and JSON files on any store ({@code duckdb}), each loading a DFLib
 * DataFrame or rows.
 *
 * <p>The module depends only on the JDBC API: a project adds its database's driver. Connection
 * settings come from {@code credentials.yml} and never appear in logs or in {@code describe()}.
 */
package dev.sluice.sql;
