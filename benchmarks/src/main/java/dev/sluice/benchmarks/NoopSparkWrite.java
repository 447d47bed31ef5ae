package dev.sluice.benchmarks;

import dev.sluice.io.Dataset;
import dev.sluice.io.Handoff;
import dev.sluice.spark.SluiceSpark;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;

/**
 * A Spark entry whose save runs the DataFrame's whole plan through Spark's {@code noop} sink and writes
 * nothing: the compute-only run of the Spark suite. It keeps the real entry's hand-off, so under the tee
 * the DataFrame is persisted and shared by the consumers and this job exactly as in a run that writes, and
 * runs in the same scheduler pool as a real background write.
 */
final class NoopSparkWrite implements Dataset<org.apache.spark.sql.Dataset<Row>> {
    private static final String POOL_PROPERTY = "spark.scheduler.pool";

    private final Dataset<org.apache.spark.sql.Dataset<Row>> entry;

    NoopSparkWrite(Dataset<org.apache.spark.sql.Dataset<Row>> entry) {
        this.entry = entry;
    }

    /** {@code dataset} as a no-op write, if it holds Spark DataFrames; any other dataset as it is. */
    @SuppressWarnings("unchecked")
    static Dataset<?> replacing(Dataset<?> dataset) {
        return dataset.valueType() == org.apache.spark.sql.Dataset.class
                ? new NoopSparkWrite((Dataset<org.apache.spark.sql.Dataset<Row>>) dataset)
                : dataset;
    }

    @Override
    public org.apache.spark.sql.Dataset<Row> load() {
        return entry.load();
    }

    @Override
    public void save(org.apache.spark.sql.Dataset<Row> value) {
        SparkContext context = value.sparkSession().sparkContext();
        String pool = context.getLocalProperty(POOL_PROPERTY);
        context.setLocalProperty(POOL_PROPERTY, SluiceSpark.SAVE_POOL);
        try {
            value.write().format("noop").mode("overwrite").save();
        } finally {
            context.setLocalProperty(POOL_PROPERTY, pool);
        }
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public String storeKey() {
        return entry.storeKey();
    }

    @Override
    public Class<?> valueType() {
        return entry.valueType();
    }

    @Override
    public Handoff<org.apache.spark.sql.Dataset<Row>> handoff() {
        return entry.handoff();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>(entry.describe());
        description.put("type", "noop (benchmark: computes, writes nothing)");
        return description;
    }
}
