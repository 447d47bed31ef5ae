package dev.sluice.spark;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.commit.files.PendingSet;
import org.apache.hadoop.fs.s3a.commit.magic.MagicS3GuardCommitter;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory;

/**
 * Hadoop's magic committer with a task that commits late: task 0, once Spark let it commit and it listed its
 * pending uploads, waits until the job's abort has finished (at most {@link #PATIENCE_SECONDS}, and through
 * Spark's interrupt) before it writes their {@code .pendingset}. Meanwhile {@link
 * #failOnceTaskZeroCommits} fails the job from another task. A protocol that aborts while task 0 still runs
 * lets it commit after the abort cleaned up; one that waits for it aborts its commit too.
 */
public final class LateCommitFactory extends PathOutputCommitterFactory {
    /** Hadoop's setting that picks the committer factory for {@code s3a://} paths. */
    static final String SETTING = "mapreduce.outputcommitter.factory.scheme.s3a";

    static final long PATIENCE_SECONDS = 5;

    private static volatile CountDownLatch taskZeroCommitting = new CountDownLatch(1);
    private static volatile CountDownLatch abortDone = new CountDownLatch(1);

    static void reset() {
        taskZeroCommitting = new CountDownLatch(1);
        abortDone = new CountDownLatch(1);
    }

    /** A UDF's body: fails on id 4 once task 0 is committing, so the job fails while it commits. */
    static long failOnceTaskZeroCommits(long id) throws InterruptedException {
        if (id == 4) {
            if (!taskZeroCommitting.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("task 0 never came to commit");
            }
            throw new IllegalStateException("row 4 is bad");
        }
        return id;
    }

    /** Waits for the abort to finish, at most {@link #PATIENCE_SECONDS}; returns whether it was interrupted. */
    private static boolean awaitAbortUninterruptibly() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (true) {
            try {
                abortDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    @Override
    public PathOutputCommitter createOutputCommitter(Path outputPath, TaskAttemptContext context) throws IOException {
        return new MagicS3GuardCommitter(outputPath, context) {
            /** Whether Spark interrupted task 0 while it waited; it is interrupted again once it committed. */
            private final ThreadLocal<Boolean> interrupted = ThreadLocal.withInitial(() -> false);

            @Override
            public void commitTask(TaskAttemptContext task) throws IOException {
                try {
                    super.commitTask(task);
                } finally {
                    if (interrupted.get()) {
                        interrupted.remove();
                        Thread.currentThread().interrupt();
                    }
                }
            }

            /**
             * Task 0 has listed its pending uploads and is about to write their {@code .pendingset}: it waits
             * here for the abort. Spark interrupts the job's other tasks when one fails; a commit whose writes
             * are already on their way finishes anyway, which this one stands for by not giving in to it.
             */
            @Override
            protected PendingSet loadPendingCommits(TaskAttemptContext task) throws IOException {
                PendingSet pending = super.loadPendingCommits(task);
                if (task.getTaskAttemptID().getTaskID().getId() == 0) {
                    taskZeroCommitting.countDown();
                    interrupted.set(awaitAbortUninterruptibly());
                }
                return pending;
            }

            @Override
            public void abortJob(JobContext job, JobStatus.State state) throws IOException {
                try {
                    super.abortJob(job, state);
                } finally {
                    abortDone.countDown();
                }
            }
        };
    }
}
