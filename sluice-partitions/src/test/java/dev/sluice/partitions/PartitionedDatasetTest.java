package dev.sluice.partitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedDatasetTest {
    @TempDir
    Path dir;

    private final List<String> loads = new CopyOnWriteArrayList<>();

    /** Text partitions that record each load. */
    private Function<Location, Dataset<String>> text() {
        return location -> {
            TextDataset inner = TextDataset.at(location, StandardCharsets.UTF_8);
            return new Dataset<>() {
                @Override
                public String load() {
                    loads.add(location.uri().getPath());
                    return inner.load();
                }

                @Override
                public void save(String value) {
                    inner.save(value);
                }

                @Override
                public boolean exists() {
                    return inner.exists();
                }

                @Override
                public Map<String, Object> describe() {
                    return inner.describe();
                }
            };
        };
    }

    private PartitionedDataset<String> partitions() {
        return PartitionedDataset.of(Storage.local(dir.resolve("parts")), text())
                .withFilenameSuffix(".txt");
    }

    @Test
    void save_suppliers_producesAndCommitsEachBeforeTheNext() {
        Path parts = dir.resolve("parts");
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        values.put("2024/01", () -> "january");
        values.put("2024/02", () -> {
            // The previous partition is already written when this one is produced.
            assertThat(parts.resolve("2024/01.txt")).hasContent("january");
            return "february";
        });

        partitions().save(values);

        assertThat(parts.resolve("2024/01.txt")).hasContent("january");
        assertThat(parts.resolve("2024/02.txt")).hasContent("february");
    }

    @Test
    void load_returnsASortedLazyMapThatReadsOnlyWhatIsAsked() throws Exception {
        Path parts = Files.createDirectories(dir.resolve("parts/nested"));
        Files.writeString(parts.resolve("b.txt"), "B");
        Files.writeString(dir.resolve("parts/a.txt"), "A");
        Files.writeString(dir.resolve("parts/notes.md"), "not a partition");
        Files.writeString(dir.resolve("parts/.a.txt.123.tmp"), "an unfinished write");

        Map<String, Supplier<String>> loaded = partitions().load();

        assertThat(loaded.keySet()).containsExactly("a", "nested/b");
        assertThat(loads).isEmpty();
        assertThat(loaded.get("nested/b").get()).isEqualTo("B");
        assertThat(loads).singleElement().asString().endsWith("nested/b.txt");
    }

    @Test
    void withMaxDepth_one_looksOnlyDirectlyInside() throws Exception {
        Files.createDirectories(dir.resolve("parts/deeper"));
        Files.writeString(dir.resolve("parts/top.txt"), "top");
        Files.writeString(dir.resolve("parts/deeper/low.txt"), "low");

        assertThat(partitions().withMaxDepth(1).load().keySet()).containsExactly("top");
    }

    @Test
    void load_noPartitions_saysToRunTheProducer() {
        assertThat(partitions().exists()).isFalse();
        assertThatThrownBy(() -> partitions().load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No partitions under")
                .hasMessageContaining("ending in '.txt'");
    }

    @Test
    void save_supplierFails_keepsThePartitionsWrittenBefore() {
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        values.put("first", () -> "1");
        values.put("second", () -> {
            throw new IllegalStateException("upstream broke");
        });
        values.put("third", () -> "3");

        assertThatThrownBy(() -> partitions().save(values))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("partition 'second'")
                .hasMessageContaining("upstream broke");
        assertThat(dir.resolve("parts/first.txt")).exists();
        assertThat(dir.resolve("parts/third.txt")).doesNotExist();
    }

    @Test
    void save_idLeavingTheDirectory_isRefused() {
        assertThatThrownBy(() -> partitions().save(Map.of("../escape", () -> "x")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'../escape'");
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void tee_handsTheMapToConsumersBeforeTheSaveHasProducedEveryPartition() {
        CountDownLatch consumed = new CountDownLatch(1);
        AtomicInteger secondCalls = new AtomicInteger();
        AtomicReference<Object> produced = new AtomicReference<>();
        AtomicReference<Object> received = new AtomicReference<>();
        Node produce = Node.named("produce").outputs("parts").fn(() -> {
            Map<String, Supplier<String>> values = new LinkedHashMap<>();
            values.put("first", () -> "1");
            values.put("second", () -> {
                secondCalls.incrementAndGet();
                try {
                    // The background save produces this partition only after the consumer has run.
                    if (!consumed.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the consumer never got the map while it was being saved");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return "2";
            });
            produced.set(values);
            return values;
        });
        Node consume = Node.named("consume")
                .inputs("parts")
                .outputs("count")
                .fn((Map<String, Supplier<String>> map) -> {
                    received.set(map);
                    consumed.countDown();
                    return map.size();
                });
        DataCatalog catalog = DataCatalog.builder().add("parts", partitions()).build();

        Runner.builder().io(IoMode.TEE).build().run(Pipeline.of(produce, consume), catalog);

        assertThat(received.get()).isSameAs(produced.get());
        assertThat(secondCalls).hasValue(1);
        assertThat(dir.resolve("parts/first.txt")).hasContent("1");
        assertThat(dir.resolve("parts/second.txt")).hasContent("2");
    }
}
