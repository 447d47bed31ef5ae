package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkJobsTest {
    @Test
    void union_overlappingNestedAndSeparateJobs_countsEachInstantOnce() {
        List<long[]> jobs =
                List.of(new long[] {0, 10, 1}, new long[] {5, 15, 2}, new long[] {6, 7, 3}, new long[] {20, 25, 4});

        assertThat(SparkJobs.union(jobs)).isEqualTo(20);
    }

    @Test
    void union_unfinishedJobOrNone_countsNothing() {
        assertThat(SparkJobs.union(List.of(new long[] {3, -1, 1}))).isZero();
        assertThat(SparkJobs.union(List.of())).isZero();
    }
}
