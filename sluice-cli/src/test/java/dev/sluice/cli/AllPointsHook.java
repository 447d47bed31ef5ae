package dev.sluice.cli;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.hook.ProjectContext;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hook named with {@code --hooks} that records each of Kedro's hook points it sees. */
public final class AllPointsHook implements Hook {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void afterContextCreated(ProjectContext context) {
        EVENTS.add("afterContextCreated");
    }

    @Override
    public void afterCatalogCreated(DataCatalog catalog) {
        EVENTS.add("afterCatalogCreated");
    }

    @Override
    public void beforePipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog) {
        EVENTS.add("beforePipelineRun");
    }

    @Override
    public void afterPipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog, RunResult result) {
        EVENTS.add("afterPipelineRun");
    }

    @Override
    public void onPipelineError(RunInfo run, Throwable error, Pipeline pipeline, DataCatalog catalog) {
        EVENTS.add("onPipelineError");
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        EVENTS.add("beforeNodeRun:" + node.name());
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        EVENTS.add("afterNodeRun:" + node.name());
    }

    @Override
    public void onNodeError(RunInfo run, Node node, Throwable error, Map<String, Object> inputs) {
        EVENTS.add("onNodeError:" + node.name());
    }

    @Override
    public void beforeDatasetLoaded(RunInfo run, String dataset, Node node) {
        EVENTS.add("beforeDatasetLoaded:" + dataset);
    }

    @Override
    public void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {
        EVENTS.add("afterDatasetLoaded:" + dataset);
    }

    @Override
    public void beforeDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        EVENTS.add("beforeDatasetSaved:" + dataset);
    }

    @Override
    public void afterDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        EVENTS.add("afterDatasetSaved:" + dataset);
    }
}
