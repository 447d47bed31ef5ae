package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {
    private static final Path PROJECT = Path.of("/work/project");

    @Test
    void fromUrl_sqlAlchemyPostgres_becomesJdbcWithUserAndPasswordOutOfTheUrl() {
        Database database = ConnectionSettings.fromUrl(
                "postgresql+psycopg2://ana:p%40ss@db.example:5433/sales?sslmode=require", PROJECT);

        assertThat(database.url()).isEqualTo("jdbc:postgresql://db.example:5433/sales?sslmode=require");
        assertThat(database.user()).isEqualTo("ana");
        assertThat(database.describe()).containsEntry("password", "***");
        assertThat(database.toString()).doesNotContain("p@ss");
    }

    @Test
    void fromUrl_duckDbFiles_resolveAgainstTheProject() {
        assertThat(ConnectionSettings.fromUrl("duckdb:///data/w.duckdb", PROJECT)
                        .url())
                .isEqualTo("jdbc:duckdb:/work/project/data/w.duckdb");
        assertThat(ConnectionSettings.fromUrl("jdbc:duckdb:data/w.duckdb", PROJECT)
                        .url())
                .isEqualTo("jdbc:duckdb:/work/project/data/w.duckdb");
        assertThat(ConnectionSettings.fromUrl("duckdb:///:memory:", PROJECT).url())
                .isEqualTo("jdbc:duckdb:");
        assertThat(ConnectionSettings.fromUrl("jdbc:duckdb:/abs/w.duckdb", PROJECT)
                        .url())
                .isEqualTo("jdbc:duckdb:/abs/w.duckdb");
    }

    @Test
    void fromUrl_unknownSqlAlchemyDialect_asksForAJdbcUrl() {
        assertThatThrownBy(() -> ConnectionSettings.fromUrl("oracle://u@h/db", PROJECT))
                .hasMessageContaining("write a JDBC URL (jdbc:oracle:...)");
    }

    @Test
    void maskedUrl_hidesPasswordsInQueryAndUserInfo() {
        assertThat(Database.of("jdbc:postgresql://h/db?user=a&password=x1&ssl=true")
                        .maskedUrl())
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(Database.maskUrl("jdbc:mysql://a:x1@h/db")).isEqualTo("jdbc:mysql://a:***@h/db");
    }
}
