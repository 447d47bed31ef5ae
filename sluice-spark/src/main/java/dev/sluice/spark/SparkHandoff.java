package dev.sluice.spark;

import dev.sluice.io.Handoff;
import java.util.OptionalLong;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.CachedData;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The tee on Spark: a DataFrame handed on is persisted at the entry's storage level, so the consumers' jobs
 * and the background write share one computation of it; its size is the memory Spark's storage status
 * reports for its cache; it is unpersisted once every consumer (and what they computed from it) and the
 * write are done. Lazy, because a DataFrame derived from it reads it only when an action runs.
 */
final class SparkHandoff implements Handoff<org.apache.spark.sql.Dataset<Row>> {
    private static final Logger LOG = LoggerFactory.getLogger(SparkHandoff.class);

    private final StorageLevel level;

    SparkHandoff(StorageLevel level) {
        this.level = level;
    }

    StorageLevel level() {
        return level;
    }

    @Override
    public org.apache.spark.sql.Dataset<Row> prepare(org.apache.spark.sql.Dataset<Row> value) {
        return level.useMemory() || level.useDisk() || level.useOffHeap() ? value.persist(level) : value;
    }

    /**
     * Frees the cached blocks now, but leaves the cache entry registered until the run ends ({@link
     * SluiceSpark#releaseDeferred}). {@code Dataset.unpersist} would also make Spark rebuild the cache of every
     * persisted DataFrame computed from this one while their jobs still run; with adaptive query execution
     * such a write then sometimes wrote nothing (seen on Spark 4.2: a partitioned write of a joined, cached
     * DataFrame committed only {@code _SUCCESS}) or failed with {@code FileAlreadyExistsException}.
     */
    @Override
    public void release(org.apache.spark.sql.Dataset<Row> value) {
        if (!value.storageLevel().isValid()) {
            return;
        }
        cachedBuffers(value).ifPresent(buffers -> buffers.unpersist(false));
        SluiceSpark.unpersistAtRunEnd(value);
    }

    /** The RDD that holds the cached blocks of {@code value}, if it is cached. */
    private static java.util.Optional<RDD<?>> cachedBuffers(org.apache.spark.sql.Dataset<Row> value) {
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) value;
        Option<CachedData> cached =
                classic.sparkSession().sharedState().cacheManager().lookupCachedData(classic);
        if (cached.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                cached.get().cachedRepresentation().cacheBuilder().cachedColumnBuffers());
    }

    @Override
    public OptionalLong heldBytes(org.apache.spark.sql.Dataset<Row> value) {
        try {
            return OptionalLong.of(cachedMemory(value));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Cannot read the cached size of a DataFrame; the runner estimates it", e);
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean lazy() {
        return true;
    }

    /** The bytes held in memory by the cache of {@code value} (0 until a job fills it), from Spark's storage status. */
    static long cachedMemory(org.apache.spark.sql.Dataset<Row> value) {
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) value;
        Option<CachedData> cached =
                classic.sparkSession().sharedState().cacheManager().lookupCachedData(classic);
        if (cached.isEmpty()) {
            return 0;
        }
        InMemoryRelation relation = cached.get().cachedRepresentation();
        if (!relation.cacheBuilder().isCachedColumnBuffersLoaded()) {
            return 0;
        }
        RDD<?> buffers = relation.cacheBuilder().cachedColumnBuffers();
        long bytes = 0;
        for (RDDInfo info : classic.sparkSession().sparkContext().getRDDStorageInfo()) {
            if (info.id() == buffers.id()) {
                bytes += info.memSize();
            }
        }
        return bytes;
    }
}
