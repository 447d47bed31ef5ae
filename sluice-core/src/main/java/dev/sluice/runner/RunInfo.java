package dev.sluice.runner;

import java.time.Instant;

/**
 * What hooks learn about the run they observe.
 *
 * @param runId unique id of the run
 * @param options the runner's options
 * @param started when the run started
 */
public record RunInfo(String runId, RunOptions options, Instant started) {}
