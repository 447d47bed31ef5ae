package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkStoreTest {
    @TempDir
    Path dir;

    @Test
    void s3_prepare_pointsEveryDataPathAtTheCopysBucketWithTheServersSettings() throws Exception {
        Path copy = dir.resolve("Tee");
        Files.createDirectories(copy.resolve("conf/base"));
        Files.writeString(copy.resolve("conf/base/catalog.yml"), """
                orders:
                  type: spark
                  filepath: data/02_intermediate/orders
                summary:
                  type: spark
                  filepath: data/08_reporting/summary.csv
                  file_format: csv
                elsewhere:
                  type: spark
                  filepath: /tmp/kept
                """);
        try (S3ProxyServer server = S3ProxyServer.start()) {
            new SparkStore.S3(server).prepare(copy);

            String endpoint = server.endpoint().toString();
            assertThat(Files.readString(copy.resolve("conf/base/catalog.yml"))).isEqualTo("""
                    orders:
                      type: spark
                      filepath: s3://spark-tee/data/02_intermediate/orders
                      credentials: benchmark
                      fs_args: {endpoint_url: '%1$s'}
                    summary:
                      type: spark
                      filepath: s3://spark-tee/data/08_reporting/summary.csv
                      credentials: benchmark
                      fs_args: {endpoint_url: '%1$s'}
                      file_format: csv
                    elsewhere:
                      type: spark
                      filepath: /tmp/kept
                    """.formatted(endpoint));
            assertThat(Files.readString(copy.resolve("conf/local/credentials.yml")))
                    .isEqualTo("benchmark:\n  key: " + server.accessKey() + "\n  secret: " + server.secret() + "\n");
        }
    }

    @Test
    void s3_bytesUnderAndClear_countTheObjectsUnderThePathAndEmptyTheBucket() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("sync/conf/base"))
                .getParent()
                .getParent();
        Files.writeString(copy.resolve("conf/base/catalog.yml"), "");
        try (S3ProxyServer server = S3ProxyServer.start()) {
            SparkStore.S3 store = new SparkStore.S3(server);
            store.prepare(copy);
            put(server, "data/orders/part-0.parquet", 300);
            put(server, "data/orders/part-1.parquet", 200);
            put(server, "data/orders_old/part-0.parquet", 7);

            assertThat(store.bytesUnder("s3a://spark-sync/data/orders")).isEqualTo(500);

            store.clear(copy);
            assertThat(store.bytesUnder("s3a://spark-sync/data")).isZero();
        }
    }

    @Test
    void localDisk_bytesUnderAndClear_countTheFilesAndEmptyData() throws Exception {
        Path orders = Files.createDirectories(dir.resolve("data/orders/region=north"));
        Files.write(orders.resolve("part-0.parquet"), new byte[123]);
        Files.write(dir.resolve("data/orders/_SUCCESS"), new byte[0]);
        SparkStore store = new SparkStore.LocalDisk();

        assertThat(store.bytesUnder(dir.resolve("data/orders").toUri().toString()))
                .isEqualTo(123);

        store.clear(dir);
        assertThat(dir.resolve("data")).isEmptyDirectory();
    }

    private static void put(S3ProxyServer server, String key, int size) throws Exception {
        server.locate("s3://spark-sync/" + key).write(out -> out.write(new byte[size]));
    }
}
