package dev.sluice.spark;

import dev.sluice.spark.internal.S3aCommitProtocol;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits Spark's saves to {@code s3a://} paths with Hadoop's magic committer: each task's files are multipart
 * uploads to their final names, completed when the job commits, so nothing is copied. The session's commit
 * protocol becomes {@link S3aCommitProtocol} (which leaves other file systems to Spark's own), unless {@code
 * spark.yml} names another; the committer is {@code magic} unless the Hadoop configuration names one ({@code
 * spark.hadoop.fs.s3a.committer.name} in {@code spark.yml}, or a cluster's {@code core-site.xml}), and {@code
 * file} there keeps Spark's own commit with copies.
 */
final class S3aCommitters {
    private static final Logger LOG = LoggerFactory.getLogger(S3aCommitters.class);
    static final String PROTOCOL = "spark.sql.sources.commitProtocolClass";
    static final String COMMITTER = "fs.s3a.committer.name";
    /** Where Hadoop's own default of {@link #COMMITTER} comes from. */
    private static final String HADOOP_DEFAULTS = "core-default.xml";

    private S3aCommitters() {}

    /**
     * Makes {@link S3aCommitProtocol} the session's commit protocol if Spark's default is still set, and returns
     * the write options that choose the magic committer for a save: none when the configuration names one.
     */
    static Map<String, String> prepare(SparkSession spark, Configuration hadoop) {
        RuntimeConfig conf = spark.conf();
        synchronized (S3aCommitters.class) {
            if (SQLHadoopMapReduceCommitProtocol.class.getName().equals(conf.get(PROTOCOL))) {
                conf.set(PROTOCOL, S3aCommitProtocol.class.getName());
                LOG.info("Spark's saves to s3a:// paths commit through Hadoop's S3A committers ({})", PROTOCOL);
            }
        }
        String[] sources = hadoop.getPropertySources(COMMITTER);
        boolean chosen = sources != null && Arrays.stream(sources).anyMatch(source -> !source.equals(HADOOP_DEFAULTS));
        return chosen ? Map.of() : Map.of(COMMITTER, "magic");
    }
}
