/**
 * End-to-end benchmarks of the runner's I/O modes ({@code sync}, {@code async}, {@code cache},
 * {@code tee}), each run reported as a ratio to its limit: on the Iris example and a wide pipeline
 * behind an artificial delay, the limit computed from the DAG; on large intermediates stored on local disk
 * and on an in-process S3 server, the limit set by the store's measured write throughput. Run them with
 * {@code benchmarks/run}; {@code docs/benchmarks.md} has the method and the latest tables.
 */
package dev.sluice.benchmarks;
