/**
 * Charts as images: {@link dev.sluice.charts.ChartDataset} and the {@code chart} catalog type (Kedro's
 * {@code matplotlib.MatplotlibWriter}), JFreeChart charts written as PNG or SVG.
 */
package dev.sluice.charts;
