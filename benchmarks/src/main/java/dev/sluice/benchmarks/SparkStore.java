package dev.sluice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the spark suite's runs keep the example's outputs: the local disk under each copy of the example, as
 * the example ships, or a bucket of an in-process S3 server per copy, through the entries' own S3 settings.
 */
sealed interface SparkStore {
    /** The store as the report's title names it. */
    String label();

    /** Points the copy of the example at {@code dir} (its {@code conf/} already copied) at this store. */
    void prepare(Path dir);

    /** Removes everything runs of the copy at {@code dir} wrote, so the next run starts from nothing. */
    void clear(Path dir);

    /** The bytes of every file or object under an entry's {@code filepath}, as its dataset describes it. */
    long bytesUnder(String filepath);

    /** The example as it ships: every output under the copy's {@code data/}. */
    record LocalDisk() implements SparkStore {
        @Override
        public String label() {
            return "local disk";
        }

        @Override
        public void prepare(Path dir) {}

        @Override
        public void clear(Path dir) {
            ScratchDirectory.create(dir.resolve("data")); // never closed: the next run writes there
        }

        @Override
        public long bytesUnder(String filepath) {
            Path root = Path.of(URI.create(filepath));
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile)
                        .mapToLong(LocalDisk::size)
                        .sum();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot measure " + root + " on disk", e);
            }
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every output of a copy in a bucket of its own on {@code server}, named after the copy's directory: the
     * copy's catalog has each {@code filepath: data/...} replaced by {@code s3://<bucket>/data/...}, with the
     * server's endpoint as {@code fs_args} and its keys in the copy's {@code conf/local/credentials.yml}, as
     * a project on S3 would say it.
     */
    record S3(S3ProxyServer server) implements SparkStore {
        private static final Pattern FILEPATH = Pattern.compile("(?m)^([ \\t]+)filepath: data/(.*)$");

        @Override
        public String label() {
            return "S3 (S3Proxy on 127.0.0.1, in memory, in the same JVM)";
        }

        @Override
        public void prepare(Path dir) {
            String bucket = server.createBucket(bucket(dir));
            Path conf = dir.resolve("conf");
            Path catalog = conf.resolve("base/catalog.yml");
            try {
                Matcher filepath = FILEPATH.matcher(Files.readString(catalog));
                String onS3 = filepath.replaceAll(line -> {
                    String indent = line.group(1);
                    return Matcher.quoteReplacement(indent + "filepath: s3://" + bucket + "/data/" + line.group(2)
                            + "\n" + indent + "credentials: benchmark\n" + indent + "fs_args: {endpoint_url: '"
                            + server.endpoint() + "'}");
                });
                Files.writeString(catalog, onS3);
                Files.createDirectories(conf.resolve("local"));
                Files.writeString(
                        conf.resolve("local/credentials.yml"),
                        "benchmark:\n  key: " + server.accessKey() + "\n  secret: " + server.secret() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot point the catalog " + catalog + " at S3", e);
            }
        }

        @Override
        public void clear(Path dir) {
            server.clearBucket(bucket(dir));
        }

        @Override
        public long bytesUnder(String filepath) {
            URI uri = URI.create(filepath);
            return server.bytesUnder(uri.getHost(), uri.getPath().substring(1) + "/");
        }

        /** The copy's bucket: {@code spark-} and the copy's directory name, as S3 spells bucket names. */
        private static String bucket(Path dir) {
            return "spark-" + dir.getFileName().toString().toLowerCase(Locale.ROOT);
        }
    }
}
