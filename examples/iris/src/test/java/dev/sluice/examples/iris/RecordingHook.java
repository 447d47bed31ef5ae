package dev.sluice.examples.iris;

import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Node;
import dev.sluice.runner.RunInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Named on the command line with --hooks; records which datasets were loaded and the accuracy. */
public final class RecordingHook implements Hook {
    static final List<String> LOADED = new CopyOnWriteArrayList<>();
    static final List<Double> ACCURACY = new CopyOnWriteArrayList<>();

    static void reset() {
        LOADED.clear();
        ACCURACY.clear();
    }

    @Override
    public void afterDatasetLoaded(RunInfo run, String dataset, Object data, Node node) {
        LOADED.add(dataset);
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        if (outputs.get("accuracy") instanceof Double accuracy) {
            ACCURACY.add(accuracy);
        }
    }
}
