package dev.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that a process killed in the middle of a local write never leaves a partial file under the final name. */
class LocalAtomicWriteTest {
    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    void write_processKilledMidWrite_leavesNothingUnderTheFinalName() throws Exception {
        Path target = dir.resolve("06_models").resolve("model.bin");

        Path temp = killWriterMidWrite(target);

        assertThat(temp).exists();
        assertThat(target).doesNotExist();
        assertThat(Storage.local(target).exists()).isFalse();
        assertThat(Storage.local(target.getParent()).list()).isEmpty();
    }

    @Test
    void write_processKilledWhileReplacingAFile_leavesTheCompleteOldFile() throws Exception {
        Path target = dir.resolve("model.bin");
        byte[] old = new byte[2 * 1024 * 1024];
        Arrays.fill(old, (byte) 'o');
        Storage.local(target).write(out -> out.write(old));

        killWriterMidWrite(target);

        assertThat(target).hasBinaryContent(old);
        assertThat(Storage.local(dir).list()).containsExactly("model.bin");
    }

    /**
     * Starts {@link KilledWriter} in a child JVM, waits until its temporary file holds the first
     * bytes, kills the child and returns the temporary file it left behind.
     */
    private Path killWriterMidWrite(Path target) throws Exception {
        Path errors = logs.resolve("child-stderr.txt");
        Process child = KilledWriter.start(target, errors);
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                if (!child.isAlive()) {
                    throw new AssertionError(
                            "the writer exited early (code " + child.exitValue() + "): " + Files.readString(errors));
                }
                return tempFiles(target).stream().anyMatch(LocalAtomicWriteTest::holdsTheFirstBytes);
            });
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
            child.getOutputStream().close();
        }
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();
        List<Path> temps = tempFiles(target);
        assertThat(temps).hasSize(1);
        return temps.get(0);
    }

    private static boolean holdsTheFirstBytes(Path temp) {
        try {
            return Files.size(temp) >= KilledWriter.WRITTEN_BEFORE_PAUSE;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> tempFiles(Path target) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            return List.of();
        }
        String prefix = ".sluice-" + target.getFileName() + ".";
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }
}
