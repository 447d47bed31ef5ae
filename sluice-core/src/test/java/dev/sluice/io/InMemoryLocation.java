package dev.sluice.io;

import dev.sluice.storage.Location;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Location} that keeps its content in memory, standing in for a remote store: it proves a
 * dataset does all its I/O through {@code Location}. Commits only when the writer completes.
 */
public class InMemoryLocation implements Location {
    private final URI uri;
    private final AtomicReference<byte[]> content = new AtomicReference<>();
    private final AtomicInteger commits = new AtomicInteger();

    public InMemoryLocation(String uri) {
        this.uri = URI.create(uri);
    }

    /** Sets the stored bytes directly, as if another process had written them. */
    public void put(byte[] bytes) {
        content.set(bytes.clone());
    }

    /** The stored bytes, or {@code null}. */
    public byte[] content() {
        byte[] bytes = content.get();
        return bytes == null ? null : bytes.clone();
    }

    public int commits() {
        return commits.get();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String storeKey() {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @Override
    public InputStream openRead() throws IOException {
        byte[] bytes = content.get();
        if (bytes == null) {
            throw new FileNotFoundException(uri.toString());
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void write(ContentWriter writer) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writer.writeTo(buffer);
        content.set(buffer.toByteArray());
        commits.incrementAndGet();
    }

    @Override
    public boolean exists() {
        return content.get() != null;
    }

    @Override
    public long size() {
        byte[] bytes = content.get();
        return bytes == null ? -1 : bytes.length;
    }

    @Override
    public Location resolve(String relative) {
        return new InMemoryLocation(uri.resolve(relative).toString());
    }

    @Override
    public List<String> list() {
        return List.of();
    }
}
