package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreThroughputTest {
    @TempDir
    Path dir;

    @Test
    void rates_givenTimes_bestAndMedianInBytesPerSecond() {
        StoreThroughput throughput = new StoreThroughput(100, seconds(1, 4, 2), 5, seconds(5, 1), seconds(2, 1, 4));

        assertThat(throughput.bestSerialWrite()).isEqualTo(100.0);
        assertThat(throughput.medianSerialWrite()).isEqualTo(50.0);
        assertThat(throughput.bestConcurrentWrite()).isEqualTo(500.0);
        assertThat(throughput.medianConcurrentWrite()).isEqualTo(500.0);
        assertThat(throughput.bestRead()).isEqualTo(100.0);
        assertThat(throughput.medianRead()).isEqualTo(50.0);
        assertThat(throughput.bestWrite()).isEqualTo(500.0);
        assertThat(throughput.medianWrite()).isEqualTo(500.0);
    }

    @Test
    void bestWrite_oneWriterFasterThanSeveral_isTheOneWritersRate() {
        StoreThroughput throughput = new StoreThroughput(100, seconds(1), 5, seconds(10), seconds(1));

        assertThat(throughput.bestWrite()).isEqualTo(100.0);
    }

    @Test
    void plus_twoMeasurements_poolsTheirSamples() {
        StoreThroughput first = new StoreThroughput(100, seconds(2), 5, seconds(10), seconds(4));
        StoreThroughput second = new StoreThroughput(100, seconds(1), 5, seconds(20), seconds(2));

        StoreThroughput both = first.plus(second);

        assertThat(both.samples()).isEqualTo(2);
        assertThat(both.bestSerialWrite()).isEqualTo(100.0);
        assertThat(both.bestConcurrentWrite()).isEqualTo(50.0);
        assertThat(both.bestRead()).isEqualTo(50.0);
    }

    @Test
    void plus_otherObjectSize_fails() {
        StoreThroughput first = new StoreThroughput(100, seconds(1), 5, seconds(1), seconds(1));
        StoreThroughput other = new StoreThroughput(200, seconds(1), 5, seconds(1), seconds(1));

        assertThatThrownBy(() -> first.plus(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measure_localFiles_timesEveryTransferAndLeavesOnlyTheGivenFiles() {
        List<Location> locations = List.of(Storage.local(dir.resolve("a.bin")), Storage.local(dir.resolve("b.bin")));
        byte[] data = StorageNodes.generate(64 * 1024);

        StoreThroughput throughput = StoreThroughput.measure(locations, data, 3, true);

        assertThat(throughput.bytes()).isEqualTo(data.length);
        assertThat(throughput.streams()).isEqualTo(2);
        assertThat(throughput.serialWrites()).hasSize(3);
        assertThat(throughput.concurrentWrites()).hasSize(3);
        assertThat(throughput.reads()).hasSize(3);
        assertThat(dir.resolve("a.bin")).hasBinaryContent(data);
        assertThat(dir.resolve("b.bin")).hasBinaryContent(data);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("a.bin", "b.bin");
    }

    private static List<Duration> seconds(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }
}
