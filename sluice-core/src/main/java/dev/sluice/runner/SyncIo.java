package dev.sluice.runner;

import dev.sluice.pipeline.Node;
import java.util.Map;

/** Kedro's default: every input is loaded from the catalog and every output saved, on the node's path. */
final class SyncIo extends IoStrategy {
    SyncIo(RunContext ctx) {
        super(ctx);
    }

    @Override
    int ioWaits(Node node) {
        return (int) (persistedInputs(node) + persistedOutputs(node));
    }

    @Override
    Map<String, Object> loadInputs(Node node) {
        return loadAllFromCatalog(node);
    }

    @Override
    void handleOutputs(Node node, Map<String, Object> outputs) {
        outputs.forEach((dataset, value) -> {
            if (ctx.isPersistent(dataset)) {
                ctx.setSaveState(dataset, SaveState.PENDING);
            }
            saveToCatalog(dataset, value, node);
        });
    }
}
