package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runner.SaveState;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    @Test
    void savesText_countsPendingSavesAndTheirBytesUntilTheyCommit() {
        try (ProgressDisplay display = ProgressDisplay.create(3)) {
            display.onSaveStateChanged(null, "a", SaveState.PENDING);
            display.onSaveQueued(null, "a", 3 * 1024 * 1024);
            display.onSaveStateChanged(null, "b", SaveState.PENDING);
            display.onSaveQueued(null, "b", 1024 * 1024);
            display.onSaveStateChanged(null, "b", SaveState.WRITING);

            assertThat(display.savesText()).isEqualTo("2 save(s) pending (4.0 MiB in flight)");

            display.onSaveStateChanged(null, "a", SaveState.COMMITTED);
            display.onSaveStateChanged(null, "b", SaveState.FAILED);

            assertThat(display.savesText()).isEqualTo("0 save(s) pending");
        }
    }

    @Test
    void savesText_bytesInFlight_formattedLikeTheReport() {
        try (ProgressDisplay display = ProgressDisplay.create(1)) {
            display.onSaveStateChanged(null, "a", SaveState.PENDING);
            display.onSaveQueued(null, "a", 12L << 20);

            assertThat(display.savesText()).isEqualTo("1 save(s) pending (12 MiB in flight)");
        }
    }

    @Test
    void savesText_storeConcurrencyChanged_showsEachStoresLatestLimit() {
        try (ProgressDisplay display = ProgressDisplay.create(1)) {
            display.onSaveStateChanged(null, "a", SaveState.PENDING);
            display.onStoreConcurrencyChanged(null, "s3://bucket", 32);
            display.onStoreConcurrencyChanged(null, "file", 32);
            display.onStoreConcurrencyChanged(null, "s3://bucket", 16);

            assertThat(display.savesText())
                    .isEqualTo("1 save(s) pending; concurrent saves per store: file=32 s3://bucket=16");
        }
    }
}
