package dev.sluice.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky's embedded binaries from Maven Central) on localhost, started once
 * for a test class: {@code @RegisterExtension static final LocalPostgres POSTGRES = new LocalPostgres();}.
 * As root, the binaries run in a user namespace ({@code unshare -U}), since PostgreSQL refuses root.
 */
final class LocalPostgres implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = EmbeddedPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    int port() {
        return server.getPort();
    }

    /** The server's {@code postgres} database, as its superuser. */
    Database database() {
        return Database.of("jdbc:postgresql://localhost:" + port() + "/postgres")
                .withUser("postgres");
    }
}
