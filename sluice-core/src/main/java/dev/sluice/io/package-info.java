/**
 * The dataset SPI ({@link dev.sluice.io.Dataset}, {@link dev.sluice.io.DatasetType}, {@link
 * dev.sluice.io.DatasetSpec}) and the datasets that need nothing beyond the JDK: memory, text, bytes
 * and the {@link dev.sluice.io.SlowDataset} wrapper.
 *
 * <p>File formats extend {@link dev.sluice.io.FileDataset}, which does all I/O through a {@link
 * dev.sluice.storage.Location} so the same dataset works on every store; their catalog types read
 * {@code load_args} and {@code save_args} with {@link dev.sluice.io.DatasetArgs}.
 */
package dev.sluice.io;
