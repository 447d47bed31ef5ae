package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTimingsTest {
    @TempDir
    Path dir;

    @Test
    void syncRun_fileInputAndOutputs_recordsComputeFreeInputSavesAndLoads() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "hello");
        Pipeline pipeline = Pipeline.of(
                Node.named("upper").inputs("in").outputs("up").fn((String s) -> s.toUpperCase()),
                Node.named("twice").inputs("up").outputs("out").fn((String s) -> s + s));
        DataCatalog catalog = DataCatalog.builder()
                .add("in", TextDataset.at(Storage.local(dir.resolve("in.txt"))))
                .add("up", TextDataset.at(Storage.local(dir.resolve("up.txt"))))
                .add("out", TextDataset.at(Storage.local(dir.resolve("out.txt"))))
                .build();
        RunTimings timings = new RunTimings(pipeline.inputs());

        Runner.builder().io(IoMode.SYNC).hook(timings).build().run(pipeline, catalog);

        assertThat(timings.compute()).containsOnlyKeys("upper", "twice");
        assertThat(timings.freeInputLoads()).containsOnlyKeys("in");
        assertThat(timings.saves()).containsOnlyKeys("up", "out");
        assertThat(timings.saveTotal())
                .isEqualTo(timings.saves().get("up").plus(timings.saves().get("out")));
        // Two loads: 'in' by upper, 'up' by twice; together they take at least the free input's load.
        assertThat(timings.loadTotal()).isGreaterThan(timings.freeInputLoads().get("in"));
    }
}
