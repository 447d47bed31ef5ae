package dev.sluice.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * A place in a store where one file or object lives: a local path or an object key.
 *
 * <p>Writes are atomic: {@link #write} either leaves the complete new content under this location
 * or leaves the previous state untouched (temporary file plus atomic move locally; a single put or a
 * completed multipart upload on object stores). Implementations are thread-safe.
 */
public interface Location {
    /** The canonical address, e.g. {@code file:///data/x.csv} or {@code s3://bucket/x.csv}. */
    URI uri();

    /** Identifies the store (e.g. {@code file}, {@code s3://bucket}) so callers can cap concurrency per store. */
    String storeKey();

    /** Opens the content for reading; the caller closes the stream. */
    InputStream openRead() throws IOException;

    /** Writes the content produced by {@code writer} and commits it atomically under this location. */
    void write(ContentWriter writer) throws IOException;

    /** Whether content exists under this location (a file, or any object under it as a prefix). */
    boolean exists() throws IOException;

    /**
     * Whether this location is known cheaply to be a directory rather than one file (a local directory); a
     * reader then reads the files below it. Object stores answer {@code false} without asking the store, and
     * find a prefix when the object is missing. The default is {@code false}.
     */
    default boolean isDirectory() {
        return false;
    }

    /** The size in bytes of the content, or -1 when unknown. */
    long size() throws IOException;

    /** A location below this one ({@code relative} uses '/' separators). */
    Location resolve(String relative);

    /** The names of the entries directly below this location, sorted; empty when there are none. */
    List<String> list() throws IOException;

    /**
     * Removes what writes to this location left behind when their process was killed before they
     * committed: Sluice's own temporary files beside it (and below it, when it is a directory), or
     * unfinished multipart uploads under its key. Never touches a write that a live process is still
     * making, nor anything Sluice did not write. The default removes nothing.
     */
    default Leftovers removeLeftovers() throws IOException {
        return Leftovers.NONE;
    }

    /**
     * What a user should check after {@link #write} failed with {@code failure}, as a clause without a
     * final period ("check that the directory is writable"), or empty when the failure's own message
     * already says. The default suits any remote store.
     */
    default String writeFailureHint(IOException failure) {
        return "check that the store is reachable and that its credentials allow writing";
    }

    /** Produces the bytes of a write. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
