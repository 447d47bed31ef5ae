package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What Spark ran during one measured stretch, for the Spark suite's diagnosis: how long at least one job
 * was running, and how much time tasks spent running on the executors. The rest of the wall time is the
 * driver alone (planning, Delta's log, commits, Sluice's own work) or waiting. Listens on the session's
 * bus; {@link #stop} drains the bus before reading. One instance per stretch.
 */
final class SparkJobs extends SparkListener {
    private static final long BUS_TIMEOUT_MILLIS = 60_000;

    private final SparkContext context;
    private final List<long[]> jobs = new ArrayList<>();
    private long taskNanos;

    private SparkJobs(SparkContext context) {
        this.context = context;
    }

    /** Starts listening to {@code context}'s jobs and tasks. */
    static SparkJobs listen(SparkContext context) {
        SparkJobs jobs = new SparkJobs(context);
        context.addSparkListener(jobs);
        return jobs;
    }

    /**
     * What the jobs did.
     *
     * @param count jobs that started
     * @param busy how long at least one job was running
     * @param taskTime the tasks' run time on the executors, added up
     */
    record Activity(int count, Duration busy, Duration taskTime) {
        static final Activity NONE = new Activity(0, Duration.ZERO, Duration.ZERO);

        Activity plus(Activity other) {
            return new Activity(count + other.count, busy.plus(other.busy), taskTime.plus(other.taskTime));
        }
    }

    /** Stops listening, once every event of the stretch has been delivered, and sums the jobs up. */
    Activity stop() {
        try {
            context.listenerBus().waitUntilEmpty(BUS_TIMEOUT_MILLIS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "Spark's listener bus did not deliver the run's events within " + BUS_TIMEOUT_MILLIS + " ms", e);
        }
        context.removeSparkListener(this);
        synchronized (this) {
            return new Activity(jobs.size(), Duration.ofMillis(union(jobs)), Duration.ofNanos(taskNanos));
        }
    }

    /** The length of the union of the intervals {@code [start, end]}; an unfinished job counts as nothing. */
    static long union(List<long[]> intervals) {
        List<long[]> sorted = intervals.stream()
                .filter(i -> i[1] >= i[0])
                .sorted(Comparator.comparingLong(i -> i[0]))
                .toList();
        long total = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] interval : sorted) {
            if (interval[0] > end) {
                total += end - start;
                start = interval[0];
                end = interval[1];
            } else {
                end = Math.max(end, interval[1]);
            }
        }
        return total + (end - start);
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobs.add(new long[] {start.time(), -1, start.jobId()});
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        for (long[] job : jobs) {
            if (job[2] == end.jobId()) {
                job[1] = end.time();
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
            taskNanos += end.taskMetrics().executorRunTime() * 1_000_000L;
        }
    }
}
