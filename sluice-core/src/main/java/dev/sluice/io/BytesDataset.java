package dev.sluice.io;

import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A file read and written as raw bytes. Each load returns a new array; saves do not keep the array. */
public final class BytesDataset extends FileDataset<byte[]> {
    private BytesDataset(Location location) {
        super(location);
    }

    /** The file at {@code location}. */
    public static BytesDataset at(Location location) {
        return new BytesDataset(location);
    }

    @Override
    protected byte[] decode(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Override
    protected void encode(byte[] value, OutputStream out) throws IOException {
        out.write(value);
    }

    @Override
    public Class<?> valueType() {
        return byte[].class;
    }

    @Override
    protected String typeName() {
        return "bytes";
    }
}
