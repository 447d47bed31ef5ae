package dev.sluice.testing;

import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Node;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.SaveState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every hook event as a line such as {@code afterNodeRun:split}, with the thread it fired on. */
public final class RecordingHook implements Hook {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    public List<String> events() {
        return List.copyOf(events);
    }

    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Events starting with {@code prefix}. */
    public List<String> events(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    private void record(String event) {
        events.add(event);
        threads.add(event + "@" + Thread.currentThread().getName());
    }

    @Override
    public void afterContextCreated(dev.sluice.hook.ProjectContext context) {
        record("afterContextCreated:" + context.env());
    }

    @Override
    public void afterCatalogCreated(dev.sluice.catalog.DataCatalog catalog) {
        record("afterCatalogCreated");
    }

    @Override
    public void beforePipelineRun(RunInfo run, dev.sluice.pipeline.Pipeline p, dev.sluice.catalog.DataCatalog c) {
        record("beforePipelineRun");
    }

    @Override
    public void afterPipelineRun(
            RunInfo run,
            dev.sluice.pipeline.Pipeline p,
            dev.sluice.catalog.DataCatalog c,
            dev.sluice.runner.RunResult r) {
        record("afterPipelineRun");
    }

    @Override
    public void onPipelineError(
            RunInfo run, Throwable error, dev.sluice.pipeline.Pipeline p, dev.sluice.catalog.DataCatalog c) {
        record("onPipelineError");
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        record("beforeNodeRun:" + node.name());
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        record("afterNodeRun:" + node.name());
    }

    @Override
    public void onNodeError(RunInfo run, Node node, Throwable error, Map<String, Object> inputs) {
        record("onNodeError:" + node.name());
    }

    @Override
    public void beforeDatasetLoaded(RunInfo run, String dataset, Node node) {
        record("beforeDatasetLoaded:" + dataset);
    }

    @Override
    public void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {
        record("afterDatasetLoaded:" + dataset);
    }

    @Override
    public void beforeDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        record("beforeDatasetSaved:" + dataset);
    }

    @Override
    public void afterDatasetSaved(RunInfo run, String dataset, Object data, Node node) {
        record("afterDatasetSaved:" + dataset);
    }

    @Override
    public void onSaveStateChanged(RunInfo run, String dataset, SaveState state) {
        record("state:" + dataset + "=" + state);
    }
}
