/**
 * Runners: {@link dev.sluice.runner.Runner} schedules nodes sequentially or in parallel, and an
 * {@link dev.sluice.runner.IoMode} decides how data moves (sync, async, cache or the tee).
 */
package dev.sluice.runner;
