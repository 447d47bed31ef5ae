/**
 * End-to-end benchmarks of the runner's I/O modes ({@code sync}, {@code async}, {@code cache},
 * {@code tee}) on the Iris example and on a wide pipeline, each run reported as a ratio to its physical
 * limit computed from the DAG. Run them with {@code benchmarks/run}; {@code docs/benchmarks.md} has the
 * method and the latest tables.
 */
package dev.sluice.benchmarks;
