package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void parse_suiteOnly_defaultsToOneSecondOneRunAndACoreEach() {
        Options options = Options.parse(List.of("seed"), 2);

        assertThat(options).isEqualTo(new Options("seed", Duration.ofSeconds(1), 1, 2, 64));
        assertThat(options.command()).isEqualTo("benchmarks/run seed --delay 1 --runs 1 --workers 2");
    }

    @Test
    void parse_everyOption_bothSpellings() {
        Options options = Options.parse(List.of("--delay=0.2", "wide", "--runs", "3", "--workers=4"), 2);

        assertThat(options).isEqualTo(new Options("wide", Duration.ofMillis(200), 3, 4, 64));
        assertThat(options.command()).isEqualTo("benchmarks/run wide --delay 0.2 --runs 3 --workers 4");
    }

    @Test
    void parse_shapes_defaultsToTheIssuesDelayAndThreeRuns() {
        Options options = Options.parse(List.of("shapes"), 2);

        assertThat(options)
                .isEqualTo(new Options("shapes", Duration.ofMillis(200), 3, 2, 64, Duration.ZERO, 100_000, 7));
        assertThat(options.command())
                .isEqualTo(
                        "benchmarks/run shapes --delay 0.2 --compute 0 --runs 3 --workers 2 --nodes 100000 --seed 7");
    }

    @Test
    void parse_shapesOptions_readAndRefusedElsewhere() {
        Options options =
                Options.parse(List.of("shapes", "--compute", "0.05", "--nodes=1000", "--seed", "3", "--runs", "1"), 2);

        assertThat(options.compute()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.nodes()).isEqualTo(1000);
        assertThat(options.seed()).isEqualTo(3);
        assertThat(options.runs()).isEqualTo(1);
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--nodes", "10"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--compute, --nodes and --seed apply to the shapes suite only, not 'iris'. Remove them.");
        assertThatThrownBy(() -> Options.parse(List.of("shapes", "--compute", "-1"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--compute must not be negative, not -1.");
    }

    @Test
    void parse_unknownSuite_namesTheSuites() {
        assertThatThrownBy(() -> Options.parse(List.of("fast"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("[seed, iris, wide, storage, iris-s3, shapes, startup, cpu, spark, spark-s3]");
    }

    @Test
    void parse_storage_sizeRunsAndWorkersInTheCommand() {
        Options options = Options.parse(List.of("storage", "--size-mb", "16", "--runs=2"), 2);

        assertThat(options.sizeMb()).isEqualTo(16);
        assertThat(options.delayed()).isFalse();
        assertThat(options.command()).isEqualTo("benchmarks/run storage --size-mb 16 --runs 2 --workers 2");
    }

    @Test
    void parse_spark_rowsInTheCommandAndRefusedElsewhere() {
        Options options = Options.parse(List.of("spark", "--rows", "5000000", "--runs", "3"), 2);

        assertThat(options.rows()).isEqualTo(5_000_000);
        assertThat(options.command()).isEqualTo("benchmarks/run spark --rows 5000000 --runs 3");
        assertThat(Options.parse(List.of("spark"), 2).rows()).isEqualTo(Options.DEFAULT_ROWS);
        assertThat(Options.parse(List.of("spark-s3", "--rows", "10"), 2).command())
                .isEqualTo("benchmarks/run spark-s3 --rows 10 --runs 1");
        assertThatThrownBy(() -> Options.parse(List.of("storage", "--rows", "10"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--rows applies to the [spark, spark-s3] suites only, not 'storage'. Remove --rows.");
    }

    @Test
    void parse_cpu_sizeRunsAndWorkersInTheCommand() {
        Options options = Options.parse(List.of("cpu", "--runs", "5"), 2);

        assertThat(options.sizeMb()).isEqualTo(Options.DEFAULT_SIZE_MB);
        assertThat(options.command()).isEqualTo("benchmarks/run cpu --size-mb 64 --runs 5 --workers 2");
    }

    @Test
    void parse_irisS3_commandNamesOnlyTheRuns() {
        Options options = Options.parse(List.of("iris-s3", "--runs", "5"), 2);

        assertThat(options.command()).isEqualTo("benchmarks/run iris-s3 --runs 5");
    }

    @Test
    void parse_optionOfAnotherSuite_saysWhereItApplies() {
        assertThatThrownBy(() -> Options.parse(List.of("storage", "--delay", "1"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--delay applies to the [seed, iris, wide, shapes] suites");
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--size-mb", "8"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--size-mb applies to the [storage, cpu] suites only");
        assertThatThrownBy(() -> Options.parse(List.of("storage", "--size-mb", "2048"), 2))
                .hasMessageContaining("--size-mb must be at most 1024");
    }

    @Test
    void parse_noSuite_asksForOne() {
        assertThatThrownBy(() -> Options.parse(List.of("--delay", "1"), 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Name the suite");
    }

    @Test
    void parse_badValues_sayWhatIsExpected() {
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--delay", "fast"), 2))
                .hasMessageContaining("--delay must be a number of seconds");
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--delay", "-1"), 2))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--runs", "0"), 2))
                .hasMessageContaining("--runs must be at least 1");
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--workers"), 2))
                .hasMessageContaining("--workers needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("iris", "--fast", "1"), 2))
                .hasMessageContaining("Unknown option '--fast'");
    }

    @Test
    void parse_startup_commandRepeatsTheRuns() {
        Options options = Options.parse(List.of("startup", "--runs", "10"), 2);

        assertThat(options.command()).isEqualTo("benchmarks/run startup --runs 10");
    }
}
