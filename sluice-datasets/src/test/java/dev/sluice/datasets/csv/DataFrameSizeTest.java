package dev.sluice.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tee's save queue counts a DataFrame saved to a {@code csv} entry at the heap it takes: the size it
 * announces ({@link Hook#onSaveQueued}) against the heap that copies of the same frame measurably fill.
 */
class DataFrameSizeTest {
    private static final int ROWS = 10_000;
    private static final int COPIES = 120;

    @TempDir
    Path dir;

    private static DataFrame frame(int seed) {
        int[] ids = new int[ROWS];
        double[] prices = new double[ROWS];
        boolean[] flags = new boolean[ROWS];
        String[] names = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = i;
            prices[i] = seed + i * 0.25;
            flags[i] = i % 3 == 0;
            names[i] = "item-" + (1000 + seed) + "-" + i;
        }
        return DataFrame.byColumn("id", "price", "flag", "name")
                .of(Series.ofInt(ids), Series.ofDouble(prices), Series.ofBool(flags), Series.of(names));
    }

    @Test
    void tee_dataFrameSavedAsCsv_queuedAtTheHeapItTakes() {
        Map<String, Long> queued = new ConcurrentHashMap<>();
        Hook hook = new Hook() {
            @Override
            public void onSaveQueued(RunInfo run, String dataset, long estimatedBytes) {
                queued.put(dataset, estimatedBytes);
            }
        };
        Pipeline pipeline = Pipeline.of(Node.named("make").outputs("frame").fn(() -> frame(0)));
        DataCatalog catalog = DataCatalog.of(Map.of("frame", CsvDataset.at(Storage.local(dir.resolve("frame.csv")))));

        Runner.builder().io(IoMode.TEE).hook(hook).build().run(pipeline, catalog);

        double measured = measuredHeapPerFrame();
        assertThat((double) queued.get("frame"))
                .as("queued size of a %d-row frame; %.0f bytes measured on the heap", ROWS, measured)
                .isCloseTo(measured, within(measured * 0.10));
    }

    private static double measuredHeapPerFrame() {
        DataFrame[] keep = new DataFrame[COPIES];
        long before = usedHeap();
        for (int i = 0; i < COPIES; i++) {
            keep[i] = frame(i + 1);
        }
        long after = usedHeap();
        Reference.reachabilityFence(keep);
        return (double) (after - before) / COPIES;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
