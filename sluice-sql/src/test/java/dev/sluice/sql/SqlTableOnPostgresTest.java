package dev.sluice.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SqlTableContract} on a real PostgreSQL server (embedded binaries, one server for the class). */
class SqlTableOnPostgresTest extends SqlTableContract {
    @RegisterExtension
    static final LocalPostgres POSTGRES = new LocalPostgres();

    @Override
    Database database() {
        return POSTGRES.database();
    }
}
