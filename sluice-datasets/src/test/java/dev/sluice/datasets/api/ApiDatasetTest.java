package dev.sluice.datasets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiDatasetTest {
    /** What the server received. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    @TempDir
    Path project;

    private HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/forecast", exchange -> {
            record(exchange);
            respond(exchange, 200, "application/json; charset=utf-8", "{\"city\":\"Oslo\",\"days\":[1,2,3]}");
        });
        server.createContext("/text", exchange -> {
            record(exchange);
            respond(exchange, 200, "text/plain", "plain æøå");
        });
        server.createContext("/missing", exchange -> {
            record(exchange);
            respond(exchange, 404, "text/plain", "no such forecast");
        });
        server.createContext("/broken", exchange -> {
            record(exchange);
            respond(exchange, 500, "text/plain", "database down");
        });
        server.createContext("/items", exchange -> {
            record(exchange);
            respond(exchange, 201, "application/json", "{}");
        });
        server.createContext("/slow", exchange -> {
            record(exchange);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void load_getWithParamsHeadersAndCredentials_sendsThemAndGivesTheJsonBody() {
        Dataset<?> dataset = create(
                Map.of(
                        "url",
                        base + "/forecast",
                        "load_args",
                        Map.of(
                                "params", Map.of("city", "Oslo", "day", List.of(1, 2)),
                                "headers", Map.of("Accept", "application/json"))),
                Map.of("username", "ann", "password", "s3cret"));

        ApiResponse response = (ApiResponse) dataset.load();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Map.of("city", "Oslo", "days", List.of(1, 2, 3)));
        assertThat(response.header("Content-Type")).contains("application/json; charset=utf-8");
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query().split("&")).containsExactlyInAnyOrder("city=Oslo", "day=1", "day=2");
        assertThat(request.headers().get("Accept")).containsExactly("application/json");
        assertThat(request.headers().get("Authorization"))
                .containsExactly(
                        "Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(dataset.describe().toString()).doesNotContain("s3cret").doesNotContain("ann");
    }

    @Test
    void load_textBody_isDecodedAndJsonSaysItIsNotJson() {
        ApiResponse response =
                (ApiResponse) create(Map.of("url", base + "/text"), Map.of()).load();

        assertThat(response.text()).isEqualTo("plain æøå");
        assertThatThrownBy(response::json)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("plain æøå");
    }

    @Test
    void load_postWithJsonOrForm_sendsTheBodyWithItsContentType() {
        create(
                        Map.of(
                                "url",
                                base + "/forecast",
                                "method",
                                "POST",
                                "load_args",
                                Map.of("json", Map.of("q", "rain"))),
                        Map.of())
                .load();
        create(
                        Map.of(
                                "url",
                                base + "/forecast",
                                "method",
                                "post",
                                "load_args",
                                Map.of("data", Map.of("q", "a b"))),
                        Map.of())
                .load();

        assertThat(received.get(0).method()).isEqualTo("POST");
        assertThat(received.get(0).body()).isEqualTo("{\"q\":\"rain\"}");
        assertThat(received.get(0).headers().get("Content-type")).containsExactly("application/json");
        assertThat(received.get(1).body()).isEqualTo("q=a+b");
        assertThat(received.get(1).headers().get("Content-type")).containsExactly("application/x-www-form-urlencoded");
    }

    @Test
    void load_errorStatus_failsNamingTheDatasetRequestAndStatusButNoSecret() {
        Dataset<?> dataset = create(Map.of("url", base + "/broken"), Map.of("username", "ann", "password", "s3cret"));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'weather': GET " + base + "/broken answered 500: database down")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void load_unreachableServer_saysToCheckTheUrl() {
        Dataset<?> dataset = create(Map.of("url", base + "/forecast"), Map.of());
        server.stop(0);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Dataset 'weather': GET " + base + "/forecast failed")
                .hasMessageContaining("Check the url and that the server is reachable");
    }

    @Test
    void load_serverSlowerThanTheTimeout_timesOut() {
        Dataset<?> dataset = create(Map.of("url", base + "/slow", "load_args", Map.of("timeout", 0.2)), Map.of());

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("GET " + base + "/slow timed out");
    }

    @Test
    void exists_isTrueFor2xxFalseFor404AndAnErrorOtherwise() {
        assertThat(create(Map.of("url", base + "/forecast"), Map.of()).exists()).isTrue();
        assertThat(create(Map.of("url", base + "/missing"), Map.of()).exists()).isFalse();
        assertThatThrownBy(
                        () -> create(Map.of("url", base + "/broken"), Map.of()).exists())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("answered 500");
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_longList_postsItAsJsonInChunks() {
        Dataset<Object> dataset = (Dataset<Object>) create(
                Map.of(
                        "url",
                        base + "/items",
                        "method",
                        "POST",
                        "save_args",
                        Map.of("chunk_size", 2, "headers", Map.of("X-Batch", "7"))),
                Map.of());

        dataset.save(IntStream.range(0, 5).mapToObj(i -> Map.of("id", i)).toList());

        assertThat(received)
                .extracting(Received::body)
                .containsExactly("[{\"id\":0},{\"id\":1}]", "[{\"id\":2},{\"id\":3}]", "[{\"id\":4}]");
        assertThat(received).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.headers().get("X-batch")).containsExactly("7");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_withPut_putsTheValueAndAFailureSaysWhichChunk() {
        ((Dataset<Object>) create(Map.of("url", base + "/items", "method", "PUT"), Map.of())).save(Map.of("a", 1));
        Dataset<Object> broken = (Dataset<Object>) create(
                Map.of("url", base + "/broken", "method", "POST", "save_args", Map.of("chunk_size", 1)), Map.of());

        assertThat(received.get(0).method()).isEqualTo("PUT");
        assertThat(received.get(0).body()).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> broken.save(List.of(1, 2)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("POST " + base + "/broken answered 500: database down (chunk 1 of 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_getEntry_saysToUsePostOrPutAndSendsNothing() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("url", base + "/items"), Map.of());

        assertThatThrownBy(() -> dataset.save(Map.of("a", 1)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cannot save with method GET")
                .hasMessageContaining("'method: POST'");
        assertThat(received).isEmpty();
    }

    @Test
    void create_badSettings_areErrorsAtTheirLine() {
        assertThatThrownBy(() -> create(Map.of("url", "ftp://example.com/x"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> create(
                        Map.of("url", base, "load_args", Map.of("auth", List.of("ann", "pw"))),
                        Map.of("username", "ann", "password", "s3cret")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("as well as 'credentials'");
        assertThatThrownBy(() -> create(Map.of("url", base, "load_args", Map.of("verify", false)), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("verify");
        assertThatThrownBy(() -> create(Map.of("url", base), Map.of("token", "abc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'username' and 'password'")
                .message()
                .doesNotContain("abc");
    }

    @Test
    void kedroSpellings_nameTheApiType() {
        DatasetTypes types = DatasetTypes.discover();
        for (String spelling : List.of("api.APIDataset", "kedro_datasets.api.APIDataset", "api.APIDataSet")) {
            assertThat(types.find(spelling))
                    .as(spelling)
                    .get()
                    .extracting(t -> t.name())
                    .isEqualTo("api");
        }
    }

    private Dataset<?> create(Map<String, Object> config, Map<String, Object> credentials) {
        DatasetSpec spec = DatasetSpec.builder("weather", "api.APIDataset")
                .config(config)
                .credentials(credentials)
                .source("conf/base/catalog.yml:7")
                .projectDir(project)
                .build();
        return DatasetTypes.of(new ApiDatasetType()).create(spec);
    }

    private void record(HttpExchange exchange) throws IOException {
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
