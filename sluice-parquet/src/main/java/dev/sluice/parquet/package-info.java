/**
 * Parquet files as Sluice datasets: lists of Java records or DFLib DataFrames, read and written with
 * Carpet through any {@link dev.sluice.storage.Location} (local files, S3). The {@code parquet}
 * catalog type is {@link dev.sluice.parquet.ParquetDatasetType}.
 *
 * <p>Parquet's Java library needs Hadoop's {@code hadoop-common} classes at run time (its codecs and
 * reader use Hadoop's {@code Configuration}); this module brings the trimmed set that Carpet
 * declares. No Hadoop installation, native library or {@code HADOOP_HOME} is needed.
 */
package dev.sluice.parquet;
