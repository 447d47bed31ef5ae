package dev.sluice.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqlTableContract} on DuckDB, in-process, with a database file for the class. */
class SqlTableOnDuckDbTest extends SqlTableContract {
    @TempDir
    static Path directory;

    @Override
    Database database() {
        return Database.of("jdbc:duckdb:" + directory.resolve("warehouse.duckdb"));
    }
}
