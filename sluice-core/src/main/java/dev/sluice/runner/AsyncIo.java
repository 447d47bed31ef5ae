package dev.sluice.runner;

import dev.sluice.pipeline.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Kedro's {@code is_async}: a node's inputs load concurrently, then its outputs save concurrently, and
 * the node waits for both.
 */
final class AsyncIo extends IoStrategy {
    AsyncIo(RunContext ctx) {
        super(ctx);
    }

    @Override
    int ioWaits(Node node) {
        return (persistedInputs(node) > 0 ? 1 : 0) + (persistedOutputs(node) > 0 ? 1 : 0);
    }

    @Override
    Map<String, Object> loadInputs(Node node) {
        Map<String, CompletableFuture<Object>> loads = new LinkedHashMap<>();
        for (String input : new LinkedHashSet<>(node.inputs())) {
            loads.put(input, CompletableFuture.supplyAsync(() -> loadFromCatalog(input, node), ctx.ioExecutor));
        }
        awaitAll(new ArrayList<>(loads.values()));
        Map<String, Object> values = new LinkedHashMap<>();
        loads.forEach((dataset, future) -> values.put(dataset, future.join()));
        return values;
    }

    @Override
    void handleOutputs(Node node, Map<String, Object> outputs) {
        List<CompletableFuture<?>> saves = new ArrayList<>();
        outputs.forEach((dataset, value) -> {
            if (ctx.isPersistent(dataset)) {
                ctx.setSaveState(dataset, SaveState.PENDING);
            }
            saves.add(CompletableFuture.runAsync(() -> saveToCatalog(dataset, value, node), ctx.ioExecutor));
        });
        awaitAll(saves);
    }

    /** Waits for every future; rethrows the first failure with the others attached. */
    static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : e;
                if (first == null) {
                    first = cause;
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
