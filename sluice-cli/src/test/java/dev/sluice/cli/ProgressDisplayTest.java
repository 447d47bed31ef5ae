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
    void humanBytes_usesBinaryUnits() {
        assertThat(ProgressDisplay.humanBytes(512)).isEqualTo("512 B");
        assertThat(ProgressDisplay.humanBytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressDisplay.humanBytes(5L << 30)).isEqualTo("5.0 GiB");
    }
}
