/**
 * Excel workbooks as Sluice datasets ({@code excel}, Kedro's {@code pandas.ExcelDataset}): sheets to
 * DFLib DataFrames and back with Apache POI, through any {@link dev.sluice.storage.Location}.
 *
 * <p>Why POI rather than a streaming-only library such as fastexcel: POI reads both {@code .xlsx}
 * and legacy {@code .xls}, evaluates nothing but keeps formulas' cached values, and knows date
 * formats; writing streams rows through POI's SXSSF. Reading uses POI's in-memory model, so a very
 * large sheet costs memory in proportion to its cells.
 */
package dev.sluice.excel;
