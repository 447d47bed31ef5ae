/**
 * Self-contained HTML pages about pipelines and runs: {@link dev.sluice.report.RunReport} renders a
 * run manifest as a DAG coloured by state, a load/compute/save timeline and I/O totals;
 * {@link dev.sluice.report.PipelineView} draws a pipeline with its namespaces and tags. Both draw
 * namespaces as groups that open and close; the layout (Eclipse ELK Layered, behind {@code GraphLayout})
 * and the SVG drawing are package-private.
 */
package dev.sluice.report;
