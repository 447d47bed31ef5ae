package dev.sluice.runner;

import dev.sluice.SluiceException;
import java.util.ArrayList;
import java.util.List;

/** Collects a run's failures: the first is the primary error, later ones are attached to it. Thread-safe. */
final class Failures {
    private final List<SluiceException> all = new ArrayList<>();

    synchronized void add(Throwable failure) {
        SluiceException error = failure instanceof SluiceException se
                ? se
                : new SluiceException("Unexpected error in the runner: " + failure, failure);
        if (!all.contains(error)) {
            all.add(error);
        }
    }

    synchronized boolean any() {
        return !all.isEmpty();
    }

    /** The first failure with every later one attached as suppressed; {@code null} when none. */
    synchronized SluiceException primary() {
        if (all.isEmpty()) {
            return null;
        }
        SluiceException first = all.get(0);
        for (SluiceException later : all.subList(1, all.size())) {
            boolean attached = false;
            for (Throwable s : first.getSuppressed()) {
                attached |= s == later;
            }
            if (!attached) {
                first.addSuppressed(later);
            }
        }
        return first;
    }
}
