package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {
    private static final String WHERE = "s3://bucket/data/x.csv";

    @Test
    void parse_kedroStyleNames_readsKeysEndpointAndRegion() {
        S3Settings settings = S3Settings.parse(
                WHERE,
                Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t"),
                Map.of("client_kwargs", Map.of("endpoint_url", "http://localhost:9000", "region_name", "eu-west-1")));

        assertThat(settings.client().endpoint()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(settings.client().region()).isEqualTo("eu-west-1");
        assertThat(settings.client().pathStyle()).isTrue();
        assertThat(settings.client().credentials()).isEqualTo(S3Credentials.keys("AKIA1", "s3cr3t", null));
    }

    @Test
    void parse_s3fsStyleCredentials_equalTheAwsStyleOnes() {
        S3Settings fsspec = S3Settings.parse(WHERE, Map.of("key", "AKIA1", "secret", "s3cr3t", "token", "t"), Map.of());
        S3Settings aws = S3Settings.parse(
                WHERE,
                Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t", "aws_session_token", "t"),
                Map.of());

        assertThat(fsspec.client()).isEqualTo(aws.client());
    }

    @Test
    void parse_nothingGiven_usesAwsDefaultsAndVirtualHostAddressing() {
        S3Settings settings = S3Settings.parse(WHERE, Map.of(), Map.of());

        assertThat(settings.client().endpoint()).isNull();
        assertThat(settings.client().region()).isNull();
        assertThat(settings.client().pathStyle()).isFalse();
        assertThat(settings.client().credentials()).isEqualTo(S3Credentials.defaultChain());
        assertThat(settings.partSize()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
        assertThat(settings.maxConcurrency()).isEqualTo(S3Settings.DEFAULT_MAX_CONCURRENCY);
    }

    @Test
    void parse_partSizeWithUnits_readsBinaryUnits() {
        assertThat(S3Settings.parse(WHERE, Map.of(), Map.of("part_size", "16MiB"))
                        .partSize())
                .isEqualTo(16 << 20);
        assertThat(S3Settings.parse(WHERE, Map.of(), Map.of("part_size", "8 MB"))
                        .partSize())
                .isEqualTo(8 << 20);
        assertThat(S3Settings.parse(WHERE, Map.of(), Map.of("part_size", "6Mi")).partSize())
                .isEqualTo(6 << 20);
        assertThat(S3Settings.parse(WHERE, Map.of(), Map.of("part_size", 6291456))
                        .partSize())
                .isEqualTo(6 << 20);
    }

    @Test
    void parse_partSizeBelowTheS3Minimum_explainsTheLimit() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of(), Map.of("part_size", "1MiB")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'part_size'")
                .hasMessageContaining(WHERE)
                .hasMessageContaining("5MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "8 MiB of it", "99999999999999999999MiB"})
    void parse_partSizeNotASize_explainsTheForm(String text) {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of(), Map.of("part_size", text)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'part_size'")
                .hasMessageContaining("such as 8MiB")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void parse_maxConcurrencyNotANumber_namesTheSetting() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of(), Map.of("max_concurrency", "lots")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'max_concurrency'")
                .hasMessageContaining("'lots'");
    }

    @Test
    void parse_unknownCredentialSetting_namesItButNeverShowsItsValue() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of("secret_key", "hunter2-very-secret"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret_key")
                .hasMessageContaining("aws_secret_access_key")
                .message()
                .doesNotContain("hunter2-very-secret");
    }

    @Test
    void parse_unknownFsArg_listsTheKnownOnes() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of(), Map.of("endpoint", "http://x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[endpoint]")
                .hasMessageContaining("endpoint_url");
    }

    @Test
    void parse_keyWithoutSecret_saysWhichHalfIsMissing() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of("key", "AKIA1"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("an access key id but no secret");
    }

    @Test
    void parse_keysInFsArgs_areRefusedNamingThemButNeverTheirValues() {
        assertThatThrownBy(() -> S3Settings.parse(
                        WHERE,
                        Map.of(),
                        Map.of("client_kwargs", Map.of("aws_access_key_id", "a", "aws_secret_access_key", "b"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("client_kwargs.aws_access_key_id")
                .hasMessageContaining("credentials.yml");
        // As s3fs takes them, and Kedro projects for MinIO write them.
        assertThatThrownBy(() -> S3Settings.parse(
                        WHERE,
                        Map.of(),
                        Map.of("key", "minio-user-id", "secret", "minio-very-secret", "endpoint_url", "http://x:9000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("S3 keys for " + WHERE + " are in fs_args (key, secret)")
                .hasMessageContaining("'credentials: <name>'")
                .message()
                .doesNotContain("minio-user-id")
                .doesNotContain("minio-very-secret");
    }

    @Test
    void parse_endpointWithoutScheme_showsHowToWriteIt() {
        assertThatThrownBy(() -> S3Settings.parse(WHERE, Map.of(), Map.of("endpoint_url", "localhost:9000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http://localhost:9000");
    }

    @Test
    void credentials_toString_neverShowsTheSecret() {
        assertThat(S3Credentials.keys("AKIA1", "s3cr3t-value", "token-value").toString())
                .doesNotContain("s3cr3t-value")
                .doesNotContain("token-value");
    }

    @Test
    void clients_equalSettings_shareOneClientAndOtherKeysGetTheirOwn() {
        S3Settings.ClientSettings a = S3Settings.parse(
                        WHERE, Map.of("key", "k", "secret", "one"), Map.of("endpoint_url", "http://127.0.0.1:9"))
                .client();
        S3Settings.ClientSettings sameAsA = S3Settings.parse(
                        WHERE, Map.of("key", "k", "secret", "one"), Map.of("endpoint_url", "http://127.0.0.1:9"))
                .client();
        S3Settings.ClientSettings otherSecret = S3Settings.parse(
                        WHERE, Map.of("key", "k", "secret", "two"), Map.of("endpoint_url", "http://127.0.0.1:9"))
                .client();

        assertThat(S3Clients.client(a)).isSameAs(S3Clients.client(sameAsA));
        assertThat(S3Clients.client(a)).isNotSameAs(S3Clients.client(otherSecret));
    }

    @Test
    void storage_s3Uri_isServedByTheProviderFoundOnTheClasspath() {
        Location location = Storage.locate(
                "s3://bucket/data/x.csv",
                Path.of("."),
                Map.of("key", "k", "secret", "s"),
                Map.of("endpoint_url", "http://127.0.0.1:9"));

        assertThat(location.uri()).hasToString("s3://bucket/data/x.csv");
        assertThat(location.storeKey()).isEqualTo("s3://bucket");
    }

    @Test
    void storage_s3UriWithoutBucket_explainsTheForm() {
        assertThatThrownBy(() -> Storage.locate("s3:///data/x.csv", Path.of("."), Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("s3://<bucket>/<key>");
    }
}
