package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jerolba.carpet.CarpetReader;
import dev.sluice.DatasetException;
import dev.sluice.s3.LocalS3;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.parquet.io.LocalInputFile;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParquetOnS3Test {
    record Reading(String sensor, long at, double value) {}

    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    private static final List<Reading> READINGS = IntStream.range(0, 1000)
            .mapToObj(i -> new Reading("sensor-" + (i % 7), 1_700_000_000L + i, i * 0.25))
            .toList();

    @Test
    void records_roundTripThroughAnS3Uri_loadsEqualRecords() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/data/03_primary/readings.parquet");
        ParquetDataset<List<Reading>> dataset =
                ParquetDataset.records(location, Reading.class).withCompression(ParquetCompression.ZSTD);

        dataset.save(READINGS);

        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.storeKey()).isEqualTo("s3://" + bucket);
        assertThat(dataset.load()).isEqualTo(READINGS);
    }

    @Test
    void input_remoteFileAboveTheMemoryLimit_isSpooledToATemporaryFileAndRemoved() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/readings.parquet");
        ParquetDataset.records(location, Reading.class).save(READINGS);

        ParquetInput input;
        try (InputStream in = location.openRead()) {
            input = ParquetInput.copy(in, location.size(), 0);
        }
        List<Reading> read;
        try (input) {
            read = new CarpetReader<>(input.file(), Reading.class).toList();
        }

        assertThat(read).isEqualTo(READINGS);
        assertThat(input.file()).isInstanceOf(LocalInputFile.class);
        assertThat(S3.objectExists(bucket, "readings.parquet")).isTrue();
    }

    @Test
    void load_missingRemoteFile_saysToRunTheProducerFirst() {
        String bucket = S3.createBucket();
        ParquetDataset<List<Reading>> dataset =
                ParquetDataset.records(S3.locate("s3://" + bucket + "/none.parquet"), Reading.class);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No data at s3://" + bucket + "/none.parquet")
                .hasMessageContaining("Run the node that produces this dataset first");
        assertThat(dataset.exists()).isFalse();
    }

    @Test
    void dataFrames_saveFromCatalogEntryWithFsArgs_writesUnderTheKey() {
        String bucket = S3.createBucket();
        Location location = Storage.locate(
                "s3://" + bucket + "/frame.parquet",
                Path.of("."),
                S3.credentials(),
                S3.fsArgs(Map.of("part_size", "5MiB")));
        ParquetDataset<Object> dataset =
                ParquetDataset.fromCatalog("frame", location, null, ParquetCompression.SNAPPY, List.of());

        dataset.save(READINGS);

        assertThat(S3.objectExists(bucket, "frame.parquet")).isTrue();
        assertThat(((DataFrame) dataset.load()).height()).isEqualTo(READINGS.size());
    }
}
