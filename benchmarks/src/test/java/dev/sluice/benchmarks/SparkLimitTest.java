package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.benchmarks.SparkLimit.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SparkLimitTest {
    private static Phase phase(long wallMillis, long cpuMillis) {
        return new Phase(Duration.ofMillis(wallMillis), Duration.ofMillis(cpuMillis));
    }

    @Test
    void of_computeLongerThanTheCpuOverTheCores_isTheComputeOnlyWallTime() {
        SparkLimit limit = SparkLimit.of(phase(10_000, 8_000), phase(6_000, 4_000), 2);

        assertThat(limit.limit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limit.setBy()).isEqualTo(SparkLimit.Bound.COMPUTE);
        assertThat(limit.cpuBound()).isEqualTo(Duration.ofSeconds(6));
        assertThat(limit.ratio(Duration.ofSeconds(12))).isEqualTo(1.2);
    }

    @Test
    void of_cpuOfComputeAndWritesOverTheCoresLonger_isTheCpuBound() {
        SparkLimit limit = SparkLimit.of(phase(10_000, 18_000), phase(8_000, 14_000), 2);

        assertThat(limit.limit()).isEqualTo(Duration.ofSeconds(16));
        assertThat(limit.setBy()).isEqualTo(SparkLimit.Bound.CPU);
    }

    @Test
    void of_writesWallTimeLong_isNoBoundBecauseWritesOverlap() {
        SparkLimit limit = SparkLimit.of(phase(10_000, 2_000), phase(30_000, 2_000), 2);

        assertThat(limit.limit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limit.writesAlone().wall()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void of_noCores_isRefused() {
        assertThatThrownBy(() -> SparkLimit.of(Phase.ZERO, Phase.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cores must be at least 1, not 0");
    }
}
