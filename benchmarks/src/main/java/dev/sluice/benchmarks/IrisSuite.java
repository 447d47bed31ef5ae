package dev.sluice.benchmarks;

import dev.sluice.examples.iris.IrisPipelines;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Kedro-Accelerator's benchmark: the Iris example project as it ships ({@code examples/iris}), with its
 * six intermediates slowed down through the {@code io_delay} runtime parameter, under the sequential
 * runner. Each run writes the project's intermediate files, as {@code sluice run} does.
 */
final class IrisSuite implements Suite {
    private final Path projectDir;

    IrisSuite(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public String name() {
        return "iris";
    }

    @Override
    public String title(Duration delay) {
        return "Iris (`examples/iris`): sequential runner, 4 nodes, 6 slow intermediates, d = " + Format.compact(delay)
                + " s";
    }

    @Override
    public Setup setup(Duration delay) {
        Project project = Project.at(projectDir)
                .registry(new IrisPipelines())
                .runtimeParams(Map.of("io_delay", delay.toNanos() / 1e9))
                .open();
        return new Setup(project.pipeline(PipelineRegistry.DEFAULT), project.catalog(), project.hooks());
    }

    @Override
    public Runner.Builder runner() {
        return Runner.builder().sequential();
    }

    @Override
    public int workers() {
        return 1;
    }

    /**
     * Kedro-Accelerator's README, scaled from its 10 s delay: a plain run pays 6 saves and 6 loads,
     * CachedDataset with async saves pays one save per node that writes (3), and the tee pays one save
     * after the compute. It published no figure for {@code is_async} alone.
     */
    @Override
    public Optional<String> kedroAccelerator(IoMode mode, Duration delay, Duration pathCompute) {
        return switch (mode) {
            case SYNC -> Optional.of("12·d = " + Format.seconds(delay.multipliedBy(12)));
            case ASYNC -> Optional.empty();
            case CACHE -> Optional.of("3·d = " + Format.seconds(delay.multipliedBy(3)));
            case TEE -> Optional.of("d + compute = " + Format.seconds(delay.plus(pathCompute)));
        };
    }
}
