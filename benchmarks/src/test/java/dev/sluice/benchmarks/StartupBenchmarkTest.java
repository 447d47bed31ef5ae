package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupBenchmarkTest {
    @Test
    void medianRatio_pairsRoundByRound() {
        assertThat(StartupBenchmark.medianRatio(List.of(1.0, 2.0, 9.0), List.of(2.0, 2.0, 3.0)))
                .isEqualTo(1.0);
        assertThat(StartupBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void distribution_notBuilt_saysHowToBuildIt(@TempDir Path root) {
        assertThatThrownBy(() -> StartupBenchmark.distribution(root))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mvn package -pl sluice-dist -am");
    }
}
