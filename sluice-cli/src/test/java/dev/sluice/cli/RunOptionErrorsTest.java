package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Options of {@code sluice run} that contradict each other, or carry a value out of range, are usage
 * errors: exit 64 before any node runs, with a message that names each option and the value given.
 */
class RunOptionErrorsTest {
    @TempDir
    Path project;

    @TempDir
    Path classes;

    private ClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        TestRegistry.shape = TestRegistry.Shape.CHAIN;
        TestRegistry.NODES_RUN.set(0);
        loader = CliRun.withRegistry(classes, TestRegistry.class);
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw:
                  type: text
                  filepath: data/raw.txt
                shouted:
                  type: text
                  filepath: data/shouted.txt
                length:
                  type: text
                  filepath: data/length.txt
                """);
        Files.writeString(project.resolve("conf/base/parameters.yml"), "suffix: '!'\n");
        Files.writeString(project.resolve("data/raw.txt"), "hello");
    }

    private CliRun sluice(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--project";
        all[args.length + 2] = project.toString();
        return CliRun.run(loader, all);
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of(new String[] {"--io", "tee", "--async"}, "Options '--io tee' and '--async' conflict"),
                Arguments.of(new String[] {"--async", "--io", "cache"}, "Options '--io cache' and '--async' conflict"),
                Arguments.of(
                        new String[] {"--runner", "sequential", "--workers", "3"},
                        "Options '--workers 3' and '--runner sequential' conflict"),
                Arguments.of(new String[] {"--workers", "3"}, "Option '--workers 3' needs '--runner parallel'"),
                Arguments.of(new String[] {"--verify", "--io", "sync"}, "Options '--verify' and '--io sync' conflict"),
                Arguments.of(new String[] {"--verify", "--async"}, "Options '--verify' and '--async' conflict"),
                Arguments.of(
                        new String[] {"--max-pending-saves", "4", "--io", "sync"},
                        "Options '--max-pending-saves 4' and '--io sync' conflict"),
                Arguments.of(
                        new String[] {"--max-pending-bytes", "1g", "--async"},
                        "Options '--max-pending-bytes 1g' and '--async' conflict"),
                Arguments.of(
                        new String[] {"--resume", "--only-missing-outputs"},
                        "Options '--resume' and '--only-missing-outputs' conflict"),
                Arguments.of(
                        new String[] {"--resume", "last", "--from-nodes", "count"},
                        "Options '--resume last' and '--from-nodes count' conflict"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("conflicts")
    void run_conflictingOptions_failWithUsageErrorNamingBoth(String[] args, String message) {
        CliRun run = sluice(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains(message).contains("Run 'sluice run --help' for the options.");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(
                        new String[] {"--save-retries=-1"},
                        "Invalid value for option '--save-retries': '-1' is negative"),
                Arguments.of(
                        new String[] {"--retry-budget", "-5"},
                        "Invalid value for option '--retry-budget': '-5' is negative"),
                Arguments.of(
                        new String[] {"--runner", "parallel", "--workers", "0"},
                        "Invalid value for option '--workers': '0'"),
                Arguments.of(
                        new String[] {"--max-pending-saves", "0"},
                        "Invalid value for option '--max-pending-saves': '0'"),
                Arguments.of(
                        new String[] {"--max-pending-bytes", "lots"},
                        "Invalid value for option '--max-pending-bytes': 'lots' is not a size"),
                Arguments.of(
                        new String[] {"--max-pending-bytes", "0"},
                        "Invalid value for option '--max-pending-bytes': '0'"),
                Arguments.of(
                        new String[] {"--store-concurrency", "0"},
                        "Invalid value for option '--store-concurrency': '0'"),
                Arguments.of(
                        new String[] {"--io", "turbo"},
                        "Invalid value for option '--io': 'turbo' is not an I/O mode; use one of [sync, async, cache,"
                                + " tee]"),
                Arguments.of(
                        new String[] {"--runner", "turbo"},
                        "Invalid value for option '--runner': expected one of [SEQUENTIAL, PARALLEL]"),
                Arguments.of(
                        new String[] {"--load-versions", "shouted"},
                        "Invalid value for option '--load-versions': 'shouted' is not DATASET:VERSION"),
                Arguments.of(
                        new String[] {"--params", "suffix=x,verbose"},
                        "Invalid value for option '--params': 'verbose' has no value"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidValues")
    void run_optionValueOutOfRange_failsWithUsageErrorNamingOptionAndValue(String[] args, String message) {
        CliRun run = sluice(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains(message);
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }

    @Test
    void run_asyncWithIoAsync_isNoConflict() {
        CliRun run = sluice("--io", "async", "--async");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestRegistry.NODES_RUN).hasValue(2);
    }

    @Test
    void resume_workersForASequentialRun_needsTheParallelRunner() {
        TestRegistry.shape = TestRegistry.Shape.FAILING;
        assertThat(sluice().exitCode()).isEqualTo(4);
        TestRegistry.shape = TestRegistry.Shape.CHAIN;
        TestRegistry.NODES_RUN.set(0);

        CliRun run = sluice("--resume", "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Option '--workers 2' needs '--runner parallel': the resumed run used the");
        assertThat(TestRegistry.NODES_RUN).hasValue(0);
    }
}
