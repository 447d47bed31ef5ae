package dev.sluice.runner;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to stop a run early, as Ctrl-C asks. Pass it to {@link Runner#run(Pipeline, DataCatalog,
 * String, RunCancellation)}. Once {@linkplain #request requested}, no new node starts; the nodes already
 * running finish and hand their outputs on, and every save already queued commits, for at most the
 * grace period; then the run ends with a {@link RunInterruptedException} that tells what committed.
 * {@link #abort} (or the end of the grace period) stops the waiting at once: the nodes still running are
 * interrupted and the saves still writing are left to the process's end (a save commits whole or not at
 * all, so nothing half-written appears under a dataset's name).
 *
 * <p>Thread-safe: signal handlers and timers call it from their own threads. Listeners are called on
 * the thread that requests or aborts; a listener that throws is logged and ignored. One cancellation
 * serves one run; a request that comes before the run starts stops it before its first node.
 */
public final class RunCancellation {
    private static final Logger LOG = LoggerFactory.getLogger(RunCancellation.class);

    /** How long a run waits for its running nodes and saves unless told otherwise. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    private final Duration gracePeriod;
    private final Timer timer;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private String reason;
    private String abortReason;
    private Participant run;

    /** Hears when a run is asked to stop, and when it stops waiting. */
    public interface Listener {
        /**
         * A stop was requested: no new node starts, and the run waits up to {@code gracePeriod} for
         * {@code inFlight} (empty when the run has not started yet, or nothing is running).
         */
        default void stopping(String reason, InFlight inFlight, Duration gracePeriod) {}

        /** The run stops waiting ({@code why}: the grace period ran out, or an abort) and leaves {@code inFlight}. */
        default void abandoning(String why, InFlight inFlight) {}
    }

    /**
     * What a stopping run is waiting for.
     *
     * @param nodes nodes that are running
     * @param saves datasets whose saves are queued or writing
     */
    public record InFlight(List<String> nodes, List<String> saves) {
        public static final InFlight NOTHING = new InFlight(List.of(), List.of());

        public InFlight {
            nodes = List.copyOf(nodes);
            saves = List.copyOf(saves);
        }

        public boolean isEmpty() {
            return nodes.isEmpty() && saves.isEmpty();
        }

        /** For example {@code node n2 and the saves of a, b}; {@code nothing} when empty. */
        public String describe() {
            String nodePart =
                    nodes.isEmpty() ? "" : (nodes.size() == 1 ? "node " : "nodes ") + String.join(", ", nodes);
            String savePart = saves.isEmpty()
                    ? ""
                    : (saves.size() == 1 ? "the save of " : "the saves of ") + String.join(", ", saves);
            if (nodePart.isEmpty()) {
                return savePart.isEmpty() ? "nothing" : savePart;
            }
            return savePart.isEmpty() ? nodePart : nodePart + " and " + savePart;
        }
    }

    /** Runs a task once after a delay; tests fire it when they choose. */
    interface Timer {
        void schedule(Duration delay, Runnable task);
    }

    /** The run a cancellation stops: what it waits for, and how to wake its waits. */
    interface Participant {
        InFlight inFlight();

        /** The cancellation was requested or aborted: stop starting nodes, or stop waiting. */
        void changed();
    }

    private RunCancellation(Duration gracePeriod, Timer timer) {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("The grace period must not be negative: " + gracePeriod);
        }
        this.gracePeriod = gracePeriod;
        this.timer = timer;
    }

    /** A cancellation with the {@linkplain #DEFAULT_GRACE_PERIOD default grace period}. */
    public static RunCancellation create() {
        return withGracePeriod(DEFAULT_GRACE_PERIOD);
    }

    /**
     * A cancellation whose run waits at most {@code gracePeriod} after {@link #request} for its running
     * nodes and saves; {@link Duration#ZERO} stops at once.
     */
    public static RunCancellation withGracePeriod(Duration gracePeriod) {
        return new RunCancellation(
                gracePeriod, (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
                        .execute(task));
    }

    /** A cancellation whose grace period is timed by {@code timer}. */
    static RunCancellation withTimer(Duration gracePeriod, Timer timer) {
        return new RunCancellation(gracePeriod, timer);
    }

    public Duration gracePeriod() {
        return gracePeriod;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Asks the run to stop: no new node starts, and the grace period begins. Later calls do nothing.
     *
     * @param reason why, as a phrase ({@code SIGINT}, {@code the user asked}); it ends up in the run's
     *     error message
     */
    public void request(String reason) {
        Objects.requireNonNull(reason, "reason");
        Participant current;
        synchronized (this) {
            if (this.reason != null) {
                return;
            }
            this.reason = reason;
            current = run;
        }
        InFlight inFlight = current == null ? InFlight.NOTHING : current.inFlight();
        for (Listener listener : listeners) {
            guarded(() -> listener.stopping(reason, inFlight, gracePeriod));
        }
        if (current != null) {
            current.changed();
        }
        if (gracePeriod.isZero()) {
            abort("the grace period is zero");
        } else {
            timer.schedule(gracePeriod, () -> abort("the grace period of " + describe(gracePeriod) + " ran out"));
        }
    }

    /**
     * Stops the run without waiting any longer: running nodes are interrupted and the run ends at once
     * (requesting the stop first if nobody did). Later calls do nothing.
     *
     * @param why as a phrase ({@code a second SIGINT}); it ends up in the run's error message
     */
    public void abort(String why) {
        Objects.requireNonNull(why, "why");
        Participant current;
        synchronized (this) {
            if (abortReason != null) {
                return;
            }
            abortReason = why;
            if (reason == null) {
                reason = why;
            }
            current = run;
        }
        if (current != null) {
            InFlight left = current.inFlight();
            for (Listener listener : listeners) {
                guarded(() -> listener.abandoning(why, left));
            }
            current.changed();
        }
    }

    /** Whether a stop was requested (or an abort). */
    public synchronized boolean isRequested() {
        return reason != null;
    }

    /** Whether the run was told to stop waiting. */
    public synchronized boolean isAborted() {
        return abortReason != null;
    }

    /** Why the stop was requested, or {@code null}. */
    public synchronized String reason() {
        return reason;
    }

    /** Why the run stopped waiting, or {@code null}. */
    public synchronized String abortReason() {
        return abortReason;
    }

    /** Attaches the run; a cancellation serves one run at a time. */
    synchronized void attach(Participant participant) {
        if (run != null) {
            throw new IllegalStateException("This RunCancellation already belongs to a running run.");
        }
        run = participant;
    }

    synchronized void detach(Participant participant) {
        if (run == participant) {
            run = null;
        }
    }

    /** For example {@code 30 s} or {@code 1.5 s}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A run cancellation listener failed; the run stops anyway: {}", e.toString());
        }
    }
}
