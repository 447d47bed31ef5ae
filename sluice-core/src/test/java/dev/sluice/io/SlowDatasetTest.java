package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowDatasetTest {
    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();
    private final SlowDataset.Sleeper recordingSleeper = duration -> events.add("sleep " + duration);

    /** A dataset that records its calls in the same list as the sleeper, to show their order. */
    private final class RecordingDataset implements Dataset<String> {
        private String value;
        private boolean released;

        @Override
        public String load() {
            events.add("load");
            return value;
        }

        @Override
        public void save(String newValue) {
            events.add("save");
            value = newValue;
        }

        @Override
        public boolean exists() {
            return value != null;
        }

        @Override
        public void release() {
            released = true;
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public String storeKey() {
            return "s3://slow-bucket";
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "recording");
        }
    }

    @Test
    void save_withSaveDelay_pausesBeforeWrappedSave() {
        RecordingDataset inner = new RecordingDataset();
        SlowDataset<String> slow = SlowDataset.wrap(inner)
                .saveDelay(Duration.ofSeconds(10))
                .sleeper(recordingSleeper)
                .build();

        slow.save("x");

        assertThat(events).containsExactly("sleep PT10S", "save");
        assertThat(inner.value).isEqualTo("x");
    }

    @Test
    void load_withLoadDelay_pausesBeforeWrappedLoad() {
        RecordingDataset inner = new RecordingDataset();
        inner.value = "stored";
        SlowDataset<String> slow = SlowDataset.wrap(inner)
                .loadDelay(Duration.ofMillis(1500))
                .saveDelay(Duration.ofSeconds(99))
                .sleeper(recordingSleeper)
                .build();

        assertThat(slow.load()).isEqualTo("stored");

        assertThat(events).containsExactly("sleep PT1.5S", "load");
    }

    @Test
    void loadAndSave_noDelays_neverSleep() {
        RecordingDataset inner = new RecordingDataset();
        SlowDataset<String> slow =
                SlowDataset.wrap(inner).sleeper(recordingSleeper).build();

        slow.save("x");
        slow.load();

        assertThat(events).containsExactly("save", "load");
    }

    @Test
    void bytesPerSecond_fileDataset_pausesForStoredSizeAfterIo() {
        BytesDataset file = BytesDataset.at(Storage.local(dir.resolve("a.bin")));
        SlowDataset<byte[]> slow = SlowDataset.wrap(file)
                .loadDelay(Duration.ofSeconds(1))
                .saveDelay(Duration.ofSeconds(2))
                .bytesPerSecond(500)
                .sleeper(recordingSleeper)
                .build();

        slow.save(new byte[1000]);
        slow.load();

        assertThat(events).containsExactly("sleep PT2S", "sleep PT2S", "sleep PT1S", "sleep PT2S");
    }

    @Test
    void bytesPerSecond_stringInMemoryDataset_usesValueLength() {
        RecordingDataset inner = new RecordingDataset();
        SlowDataset<String> slow = SlowDataset.wrap(inner)
                .bytesPerSecond(4)
                .sleeper(recordingSleeper)
                .build();

        slow.save("abcdef");

        assertThat(events).containsExactly("save", "sleep PT1.5S");
    }

    @Test
    void bytesPerSecond_valueOfUnknownSize_noTransferPause() {
        MemoryDataset<List<Integer>> inner = new MemoryDataset<>();
        SlowDataset<List<Integer>> slow = SlowDataset.wrap(inner)
                .bytesPerSecond(1)
                .sleeper(recordingSleeper)
                .build();

        slow.save(List.of(1, 2, 3));

        assertThat(events).isEmpty();
        assertThat(inner.load()).containsExactly(1, 2, 3);
    }

    @Test
    void slowDataset_forwardsPersistenceStoreKeyExistsAndRelease() {
        RecordingDataset inner = new RecordingDataset();
        SlowDataset<String> slow =
                SlowDataset.wrap(inner).sleeper(recordingSleeper).build();

        assertThat(slow.isPersistent()).isFalse();
        assertThat(slow.storeKey()).isEqualTo("s3://slow-bucket");
        assertThat(slow.exists()).isFalse();
        inner.value = "v";
        assertThat(slow.exists()).isTrue();
        slow.release();
        assertThat(inner.released).isTrue();
        assertThat(slow.wrapped()).isSameAs(inner);
    }

    @Test
    void slowDataset_fileDataset_isPersistentWithItsStoreKey() {
        SlowDataset<byte[]> slow = SlowDataset.wrap(BytesDataset.at(new InMemoryLocation("mem://b/x")))
                .build();

        assertThat(slow.isPersistent()).isTrue();
        assertThat(slow.storeKey()).isEqualTo("mem://b");
    }

    @Test
    void describe_showsSettingsAndWrappedDataset() {
        SlowDataset<String> slow = SlowDataset.wrap(new RecordingDataset())
                .loadDelay(Duration.ofMillis(250))
                .saveDelay(Duration.ofSeconds(10))
                .bytesPerSecond(1e6)
                .build();

        assertThat(slow.describe())
                .containsEntry("type", "slow")
                .containsEntry("load_delay", 0.25)
                .containsEntry("save_delay", 10.0)
                .containsEntry("bytes_per_second", 1e6)
                .containsEntry("dataset", Map.of("type", "recording"));
    }

    @Test
    void describe_noThroughput_omitsBytesPerSecond() {
        assertThat(SlowDataset.wrap(new RecordingDataset()).build().describe()).doesNotContainKey("bytes_per_second");
    }

    @Test
    void load_sleeperInterrupted_failsAndKeepsInterruptFlag() {
        RecordingDataset inner = new RecordingDataset();
        inner.value = "v";
        SlowDataset<String> slow = SlowDataset.wrap(inner)
                .loadDelay(Duration.ofSeconds(1))
                .sleeper(duration -> {
                    throw new InterruptedException();
                })
                .build();

        try {
            assertThatThrownBy(slow::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("Interrupted during the simulated load delay")
                    .hasMessageContaining("recording");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void builder_negativeDelayOrRate_refused() {
        SlowDataset.Builder<String> builder = SlowDataset.wrap(new RecordingDataset());

        assertThatThrownBy(() -> builder.loadDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("load delay");
        assertThatThrownBy(() -> builder.bytesPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
