/**
 * Parquet files as Sluice datasets: lists of Java records or DFLib DataFrames, read and written with
 * Carpet through any {@link dev.sluice.storage.Location} (local files, S3). The {@code parquet}
 * catalog type is {@link dev.sluice.parquet.ParquetDatasetType}.
 *
 * <p>Parquet's Java library needs Hadoop classes at run time even through Carpet: its codecs build
 * Hadoop's {@code Configuration} (which parses XML with Woodstox) and its reader uses
 * {@code hadoop-mapreduce-client-core}. This module keeps the trimmed set of jars that Carpet
 * declares. No Hadoop installation, native library or {@code HADOOP_HOME} is needed; Hadoop logs one
 * warning about its native library, which is harmless.
 */
package dev.sluice.parquet;
