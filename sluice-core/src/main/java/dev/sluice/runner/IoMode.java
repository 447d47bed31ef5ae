package dev.sluice.runner;

import dev.sluice.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/** How a run moves data between the catalog and the nodes. */
public enum IoMode {
    /** Save each output, and later load it back, on the node's path (Kedro's default). */
    SYNC,
    /** A node's loads run concurrently, then its saves run concurrently; the node waits (Kedro's {@code is_async}). */
    ASYNC,
    /** Write-through cache: consumers read memory; each node waits for its own saves. */
    CACHE,
    /** Outputs go to consumers in memory at once; saves run in the background; the run waits once at the end. */
    TEE;

    /** Parses {@code sync}, {@code async}, {@code cache} or {@code tee}, case-insensitively. */
    public static IoMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Unknown I/O mode '" + text + "'; use one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ".");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
