package dev.sluice.runner;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.hook.Hooks;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Pipeline} against a {@link DataCatalog}: schedules nodes (one at a time, or on a
 * worker pool) and moves data between the catalog and the nodes as its {@link IoMode} says.
 *
 * <pre>{@code
 * RunResult result = Runner.builder().parallel(4).io(IoMode.TEE).build().run(pipeline, catalog);
 * }</pre>
 *
 * <p>Before the first node starts, a run checks that every free input is in the catalog, and that the
 * types node functions declare fit what datasets load and save and what other nodes return (see {@link
 * dev.sluice.pipeline.Node#inputTypes()} and {@link dev.sluice.io.Dataset#valueType()}). A run returns
 * only when every node finished and every save committed or failed; on failure it throws
 * {@link RunFailedException}. Runners are immutable and may run several pipelines, one after another
 * or concurrently.
 */
public interface Runner {
    /**
     * Runs {@code pipeline}. Names the catalog does not resolve become memory datasets.
     *
     * @throws RunFailedException when a node or a save failed (the cause is the first failure)
     * @throws dev.sluice.SluiceException when the run cannot start (missing free inputs, types that do not
     *     fit); no node ran
     */
    default RunResult run(Pipeline pipeline, DataCatalog catalog) {
        return run(pipeline, catalog, UUID.randomUUID().toString());
    }

    /** Runs {@code pipeline} under the given run id. */
    default RunResult run(Pipeline pipeline, DataCatalog catalog, String runId) {
        return run(pipeline, catalog, runId, RunCancellation.create());
    }

    /**
     * Runs {@code pipeline} under the given run id, stopping early when {@code cancellation} is requested:
     * no new node starts, running nodes and queued saves are waited for (within its grace period), and the
     * run throws {@link RunInterruptedException}, unless by then every node completed and every save
     * committed.
     *
     * @throws RunInterruptedException when the run was stopped before it completed
     */
    RunResult run(Pipeline pipeline, DataCatalog catalog, String runId, RunCancellation cancellation);

    /** This runner's settings. */
    RunOptions options();

    /** A sequential runner with the default ({@code tee}) I/O mode. */
    static Runner sequential() {
        return builder().build();
    }

    /** A parallel runner with {@code workers} threads and the default ({@code tee}) I/O mode. */
    static Runner parallel(int workers) {
        return builder().parallel(workers).build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects a runner's settings; every setting has a default. */
    final class Builder {
        private boolean parallel;
        private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        private IoMode io = IoMode.TEE;
        private int maxPendingSaves = 64;
        private long maxPendingBytes = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
        private int storeConcurrency = 64;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private int prefetch = 4;
        private boolean verify;
        private boolean checkMutation;
        private final List<Hook> hooks = new ArrayList<>();
        private Executor nodeExecutor;
        private Executor ioExecutor;
        private Map<String, Duration> expectedNodeTimes = Map.of();
        private LongSupplier clock = System::nanoTime;
        private Retries.Sleeper sleeper = Retries.THREAD_SLEEP;

        private Builder() {}

        /** Run one node at a time on the calling thread (the default). */
        public Builder sequential() {
            this.parallel = false;
            return this;
        }

        /** Run ready nodes on a pool of one thread per core (at least two). */
        public Builder parallel() {
            this.parallel = true;
            return this;
        }

        /** Run ready nodes on a pool of {@code workers} threads. */
        public Builder parallel(int workers) {
            if (workers < 1) {
                throw new ConfigurationException("--workers must be at least 1, not " + workers + ".");
            }
            this.parallel = true;
            this.workers = workers;
            return this;
        }

        public Builder io(IoMode io) {
            this.io = io;
            return this;
        }

        /** The most background saves, queued or writing, before a producing node waits (default 64). */
        public Builder maxPendingSaves(int max) {
            if (max < 1) {
                throw new ConfigurationException("--max-pending-saves must be at least 1, not " + max + ".");
            }
            this.maxPendingSaves = max;
            return this;
        }

        public Builder maxPendingBytes(long max) {
            if (max < 1) {
                throw new ConfigurationException("--max-pending-bytes must be positive, not " + max + ".");
            }
            this.maxPendingBytes = max;
            return this;
        }

        /**
         * The most saves that may write to one store at once (default 64). Below this ceiling the runner
         * finds each store's own number while the run goes: it grows while the store keeps up and
         * shrinks when saves fail or slow down.
         */
        public Builder storeConcurrency(int max) {
            if (max < 1) {
                throw new ConfigurationException("--store-concurrency must be at least 1, not " + max + ".");
            }
            this.storeConcurrency = max;
            return this;
        }

        /**
         * When a load or save that failed with a transient error is tried again (default
         * {@link RetryPolicy#DEFAULT}); permanent errors are never retried.
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** {@link #retry} with {@code retries} retries, the first after {@code backoff}, in the default budget. */
        public Builder saveRetries(int retries, Duration backoff) {
            return retry(
                    new RetryPolicy(retries, backoff, RetryPolicy.DEFAULT.maxBackoff(), RetryPolicy.DEFAULT.budget()));
        }

        /** A clock (nanoseconds) and a sleeper for retries and store limiters, so tests can drive time. */
        Builder time(LongSupplier nanoClock, Retries.Sleeper retrySleeper) {
            this.clock = nanoClock;
            this.sleeper = retrySleeper;
            return this;
        }

        public Builder prefetch(int loadsAhead) {
            this.prefetch = Math.max(0, loadsAhead);
            return this;
        }

        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        public Builder checkMutation(boolean check) {
            this.checkMutation = check;
            return this;
        }

        public Builder hook(Hook hook) {
            this.hooks.add(hook);
            return this;
        }

        public Builder hooks(List<? extends Hook> hooks) {
            this.hooks.addAll(hooks);
            return this;
        }

        /**
         * Runs nodes on {@code executor} instead of an internal pool (parallel runner only). Each task
         * it receives is one worker: it runs a node, then takes the next ready node itself, until none is
         * ready. The runner does not shut it down.
         */
        public Builder nodeExecutor(Executor executor) {
            this.nodeExecutor = executor;
            return this;
        }

        /**
         * Runs loads and saves on {@code executor} instead of an internal pool; the runner does not shut
         * it down. Saves still respect the pending bounds and the per-store limit.
         */
        public Builder ioExecutor(Executor executor) {
            this.ioExecutor = executor;
            return this;
        }

        /**
         * How long each node took in an earlier run (its loads, compute and the saves it waited for), by
         * node name. The parallel runner starts the ready node with the longest remaining path first; these
         * times weigh the paths. Without them each node weighs one plus the I/O waits its I/O mode puts on
         * its path. The CLI passes the times of the project's last run of the same nodes.
         */
        public Builder expectedNodeTimes(Map<String, Duration> times) {
            this.expectedNodeTimes = Map.copyOf(times);
            return this;
        }

        public Runner build() {
            RunOptions options = new RunOptions(
                    parallel,
                    workers,
                    io,
                    maxPendingSaves,
                    maxPendingBytes,
                    storeConcurrency,
                    retry,
                    prefetch,
                    verify,
                    checkMutation);
            return new DagRunner(options, Hooks.of(hooks), nodeExecutor, ioExecutor, expectedNodeTimes, clock, sleeper);
        }
    }
}
