package dev.sluice.runner;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a run.
 *
 * @param runId the run's id
 * @param nodeStates the final state of every node of the pipeline, in topological order
 * @param saveStates the final state of every persisted output written by the run
 * @param freeOutputs values of the pipeline's free outputs that are not in the catalog (Kedro returns
 *     these from {@code runner.run})
 * @param wallTime from the first node's start to the last save's commit
 * @param verifyMismatches with the verify option: persisted outputs whose reloaded value differs from
 *     the value handed on to consumers
 */
public record RunResult(
        String runId,
        Map<String, NodeState> nodeStates,
        Map<String, SaveState> saveStates,
        Map<String, Object> freeOutputs,
        Duration wallTime,
        Set<String> verifyMismatches) {}
