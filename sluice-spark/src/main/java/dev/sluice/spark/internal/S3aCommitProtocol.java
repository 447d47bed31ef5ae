package dev.sluice.spark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Spark's file commit protocol ({@code spark.sql.sources.commitProtocolClass}) that commits writes to {@code
 * s3a://} paths with the committer Hadoop's committer factory gives for the path ({@code
 * fs.s3a.committer.name}: {@code magic}, {@code directory}, {@code partitioned}), instead of the output
 * format's {@link FileOutputCommitter}. Task files go to the committer's work path; for the magic committer
 * that is a {@code __magic_job-<id>/} path under the destination, which the s3a file system turns into
 * multipart uploads to the files' final names, completed only when the job commits.
 *
 * <p>A failed job is aborted only once its tasks have ended. Spark fails a job as soon as one task fails, while
 * the others may still run; one that commits after the abort would leave its pending uploads and their
 * {@code .pendingset} under the destination. The save's jobs carry the tag {@link #SAVE_TAG_PREFIX}{@code <id>},
 * which Sluice sets on the saving thread.
 *
 * <p>Everything else is Spark's own protocol unchanged: other file systems, the {@code file} committer (Hadoop's
 * classic one), and dynamic partition overwrite, which the S3A committers cannot do. Spark serializes the
 * protocol to its tasks and creates the committer again in each of them.
 */
public class S3aCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(S3aCommitProtocol.class);

    /** The start of the job tag that marks the Spark jobs of one Sluice save. */
    public static final String SAVE_TAG_PREFIX = "sluice-save-";

    private static final long TASKS_END_TIMEOUT_MILLIS = 60_000;

    private final String destination;
    private final boolean dynamicPartitionOverwrite;
    /** The S3A committer of this job or task; null when Spark's own committer commits. */
    private transient PathOutputCommitter committer;

    /** Called by Spark, with the arguments every commit protocol takes. */
    public S3aCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
        super(jobId, path, dynamicPartitionOverwrite);
        this.destination = path;
        this.dynamicPartitionOverwrite = dynamicPartitionOverwrite;
    }

    @Override
    public OutputCommitter setupCommitter(TaskAttemptContext context) {
        committer = null;
        Path path = destination == null ? null : new Path(destination);
        if (path != null && "s3a".equals(path.toUri().getScheme()) && !dynamicPartitionOverwrite) {
            PathOutputCommitter chosen;
            try {
                chosen = PathOutputCommitterFactory.createCommitter(path, context);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the committer of " + path + ": " + e.getMessage(), e);
            }
            if (!(chosen instanceof FileOutputCommitter)) {
                committer = chosen;
                return chosen;
            }
        }
        return super.setupCommitter(context);
    }

    /** Aborts the S3A committer's job once the failed save's tasks have ended, so that none commits after. */
    @Override
    public void abortJob(JobContext context) {
        if (committer != null) {
            awaitTasksOfThisSave();
        }
        super.abortJob(context);
    }

    /** Waits until no task of the calling thread's save (its jobs tagged {@link #SAVE_TAG_PREFIX}) is running. */
    private static void awaitTasksOfThisSave() {
        SparkContext spark = SparkContext.getOrCreate();
        String tag = null;
        for (String each : scala.jdk.javaapi.CollectionConverters.asJava(spark.getJobTags())) {
            if (each.startsWith(SAVE_TAG_PREFIX)) {
                tag = each;
            }
        }
        if (tag == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TASKS_END_TIMEOUT_MILLIS);
        try {
            // The status tracker learns of jobs and tasks from the listener bus: let it catch up first.
            spark.listenerBus().waitUntilEmpty(TASKS_END_TIMEOUT_MILLIS);
            while (tasksRunning(spark.statusTracker(), tag)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn(
                            "Tasks of a failed save still ran after {} s; aborting its commit anyway",
                            TASKS_END_TIMEOUT_MILLIS / 1000);
                    return;
                }
                Thread.sleep(20);
            }
        } catch (TimeoutException e) {
            LOG.warn(
                    "Spark's listener bus did not catch up in {} s; aborting the commit",
                    TASKS_END_TIMEOUT_MILLIS / 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean tasksRunning(SparkStatusTracker tracker, String tag) {
        for (int jobId : tracker.getJobIdsForTag(tag)) {
            Option<SparkJobInfo> job = tracker.getJobInfo(jobId);
            if (job.isEmpty()) {
                continue;
            }
            if (job.get().status() == JobExecutionStatus.RUNNING) {
                return true;
            }
            for (int stageId : job.get().stageIds()) {
                Option<SparkStageInfo> stage = tracker.getStageInfo(stageId);
                if (stage.isDefined() && stage.get().numActiveTasks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A task's file under the S3A committer's work path, or where Spark's own protocol puts it. */
    @Override
    public String newTaskTempFile(TaskAttemptContext context, Option<String> dir, FileNameSpec spec) {
        if (committer == null) {
            return super.newTaskTempFile(context, dir, spec);
        }
        Path work;
        try {
            work = committer.getWorkPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find the work path of " + committer + ": " + e.getMessage(), e);
        }
        Path parent = dir.isDefined() ? new Path(work, dir.get()) : work;
        return new Path(parent, getFilename(context, spec)).toString();
    }

    /**
     * Spark asks for a file outside the destination only for partitions with their own locations (tables in a
     * catalog), which the S3A committers cannot place.
     */
    @Override
    public String newTaskTempFileAbsPath(TaskAttemptContext context, String absoluteDir, FileNameSpec spec) {
        if (committer != null) {
            throw new UnsupportedOperationException(
                    "Hadoop's " + committer.getClass().getSimpleName() + " for "
                            + destination + " writes only under that path, not to " + absoluteDir
                            + "; set spark.hadoop.fs.s3a.committer.name: file in spark.yml for such writes");
        }
        return super.newTaskTempFileAbsPath(context, absoluteDir, spec);
    }
}
