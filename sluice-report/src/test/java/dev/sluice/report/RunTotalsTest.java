package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.manifest.RunManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTotalsTest {

    private static RunTotals totals(String json) {
        return RunTotals.of(RecordedRun.of(RunManifest.parse(json, "test manifest")));
    }

    @Test
    void of_teeRun_savesOffThePathExceptTheLastOne() {
        RunTotals totals = totals(Samples.irisTee());

        assertThat(totals.wallMs()).isEqualTo(1172);
        assertThat(totals.syncIoMs()).isEqualTo(12_000);
        assertThat(totals.waitedMs()).isEqualTo(1000);
        assertThat(totals.offPathMs()).isEqualTo(11_000);
        assertThat(totals.limitMs()).isEqualTo(1170);
        assertThat(totals.ratio()).isCloseTo(1172 / 1170.0, within(1e-9));
    }

    @Test
    void of_savesThatQueued_countWritingAsIoAndQueueApart() {
        RunTotals totals = totals(RunReportTest.fourQueuedSaves());

        // Four 10 ms saves, each loaded back by one reader: 4 × 10 × 2, not the 40 ms each spent since it was queued.
        assertThat(totals.syncIoMs()).isEqualTo(80);
        assertThat(totals.queuedMs()).isEqualTo(60);
        assertThat(totals.queuedSaves()).isEqualTo(3);
        // The readers computed while the saves queued and wrote: the run waited for none of it.
        assertThat(totals.waitedMs()).isZero();
        assertThat(totals.limitMs()).isEqualTo(150);
    }

    @Test
    void of_saveQueuedWhileNothingRuns_theRunWaitedForIt() {
        String json = ManifestBuilder.run("tail")
                .declare("make", List.of(), List.of("x"))
                .ran("make", "COMPLETED", 0, 10L)
                .compute("make", 0, 10L)
                .saved("x", "make", "COMMITTED", 40, 50L)
                .queued("x", 10)
                .finished("COMPLETED", 50)
                .json();

        RunTotals totals = totals(json);

        assertThat(totals.syncIoMs()).isEqualTo(10);
        assertThat(totals.queuedMs()).isEqualTo(30);
        assertThat(totals.waitedMs()).isEqualTo(40);
        assertThat(totals.offPathMs()).isZero();
    }

    @Test
    void of_syncRun_nothingOffThePath() {
        RunTotals totals = totals(Samples.irisSync());

        assertThat(totals.wallMs()).isEqualTo(12_172);
        assertThat(totals.syncIoMs()).isEqualTo(12_000);
        assertThat(totals.waitedMs()).isEqualTo(12_000);
        assertThat(totals.offPathMs()).isZero();
        assertThat(totals.limitMs()).isEqualTo(1170);
    }

    @Test
    void of_datasetReadByTwoNodes_countsOneLoadPerReader() {
        String json = ManifestBuilder.run("two-readers")
                .declare("make", List.of(), List.of("x"))
                .declare("left", List.of("x"), List.of("l"))
                .declare("right", List.of("x"), List.of("r"))
                .ran("make", "COMPLETED", 0, 10L)
                .compute("make", 0, 10L)
                .saved("x", "make", "COMMITTED", 10, 110L)
                .ran("left", "COMPLETED", 10, 20L)
                .compute("left", 10, 20L)
                .ran("right", "COMPLETED", 20, 30L)
                .compute("right", 20, 30L)
                .finished("COMPLETED", 110)
                .json();

        RunTotals totals = totals(json);

        assertThat(totals.syncIoMs()).isEqualTo(300);
        assertThat(totals.waitedMs()).isEqualTo(80);
        assertThat(totals.offPathMs()).isEqualTo(220);
    }

    @Test
    void of_parallelBranches_limitFollowsTheLongestChainAndItsSave() {
        // a (10 ms) feeds b (100 ms, output saved in 5 ms) and c (20 ms, output saved in 500 ms):
        // the limit is a + c + c's save = 530 ms, not a + b + its save.
        String json = ManifestBuilder.run("branches")
                .declare("a", List.of("raw"), List.of("ab"))
                .declare("b", List.of("ab"), List.of("b_out"))
                .declare("c", List.of("ab"), List.of("c_out"))
                .ran("a", "COMPLETED", 0, 10L)
                .compute("a", 0, 10L)
                .ran("b", "COMPLETED", 10, 110L)
                .compute("b", 10, 110L)
                .saved("b_out", "b", "COMMITTED", 110, 115L)
                .ran("c", "COMPLETED", 10, 30L)
                .compute("c", 10, 30L)
                .saved("c_out", "c", "COMMITTED", 30, 530L)
                .finished("COMPLETED", 600)
                .json();

        RunTotals totals = totals(json);

        assertThat(totals.limitMs()).isEqualTo(530);
        assertThat(totals.ratio()).isCloseTo(600 / 530.0, within(1e-9));
    }

    @Test
    void of_slowFreeInput_startsTheChainLate() {
        String json = ManifestBuilder.run("slow-raw")
                .declare("a", List.of("raw"), List.of("out"))
                .ran("a", "COMPLETED", 0, 310L)
                .load("a", "raw", 0, 300)
                .compute("a", 300, 310L)
                .finished("COMPLETED", 310)
                .json();

        RunTotals totals = totals(json);

        assertThat(totals.limitMs()).isEqualTo(310);
        assertThat(totals.waitedMs())
                .as("loading a free input is not intermediate I/O")
                .isZero();
    }

    @Test
    void of_memoryOutputsOnly_noIoAndNoRatioWhenNothingTookTime() {
        String json = ManifestBuilder.run("memory")
                .declare("a", List.of(), List.of("out"))
                .ran("a", "COMPLETED", 0, 0L)
                .compute("a", 0, 0L)
                .memory("out", "a")
                .finished("COMPLETED", 0)
                .json();

        RunTotals totals = totals(json);

        assertThat(totals.syncIoMs()).isZero();
        assertThat(totals.offPathMs()).isZero();
        assertThat(totals.ratio()).isNaN();
    }

    @Test
    void union_overlappingAndTouching_mergesIntoDisjointIntervals() {
        List<long[]> union =
                RunTotals.union(List.of(new long[] {5, 8}, new long[] {0, 3}, new long[] {3, 4}, new long[] {6, 10}));

        assertThat(union).containsExactly(new long[] {0, 4}, new long[] {5, 10});
        assertThat(RunTotals.length(RunTotals.intersect(union, List.of(new long[] {2, 6}))))
                .isEqualTo(3);
    }
}
