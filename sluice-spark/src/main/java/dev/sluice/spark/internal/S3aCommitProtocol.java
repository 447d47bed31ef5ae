package dev.sluice.spark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.Option;

/**
 * Spark's file commit protocol ({@code spark.sql.sources.commitProtocolClass}) that commits writes to {@code
 * s3a://} paths with the committer Hadoop's committer factory gives for the path ({@code
 * fs.s3a.committer.name}: {@code magic}, {@code directory}, {@code partitioned}), instead of the output
 * format's {@link FileOutputCommitter}. Task files go to the committer's work path; for the magic committer
 * that is a {@code __magic_job-<id>/} path under the destination, which the s3a file system turns into
 * multipart uploads to the files' final names, completed only when the job commits.
 *
 * <p>Everything else is Spark's own protocol unchanged: other file systems, the {@code file} committer (Hadoop's
 * classic one), and dynamic partition overwrite, which the S3A committers cannot do. Spark serializes the
 * protocol to its tasks and creates the committer again in each of them.
 */
public class S3aCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
    private static final long serialVersionUID = 1L;

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
