/**
 * The dataset SPI ({@link dev.sluice.io.Dataset}, {@link dev.sluice.io.DatasetType}) and the datasets
 * that need nothing beyond the JDK: memory, text, bytes and the {@link dev.sluice.io.SlowDataset}
 * wrapper.
 */
package dev.sluice.io;
