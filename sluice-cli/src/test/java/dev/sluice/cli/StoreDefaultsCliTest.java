package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import dev.sluice.storage.StorageProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --s3-connect-timeout}, {@code --s3-request-timeout} and {@code --s3-save-timeout} reach every
 * S3 entry whose {@code fs_args} do not set the same key, for the one command only.
 */
class StoreDefaultsCliTest {
    @TempDir
    Path dir;

    /** Stands in for sluice-s3: records the settings each location is opened with and keeps data locally. */
    private final class RecordingS3 implements StorageProvider {
        final Map<String, Map<String, Object>> options = new ConcurrentHashMap<>();

        @Override
        public String scheme() {
            return "s3";
        }

        @Override
        public Location locate(URI uri, Map<String, Object> credentials, Map<String, Object> fsArgs) {
            options.put(uri.getPath(), Map.copyOf(fsArgs));
            return Storage.local(dir.resolve("bucket" + uri.getPath()));
        }
    }

    @Test
    void run_s3TimeoutOptions_becomeDefaultsThatAnEntrysOwnFsArgsOverride() throws Exception {
        ChainProject project = new ChainProject(dir).create();
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                raw:
                  type: text
                  filepath: data/raw.txt
                c:
                  type: text
                  filepath: s3://bucket/c.txt
                d:
                  type: text
                  filepath: s3://bucket/d.txt
                  fs_args:
                    request_timeout: 7
                """);
        RecordingS3 s3 = new RecordingS3();
        Storage.register(s3);

        ChainProject.Result result = project.sluice(
                "run",
                "--project",
                dir.toString(),
                "--s3-connect-timeout",
                "2.5",
                "--s3-request-timeout",
                "12",
                "--s3-save-timeout",
                "300");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(s3.options.get("/c.txt"))
                .containsEntry("connect_timeout", 2.5)
                .containsEntry("request_timeout", 12.0)
                .containsEntry("save_timeout", 300.0);
        assertThat(s3.options.get("/d.txt"))
                .containsEntry("connect_timeout", 2.5)
                .containsEntry("request_timeout", 7)
                .containsEntry("save_timeout", 300.0);
        assertThat(dir.resolve("bucket/d.txt")).hasContent("r|n1|n2|n3|n4");

        // The defaults were the command's: code that opens a location afterwards gets the entry's settings only.
        Storage.locate("s3://bucket/e.txt", dir, Map.of(), Map.of());
        assertThat(s3.options.get("/e.txt")).isEmpty();
    }

    @Test
    void run_s3TimeoutNotPositive_isAUsageErrorNamingTheOptionAndTheValue() throws Exception {
        ChainProject project = new ChainProject(dir).create();

        ChainProject.Result result = project.sluice("run", "--project", dir.toString(), "--s3-request-timeout", "-1");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("'--s3-request-timeout'", "'-1'", "seconds above 0");
    }
}
