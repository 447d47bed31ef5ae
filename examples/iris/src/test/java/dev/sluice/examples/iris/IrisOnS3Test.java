package dev.sluice.examples.iris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Main;
import dev.sluice.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Iris example with its intermediates on S3 ({@code --env s3}), against an S3-compatible server
 * started in-process. Credentials reach the AWS SDK's default chain through its system properties.
 */
class IrisOnS3Test {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    private static final List<String> KEYS = List.of(
            "02_intermediate/train_x.csv",
            "02_intermediate/train_y.csv",
            "02_intermediate/test_x.csv",
            "02_intermediate/test_y.csv",
            "06_models/model.json",
            "07_model_output/predictions.csv");

    @TempDir
    Path project;

    @BeforeEach
    void setUp() throws IOException {
        IrisProjectCopy.into(project);
        System.setProperty("aws.accessKeyId", String.valueOf(S3.credentials().get("key")));
        System.setProperty("aws.secretAccessKey", S3.secret());
        RecordingHook.reset();
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "tee"})
    void iris_withEnvS3_storesEveryIntermediateInTheBucket(String io) {
        String bucket = S3.createBucket();

        int exit = Main.execute(
                "run",
                "--project",
                project.toString(),
                "--env",
                "s3",
                "--io",
                io,
                "--params",
                "s3_endpoint=" + S3.endpoint() + ",s3_bucket=" + bucket,
                "--hooks",
                RecordingHook.class.getName());

        assertThat(exit).isZero();
        assertThat(RecordingHook.ACCURACY).singleElement().satisfies(a -> assertThat(a)
                .isGreaterThan(0.9));
        for (String key : KEYS) {
            assertThat(S3.objectExists(bucket, key)).as(key).isTrue();
        }
        assertThat(project.resolve("data/02_intermediate/train_x.csv")).doesNotExist();
        if (io.equals("tee")) {
            assertThat(RecordingHook.LOADED).doesNotContain("train_x", "model", "predictions");
        } else {
            assertThat(RecordingHook.LOADED).contains("train_x", "model", "predictions");
        }
    }
}
