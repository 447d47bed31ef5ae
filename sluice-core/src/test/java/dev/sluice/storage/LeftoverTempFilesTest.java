package dev.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that {@link Location#removeLeftovers()} removes the temporary files of writers that died, and
 * keeps those of live writers (another process, or this JVM) and every file Sluice did not write.
 */
class LeftoverTempFilesTest {
    @TempDir
    Path dir;

    @TempDir
    Path logs;

    private Process child;
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
        writerThread.shutdownNow();
    }

    @Test
    void removeLeftovers_writerKilledMidWrite_removesItsTemporaryFileAndCountsItsBytes() throws Exception {
        Path target = dir.resolve("06_models/model.bin");
        startWriter(target);
        Path temp = awaitTemp(target);
        child.destroyForcibly().waitFor();
        long size = Files.size(temp);

        Leftovers removed = Storage.local(target).removeLeftovers();

        assertThat(removed).isEqualTo(new Leftovers(1, size));
        assertThat(size).isGreaterThanOrEqualTo(KilledWriter.WRITTEN_BEFORE_PAUSE);
        assertThat(temp).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void removeLeftovers_writerInAnotherProcessStillWriting_keepsItsTemporaryFile() throws Exception {
        Path target = dir.resolve("model.bin");
        startWriter(target);
        Path temp = awaitTemp(target);

        Leftovers removed = Storage.local(target).removeLeftovers();

        assertThat(removed).isEqualTo(Leftovers.NONE);
        assertThat(temp).exists();
        assertThat(child.isAlive()).isTrue();
    }

    @Test
    void removeLeftovers_writeOfThisJvmInProgress_keepsItsTemporaryFileAndTheWriteCommits() throws Exception {
        Path target = dir.resolve("report.txt");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Future<?> write = writerThread.submit(() -> {
            Storage.local(target).write(out -> {
                out.write("first half, ".getBytes());
                out.flush();
                started.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                out.write("second half".getBytes());
            });
            return null;
        });
        started.await();

        Leftovers removed = Storage.local(target).removeLeftovers();
        resume.countDown();
        write.get();

        assertThat(removed).isEqualTo(Leftovers.NONE);
        assertThat(target).hasContent("first half, second half");
        assertThat(temps(dir)).isEmpty();
    }

    @Test
    void removeLeftovers_filesSluiceDidNotWrite_areKept() throws Exception {
        Path target = dir.resolve("data/x.csv");
        Files.createDirectories(target.getParent());
        List<Path> strangers = List.of(
                target.resolveSibling(".foo.tmp"),
                target.resolveSibling(".x.csv.k3j2l1.tmp"), // the pattern of other tools (and older Sluice)
                target.resolveSibling(".sluice-x.csv.tmp"), // Sluice's prefix, not its pattern
                target.resolveSibling("x.csv.123.abc.tmp"));
        for (Path stranger : strangers) {
            Files.writeString(stranger, "someone else's");
        }
        Path otherDataset = deadTemp(target.resolveSibling("y.csv"));

        Leftovers removed = Storage.local(target).removeLeftovers();

        assertThat(removed).isEqualTo(Leftovers.NONE);
        strangers.forEach(stranger -> assertThat(stranger).exists());
        assertThat(otherDataset)
                .as("another dataset's leftover is that dataset's to clean")
                .exists();
    }

    @Test
    void removeLeftovers_directoryDataset_removesDeadTemporaryFilesAtAnyDepthBelowIt() throws Exception {
        Path versioned = dir.resolve("model.pkl");
        Path inVersion = deadTemp(versioned.resolve("2024-01-01T00.00.00.000Z/model.pkl"));
        Path inPartition = deadTemp(versioned.resolve("a/b/c.csv"));
        Storage.local(versioned.resolve("2024-01-01T00.00.00.000Z/model.pkl")).write(out -> out.write(7));

        Leftovers removed = Storage.local(versioned).removeLeftovers();

        assertThat(removed).isEqualTo(new Leftovers(2, 2 * "half-written".length()));
        assertThat(inVersion).doesNotExist();
        assertThat(inPartition).doesNotExist();
        assertThat(versioned.resolve("2024-01-01T00.00.00.000Z/model.pkl")).hasBinaryContent(new byte[] {7});
    }

    /** A temporary file of {@code target} as a writer that died left it: unlocked, its process gone. */
    static Path deadTemp(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(".sluice-" + target.getFileName() + ".99999999.k3j2l1.tmp");
        Files.writeString(temp, "half-written");
        return temp;
    }

    private void startWriter(Path target) throws IOException {
        child = KilledWriter.start(target, logs.resolve("child-stderr.txt"));
    }

    /** Waits until the child's temporary file holds the bytes it writes before pausing. */
    private Path awaitTemp(Path target) {
        return await().atMost(Duration.ofMinutes(1))
                .until(
                        () -> {
                            if (!child.isAlive()) {
                                throw new AssertionError("the writer exited early (code " + child.exitValue() + "): "
                                        + Files.readString(logs.resolve("child-stderr.txt")));
                            }
                            return Files.isDirectory(target.getParent()) ? temps(target.getParent()) : List.<Path>of();
                        },
                        LeftoverTempFilesTest::holdsTheFirstBytes)
                .get(0);
    }

    private static boolean holdsTheFirstBytes(List<Path> temps) {
        try {
            return temps.size() == 1 && Files.size(temps.get(0)) >= KilledWriter.WRITTEN_BEFORE_PAUSE;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> temps(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".sluice-"))
                    .toList();
        }
    }
}
