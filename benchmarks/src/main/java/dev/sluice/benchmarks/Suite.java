package dev.sluice.benchmarks;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One benchmarked pipeline: how to set up a fresh run of it and which runner runs it. */
sealed interface Suite extends AutoCloseable permits IrisSuite, WideSuite {
    /** The name used on the command line ({@code iris}, {@code wide}). */
    String name();

    /** A heading for the suite's table, naming the runner and the slow datasets. */
    String title(Duration delay);

    /**
     * A fresh pipeline, catalog and hooks for one run, whose slow datasets pause {@code delay} on every
     * load and save. A fresh catalog per run keeps values of one run out of the next.
     */
    Setup setup(Duration delay);

    /** The runner's settings apart from the I/O mode and hooks. */
    Runner.Builder runner();

    /** How many nodes can compute at once under {@link #runner()}. */
    int workers();

    /** Kedro-Accelerator's figure for this mode, when it published one for this pipeline. */
    default Optional<String> kedroAccelerator(IoMode mode, Duration delay, Duration pathCompute) {
        return Optional.empty();
    }

    /** Removes anything the suite wrote outside the repository. */
    @Override
    default void close() {}

    /** What one run needs. */
    record Setup(Pipeline pipeline, DataCatalog catalog, List<Hook> hooks) {}
}
