package dev.sluice.io;

import java.util.List;
import java.util.Optional;

/**
 * A dataset whose saves each go to a new version, Kedro's versioned datasets: the value lives at
 * {@code <filepath>/<version>/<file name>}. Versions are strings that sort in time order.
 */
public interface Versioned {
    /** The version the next save writes: one per run, shared by every versioned dataset of the run. */
    String saveVersion();

    /** The version {@code load()} reads: the pinned one if any, else the latest saved; empty when none exists. */
    Optional<String> resolvedLoadVersion();

    /** Every saved version, oldest first. */
    List<String> versions();

    /** A copy of this dataset that loads {@code version} (saves still go to {@link #saveVersion()}). */
    Dataset<?> atLoadVersion(String version);
}
