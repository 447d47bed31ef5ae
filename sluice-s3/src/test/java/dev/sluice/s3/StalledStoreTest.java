package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import dev.sluice.storage.TransientIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that accepts connections and never answers: a write fails on the configured request
 * timeout, as a transient failure whose message names the object, the endpoint, the timeout and the
 * setting that raises it, after one connection (the SDK does not retry under Sluice's RetryPolicy).
 */
class StalledStoreTest {
    private SilentServer server;

    @BeforeEach
    void startSilentServer() throws IOException {
        server = new SilentServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        S3Clients.closeAll();
    }

    @Test
    void write_storeNeverAnswers_failsTransientlyOnTheRequestTimeoutNamingEndpointAndSetting() {
        String endpoint = server.endpoint();
        Location location = Storage.locate(
                "s3://bucket/data/out.txt",
                Path.of("."),
                Map.of("key", "k", "secret", "s"),
                Map.of("endpoint_url", endpoint, "request_timeout", 0.5, "connect_timeout", 2));

        assertThatThrownBy(() -> location.write(out -> out.write("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(TransientIOException.class)
                .hasMessageContaining("s3://bucket/data/out.txt")
                .hasMessageContaining(endpoint)
                .hasMessageContaining("stopped answering for 0.5 s")
                .hasMessageContaining("raise 'request_timeout'");
        assertThat(server.connections()).as("connections the write opened").isEqualTo(1);
    }

    @Test
    void parse_timeoutNotAPositiveNumber_namesTheSettingAndTheValue() {
        assertThatThrownBy(() -> S3Settings.parse("s3://b/k", Map.of(), Map.of("request_timeout", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'request_timeout'")
                .hasMessageContaining("'soon'");
        assertThat(S3Settings.parse("s3://b/k", Map.of(), Map.of()).client().requestTimeout())
                .isEqualTo(S3Settings.DEFAULT_REQUEST_TIMEOUT);
        assertThatThrownBy(() -> S3Settings.parse("s3://b/k", Map.of(), Map.of("save_timeout", 0)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'save_timeout'")
                .hasMessageContaining("at most 86400");
        assertThat(S3Settings.parse("s3://b/k", Map.of(), Map.of()).saveTimeout())
                .isNull();
        assertThat(S3Settings.parse("s3://b/k", Map.of(), Map.of("save_timeout", "7200"))
                        .saveTimeout())
                .isEqualTo(java.time.Duration.ofHours(2));
    }
}
