package dev.sluice.examples.iris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Iris example, run through the CLI exactly as the README says, on a copy of the project. */
class IrisExampleTest {
    private static final List<String> INTERMEDIATES =
            List.of("model", "predictions", "test_x", "test_y", "train_x", "train_y");

    @TempDir
    Path project;

    @BeforeEach
    void copyProject() throws IOException {
        IrisProjectCopy.into(project);
        RecordingHook.reset();
    }

    @ParameterizedTest
    @CsvSource({
        "sequential, sync", "sequential, async", "sequential, cache", "sequential, tee",
        "parallel, sync", "parallel, async", "parallel, cache", "parallel, tee"
    })
    void iris_runsUnderEveryRunnerAndIoMode(String runner, String io) {
        int exit = Main.execute(
                "run",
                "--project",
                project.toString(),
                "--runner",
                runner,
                "--io",
                io,
                "--params",
                "io_delay=0",
                "--hooks",
                RecordingHook.class.getName());

        assertThat(exit).isZero();
        assertThat(RecordingHook.ACCURACY).singleElement().satisfies(a -> assertThat(a)
                .isGreaterThan(0.9));
        for (String dataset : INTERMEDIATES) {
            assertThat(project.resolve(catalogPath(dataset)))
                    .as(dataset + " persisted")
                    .exists();
        }
        if (io.equals("sync") || io.equals("async")) {
            assertThat(RecordingHook.LOADED)
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                    Stream.of("example_iris_data", "params:model_options", "params:train"),
                                    INTERMEDIATES.stream())
                            .toList());
        } else {
            assertThat(RecordingHook.LOADED)
                    .as("intermediates are handed on in memory, never loaded back")
                    .containsExactlyInAnyOrder("example_iris_data", "params:model_options", "params:train");
        }
    }

    @Test
    void iris_parameterThatDoesNotFitItsRecord_failsBeforeAnyNodeRuns() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = Main.execute(
                    "run",
                    "--project",
                    project.toString(),
                    "--params",
                    "io_delay=0,model_options.random_state=seven",
                    "--hooks",
                    RecordingHook.class.getName());
        } finally {
            System.setErr(previous);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--params: parameter 'model_options.random_state' does not fit "
                        + "dev.sluice.examples.iris.IrisNodes$ModelOptions, the type node 'split_data' takes it as "
                        + "(component long randomState of record dev.sluice.examples.iris.IrisNodes$ModelOptions): it "
                        + "is the text 'seven', not a number.");
        assertThat(RecordingHook.LOADED).isEmpty();
    }

    private static String catalogPath(String dataset) {
        return switch (dataset) {
            case "model" -> "data/06_models/model.json";
            case "predictions" -> "data/07_model_output/predictions.csv";
            default -> "data/02_intermediate/" + dataset + ".csv";
        };
    }
}
