/**
 * Sluice on Apache Spark: the run's {@link org.apache.spark.sql.SparkSession} built from {@code
 * conf/<env>/spark.yml} ({@link dev.sluice.spark.SluiceSpark}, {@link dev.sluice.spark.SparkHook}), the
 * {@code spark} and {@code delta} catalog types, and the tee on Spark: a DataFrame handed on is persisted
 * so that its consumers and its background write share one computation.
 */
package dev.sluice.spark;
