package dev.sluice.storage;

/**
 * What {@link Location#removeLeftovers()} removed: temporary files, or unfinished multipart uploads,
 * that writers killed before they committed left behind, and how many bytes they held.
 *
 * @param count files or uploads removed
 * @param bytes the bytes they held
 */
public record Leftovers(int count, long bytes) {
    /** Nothing removed. */
    public static final Leftovers NONE = new Leftovers(0, 0);

    /** Both removals together. */
    public Leftovers plus(Leftovers other) {
        return new Leftovers(count + other.count, bytes + other.bytes);
    }
}
