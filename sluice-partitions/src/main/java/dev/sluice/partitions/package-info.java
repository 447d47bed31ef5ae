/**
 * Directories of partitions as Sluice datasets: {@code partitioned} (Kedro's {@code
 * PartitionedDataset}), loaded as a lazy map from partition id to loader and saved one partition at a
 * time, and {@code incremental} (Kedro's {@code IncrementalDataset}), which loads only the partitions
 * after a checkpoint that {@link dev.sluice.partitions.IncrementalCheckpoints} moves forward after a
 * successful run. Each partition is stored by any dataset type, on any store.
 */
package dev.sluice.partitions;
