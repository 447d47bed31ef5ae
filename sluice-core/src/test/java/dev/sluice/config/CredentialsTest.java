package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path project;

    @Test
    void credentialsName_resolvesIntoTheSpec_andStaysOutOfConfig() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "s3_dev:\n  key: AKIA-KEY\n  secret: s3cr3t\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  filepath: s3://b/cars.csv\n  credentials: s3_dev\n");

        DataCatalog catalog = conf.load().toCatalog(project, FakeTypes.registry());

        var spec = FakeTypes.specOf(catalog.dataset("cars"));
        assertThat(spec.credentials()).isEqualTo(Map.of("key", "AKIA-KEY", "secret", "s3cr3t"));
        assertThat(spec.config()).doesNotContainKey("credentials");
    }

    @Test
    void inlineCredentials_areUsedAsGiven() {
        ConfTree conf =
                new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n  credentials: {token: abc}\n");

        var spec = FakeTypes.specOf(
                conf.load().toCatalog(project, FakeTypes.registry()).dataset("cars"));

        assertThat(spec.credentials()).isEqualTo(Map.of("token", "abc"));
    }

    @Test
    void unknownCredentials_makeOnlyTheEntryUnavailable_namingLineAndKnownNamesButNoValues() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "s3_dev:\n  secret: s3cr3t\ndb_prod:\n  password: pw-9999\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  credentials: s3_dve\nboats:\n  type: fake\n");
        DataCatalog catalog = conf.load().toCatalog(project, FakeTypes.registry());

        assertThat(catalog.dataset("boats")).isNotNull();
        assertThatThrownBy(() -> catalog.dataset("cars"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "conf/base/catalog.yml:3:16: catalog entry 'cars' refers to credentials " + "'s3_dve'")
                .hasMessageContaining("did you mean 's3_dev'?")
                .hasMessageContaining("Known credentials: db_prod, s3_dev")
                .hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("pw-9999");
    }

    @Test
    void credentialsThatAreNotAMapping_isAnErrorWithoutTheValue() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "token: very-secret-token\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  credentials: token\n");
        DataCatalog catalog = conf.load().toCatalog(project, FakeTypes.registry());

        assertThatThrownBy(() -> catalog.dataset("cars"))
                .hasMessageStartingWith("conf/local/credentials.yml:1:1: credentials 'token' must be a mapping")
                .hasMessageNotContaining("very-secret-token");
    }

    @Test
    void credentialsOfWrongShape_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n  credentials: [a]\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/catalog.yml:3:16:")
                .hasMessageContaining("neither a name nor a mapping");
    }

    @Test
    void credentialNames_onlyNamesAreExposed() {
        ConfTree conf = new ConfTree(project)
                .file("base/credentials.yml", "b: {x: 1}\n")
                .file("local/credentials.yml", "a: {y: 2}\n");

        assertThat(conf.load().credentialNames()).containsExactly("a", "b");
    }

    @Test
    void nestedDataset_credentialsNameIsResolvedToo() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "inner_creds:\n  token: t\n")
                .file("base/catalog.yml", """
                        cars:
                          type: wrapper
                          dataset:
                            type: fake
                            filepath: s3://b/cars.csv
                            credentials: inner_creds
                        """);

        var outer = (FakeTypes.FakeDataset)
                conf.load().toCatalog(project, FakeTypes.registry()).dataset("cars");
        var inner = FakeTypes.specOf(outer.inner());

        assertThat(inner.credentials()).isEqualTo(Map.of("token", "t"));
        assertThat(inner.config()).isEqualTo(Map.of("filepath", "s3://b/cars.csv"));
    }

    @Test
    void mask_hidesSecretsButKeepsCredentialsNames() {
        Map<String, Object> masked = SecretMasking.mask(Map.of(
                "type", "sql",
                "credentials", "db",
                "con", "postgresql://scott:tiger@db.example.com/sales",
                "fs_args", Map.of("api_key", "k-123", "region", "eu"),
                "password", "pw"));

        assertThat(masked)
                .containsEntry("type", "sql")
                .containsEntry("credentials", "db")
                .containsEntry("con", "postgresql://scott:" + SecretMasking.MASK + "@db.example.com/sales")
                .containsEntry("fs_args", Map.of("api_key", SecretMasking.MASK, "region", "eu"))
                .containsEntry("password", SecretMasking.MASK);
    }

    @Test
    void mask_inlineCredentialsAreMaskedEntirely() {
        Map<String, Object> masked = SecretMasking.mask(Map.of("credentials", Map.of("user", "u", "pw", List.of("p"))));

        assertThat(masked.get("credentials"))
                .isEqualTo(Map.of("user", SecretMasking.MASK, "pw", List.of(SecretMasking.MASK)));
    }

    @Test
    void maskAll_keepsShapeOnly() {
        assertThat(SecretMasking.maskAll(Map.of("key", "k", "nested", Map.of("secret", 5))))
                .isEqualTo(Map.of("key", SecretMasking.MASK, "nested", Map.of("secret", SecretMasking.MASK)));
    }

    @Test
    void catalogEntryDescribe_masksSecrets() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "db_table:\n  type: fake\n  credentials: {password: hunter2}\n");

        CatalogEntryConfig entry = conf.load().catalogEntries().get(0);

        assertThat(entry.describe().toString()).doesNotContain("hunter2");
    }
}
