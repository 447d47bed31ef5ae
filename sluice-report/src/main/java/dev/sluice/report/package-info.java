/**
 * Self-contained HTML pages about pipelines and runs: {@link dev.sluice.report.RunReport} renders a
 * run manifest as a DAG coloured by state, a load/compute/save timeline and I/O totals;
 * {@link dev.sluice.report.PipelineView} draws a pipeline with its namespaces and tags. The layered
 * layout and the SVG drawing behind them are package-private.
 */
package dev.sluice.report;
