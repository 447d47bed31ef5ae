package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.benchmarks.ModeBenchmark.ModeResult;
import dev.sluice.benchmarks.ModeBenchmark.Sample;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.SlowDataset;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void saveDelays_mixedCatalog_onlyPersistedSlowOutputsHaveADelay() {
        Pipeline pipeline = Pipeline.of(Node.named("make")
                .outputs("slow_file", "slow_memory", "plain_file", "unlisted")
                .fn(() -> null));
        DataCatalog catalog = DataCatalog.builder()
                .add(
                        "slow_file",
                        SlowDataset.wrap(TextDataset.at(Storage.local(dir.resolve("a.txt"))))
                                .saveDelay(Duration.ofMillis(1500))
                                .build())
                .add(
                        "slow_memory",
                        SlowDataset.wrap(new MemoryDataset<String>())
                                .saveDelay(Duration.ofSeconds(2))
                                .build())
                .add("plain_file", TextDataset.at(Storage.local(dir.resolve("b.txt"))))
                .build();

        assertThat(ModeBenchmark.saveDelays(pipeline, catalog)).isEqualTo(Map.of("slow_file", Duration.ofMillis(1500)));
    }

    @Test
    void median_oddCount_isTheRunWithTheMiddleRatio() {
        Sample slow = sample(9, 3);
        Sample middle = sample(4, 2);
        Sample fast = sample(5, 5);

        ModeResult result = new ModeResult(IoMode.TEE, List.of(slow, fast, middle));

        assertThat(result.median()).isSameAs(middle);
        assertThat(result.median().ratio()).isEqualTo(2.0);
    }

    @Test
    void median_evenCount_isTheLowerMiddleRun() {
        ModeResult result =
                new ModeResult(IoMode.SYNC, List.of(sample(4, 1), sample(3, 1), sample(1, 1), sample(2, 1)));

        assertThat(result.median().wall()).isEqualTo(Duration.ofSeconds(2));
    }

    private static Sample sample(long wallSeconds, long limitSeconds) {
        Duration limit = Duration.ofSeconds(limitSeconds);
        return new Sample(
                Duration.ofSeconds(wallSeconds), new PhysicalLimit(limit, limit, Duration.ZERO, limit, Duration.ZERO));
    }
}
