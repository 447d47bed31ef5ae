package dev.sluice.cli;

import dev.sluice.runner.RunCancellation;
import dev.sluice.runner.RunCancellation.InFlight;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM while {@code sluice run} runs. The first signal asks the run to stop
 * through its {@link RunCancellation} and says on stderr what the run waits for; a second signal (or
 * the end of the grace period) stops the waiting at once. Either way the command then records the run
 * as interrupted, prints how to resume it and exits with 128 plus the first signal's number (130 for
 * SIGINT, 143 for SIGTERM). Should even that not end the process within {@link #WATCHDOG} (a node that
 * ignores interrupts, a store that hangs), a watchdog records what it can and halts the JVM.
 *
 * <p>The handlers are installed by {@link #install} and the previous ones put back by {@link #close}.
 * A signal the process ignores from the start (a background job's SIGINT) stays ignored. Uses the
 * JDK's {@code sun.misc.Signal}, the only way Java can handle a signal without ending the process.
 */
final class RunSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunSignals.class);

    /** How long the command may take to end after it was told to stop at once, before the JVM is halted. */
    static final Duration WATCHDOG = Duration.ofSeconds(10);

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    /** {@link #WATCHDOG}, unless a test shortens it. */
    static volatile Duration watchdogDelay = WATCHDOG;

    private final RunCancellation cancellation;
    private final PrintWriter err;
    /** The handlers before ours, by signal name ({@code sun.misc.SignalHandler}s). */
    private final Map<String, Object> previous = new LinkedHashMap<>();

    private final AtomicInteger received = new AtomicInteger();
    /** The first signal received: its name ({@code INT}) and number. */
    private volatile String firstName;

    private volatile int firstNumber;
    private volatile Runnable lastWords = () -> {};
    private Thread watchdog;
    private boolean closed;

    private RunSignals(RunCancellation cancellation, PrintWriter err) {
        this.cancellation = cancellation;
        this.err = err;
        cancellation.addListener(new RunCancellation.Listener() {
            @Override
            public void stopping(String reason, InFlight inFlight, Duration gracePeriod) {
                err.println(stoppingLine(reason, inFlight, gracePeriod, again()));
            }

            @Override
            public void abandoning(String why, InFlight inFlight) {
                err.println("Stopping now (" + why + ")"
                        + (inFlight.isEmpty() ? "." : ", without waiting for " + inFlight.describe() + "."));
                startWatchdog();
            }
        });
    }

    /** Handles SIGINT and SIGTERM for {@code cancellation}'s run until {@link #close}. */
    static RunSignals install(RunCancellation cancellation, PrintWriter err) {
        RunSignals signals = new RunSignals(cancellation, err);
        for (String name : SIGNALS) {
            try {
                signals.previous.put(name, Native.handle(name, signals::handle));
            } catch (IllegalArgumentException e) {
                // The JVM keeps it for itself (-Xrs), or the platform has no such signal.
                LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        return signals;
    }

    /** The line the first signal prints: what the run waits for, and how to stop at once. */
    static String stoppingLine(String reason, InFlight inFlight, Duration gracePeriod, String again) {
        if (inFlight.isEmpty()) {
            return "Stopping (" + reason + "): no new node starts, and nothing is running or being saved.";
        }
        return "Stopping (" + reason + "): no new node starts. Waiting up to " + seconds(gracePeriod) + " for "
                + inFlight.describe() + " to finish; " + again + " to stop at once.";
    }

    /**
     * What the watchdog does before it halts the JVM, such as recording the run as interrupted and
     * printing how to resume it; must not block for long.
     */
    void beforeHalt(Runnable action) {
        this.lastWords = action;
    }

    /** 128 plus the number of the first signal received, if one was. */
    OptionalInt exitCode() {
        return firstName == null ? OptionalInt.empty() : OptionalInt.of(128 + firstNumber);
    }

    /** Puts the previous handlers back and calls off the watchdog. */
    @Override
    public synchronized void close() {
        closed = true;
        previous.forEach((name, handler) -> {
            try {
                Native.restore(name, handler);
            } catch (IllegalArgumentException e) {
                LOG.debug("Cannot restore the handler of SIG{}: {}", name, e.getMessage());
            }
        });
        previous.clear();
        if (watchdog != null) {
            watchdog.interrupt();
        }
    }

    private void handle(String name, int number) {
        if (received.incrementAndGet() == 1) {
            firstNumber = number;
            firstName = name;
            cancellation.request("SIG" + name);
        } else {
            cancellation.abort("SIG" + name + " again");
            startWatchdog();
        }
    }

    private String again() {
        return "INT".equals(firstName) ? "press Ctrl-C again" : "send the signal again";
    }

    private synchronized void startWatchdog() {
        if (watchdog != null || closed) {
            return;
        }
        watchdog = new Thread(this::watch, "sluice-signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch() {
        Duration delay = watchdogDelay;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            return; // the command ended in time
        }
        err.println("The run did not end within " + seconds(delay) + " of being stopped; ending the process.");
        try {
            lastWords.run();
        } catch (RuntimeException e) {
            LOG.warn("Recording the interrupted run failed: {}", e.toString());
        }
        err.flush();
        Runtime.getRuntime().halt(exitCode().orElse(130));
    }

    /** For example {@code 30 s} or {@code 0.5 s}. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** The only code that touches {@code sun.misc.Signal} (which the compiler warns about at each use). */
    private static final class Native {
        private Native() {}

        /** Handles the signal {@code name} with {@code handler} (name, number); returns the previous handler. */
        static Object handle(String name, BiConsumer<String, Integer> handler) {
            return sun.misc.Signal.handle(
                    new sun.misc.Signal(name), signal -> handler.accept(signal.getName(), signal.getNumber()));
        }

        /** Puts back a handler {@link #handle} returned. */
        static void restore(String name, Object previous) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), (sun.misc.SignalHandler) previous);
        }
    }
}
