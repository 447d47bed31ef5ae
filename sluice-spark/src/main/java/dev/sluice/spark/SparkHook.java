package dev.sluice.spark;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.hook.ProjectContext;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunResult;
import java.util.Map;

/**
 * Gives {@link SluiceSpark} the project's {@code spark.yml} (environments merged, as Kedro's
 * {@code config_loader["spark"]}), labels each node's Spark jobs with the run and the node, and stops the
 * session Sluice built when the run ends, successful or not. Found through {@code ServiceLoader}.
 */
public final class SparkHook implements Hook {
    public SparkHook() {}

    @Override
    public void afterContextCreated(ProjectContext context) {
        Map<String, Object> sparkYml = context.config().get("spark");
        SluiceSpark.configure(sparkYml, "spark.yml (conf/base, then conf/" + context.env() + ")");
    }

    @Override
    public void beforePipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog) {
        SluiceSpark.runStarted(run.runId());
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        SluiceSpark.nodeStarted(node.name());
    }

    @Override
    public void afterPipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog, RunResult result) {
        SluiceSpark.stop();
    }

    @Override
    public void onPipelineError(RunInfo run, Throwable error, Pipeline pipeline, DataCatalog catalog) {
        SluiceSpark.stop();
    }
}
