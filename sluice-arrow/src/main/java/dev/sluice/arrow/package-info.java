/**
 * Feather files (Arrow's IPC file format, version 2) as Sluice datasets holding DFLib DataFrames: the
 * {@code feather} catalog type, Kedro's {@code pandas.FeatherDataset}, is {@link
 * dev.sluice.arrow.FeatherDatasetType}.
 *
 * <p>Sluice writes and reads the format itself on plain byte buffers, using only the FlatBuffers classes
 * of Arrow's messages ({@code arrow-format}); Arrow's Java library, whose memory module needs {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED} and uses {@code sun.misc.Unsafe}, is not used.
 */
package dev.sluice.arrow;
