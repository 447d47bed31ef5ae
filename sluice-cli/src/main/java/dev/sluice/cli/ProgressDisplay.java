package dev.sluice.cli;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.SaveState;
import dev.sluice.storage.ByteSize;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: nodes done of total, nodes running, saves pending. On a terminal it draws a
 * progress bar once the run has taken more than a second; otherwise it logs a line as each node
 * completes. Thread-safe: it is a hook, called from worker and I/O threads.
 */
final class ProgressDisplay implements Hook, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.progress");
    private static final long BAR_DELAY_MILLIS = 1000;

    private final int total;
    private final boolean terminal;
    private final AtomicInteger done = new AtomicInteger();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, SaveState> saves = new ConcurrentHashMap<>();
    private final Map<String, Long> queuedBytes = new ConcurrentHashMap<>();
    private final Map<String, Integer> storeLimits = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService timer;
    private volatile ProgressBar bar;

    private ProgressDisplay(int total, boolean terminal) {
        this.total = total;
        this.terminal = terminal;
        this.timer = terminal
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sluice-progress");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** A display for a run of {@code total} nodes; a bar only when the console is a terminal. */
    static ProgressDisplay create(int total) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new ProgressDisplay(total, terminal);
    }

    @Override
    public void beforePipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog) {
        if (terminal) {
            timer.schedule(this::showBar, BAR_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void beforeNodeRun(RunInfo run, Node node, Map<String, Object> inputs) {
        running.add(node.name());
        refresh();
    }

    @Override
    public void afterNodeRun(RunInfo run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        running.remove(node.name());
        int completed = done.incrementAndGet();
        if (!terminal) {
            LOG.info("Completed {} of {} nodes ({}); {}", completed, total, node.name(), savesText());
        }
        refresh();
    }

    @Override
    public void onNodeError(RunInfo run, Node node, Throwable error, Map<String, Object> inputs) {
        running.remove(node.name());
        refresh();
    }

    @Override
    public void onSaveQueued(RunInfo run, String dataset, long estimatedBytes) {
        queuedBytes.put(dataset, estimatedBytes);
        refresh();
    }

    @Override
    public void onSaveStateChanged(RunInfo run, String dataset, SaveState state) {
        saves.put(dataset, state);
        refresh();
    }

    @Override
    public void onStoreConcurrencyChanged(RunInfo run, String store, int limit) {
        storeLimits.put(store, limit);
        refresh();
    }

    /**
     * Saves not yet committed or failed, the estimated bytes they hold in memory, and how many saves each
     * store takes at once.
     */
    String savesText() {
        long pending = 0;
        long bytes = 0;
        for (Map.Entry<String, SaveState> save : saves.entrySet()) {
            if (!save.getValue().isTerminal()) {
                pending++;
                bytes += queuedBytes.getOrDefault(save.getKey(), 0L);
            }
        }
        StringBuilder text = new StringBuilder().append(pending).append(" save(s) pending");
        if (bytes > 0) {
            text.append(" (").append(ByteSize.format(bytes)).append(" in flight)");
        }
        if (!storeLimits.isEmpty()) {
            text.append("; concurrent saves per store:");
            storeLimits.forEach(
                    (store, limit) -> text.append(' ').append(store).append('=').append(limit));
        }
        return text.toString();
    }

    private synchronized void showBar() {
        if (bar == null && done.get() < total) {
            bar = new ProgressBarBuilder()
                    .setTaskName("sluice run")
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" nodes", 1)
                    .continuousUpdate()
                    .build();
            refresh();
        }
    }

    private void refresh() {
        ProgressBar current = bar;
        if (current != null) {
            current.stepTo(done.get());
            current.setExtraMessage(" running " + running + ", " + savesText());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (bar != null) {
            bar.close();
        }
    }
}
