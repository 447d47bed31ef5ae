package dev.sluice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects the {@link Warning}s of one piece of work (opening a project, building a catalog) and
 * keeps each distinct warning once, so a problem shared by many entries is told once.
 *
 * <p>Thread-safe. Listeners are called on the thread that adds the warning, one warning at a time
 * and each warning exactly once per listener; a listener registered late first receives every warning
 * collected so far, so none is missed. Listeners must be quick (log, collect) and must not add
 * warnings themselves.
 */
public final class Warnings {
    private final Set<Warning> collected = new LinkedHashSet<>();
    private final List<Consumer<? super Warning>> listeners = new ArrayList<>();

    private Warnings() {}

    /** An empty collector. */
    public static Warnings create() {
        return new Warnings();
    }

    /** Adds a warning unless an equal one was added before. */
    public void add(Warning warning) {
        Objects.requireNonNull(warning, "warning");
        synchronized (collected) {
            if (collected.add(warning)) {
                listeners.forEach(listener -> listener.accept(warning));
            }
        }
    }

    /** Adds {@code new Warning(source, message)} unless an equal one was added before. */
    public void add(String source, String message) {
        add(new Warning(source, message));
    }

    /** Every distinct warning so far, in the order they were added. */
    public List<Warning> list() {
        synchronized (collected) {
            return List.copyOf(collected);
        }
    }

    /** Calls {@code listener} with every warning collected so far, then with each new one; returns this. */
    public Warnings onWarning(Consumer<? super Warning> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (collected) {
            collected.forEach(listener);
            listeners.add(listener);
        }
        return this;
    }
}
