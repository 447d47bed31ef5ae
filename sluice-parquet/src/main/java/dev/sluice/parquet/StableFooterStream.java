package dev.sluice.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Passes a Parquet file through to {@code out}, and from {@link #holdTail()} on keeps what follows in
 * memory so that, on {@link #finish()}, each column chunk's list of encodings in the footer is sorted
 * before the file's end is written.
 *
 * <p>parquet-java collects a column chunk's encodings in a hash set of enum constants, whose order
 * follows identity hash codes and so changes from one JVM to the next: two identical saves would differ
 * in a few footer bytes and their checksums would disagree. Sorting changes no size (every element
 * keeps its encoding), so the footer's length and offsets stay valid. The tail held is the last row
 * group, the indexes and the footer, which the writer also buffers while it closes. Not thread-safe.
 */
final class StableFooterStream extends OutputStream {
    private static final int TRAILER = 8; // footer length (4 bytes, little-endian) + "PAR1"

    private final OutputStream out;
    private ByteArrayOutputStream tail;
    private boolean finished;

    StableFooterStream(OutputStream out) {
        this.out = out;
    }

    /** Keeps everything written from now on until {@link #finish()}; call before closing the writer. */
    void holdTail() {
        if (tail == null) {
            tail = new ByteArrayOutputStream();
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (tail != null) {
            tail.write(b);
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (tail != null) {
            tail.write(b, off, len);
        } else {
            out.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (tail == null) {
            out.flush();
        }
    }

    /** Writes the held tail with its footer's encodings sorted; later calls do nothing. */
    void finish() throws IOException {
        if (finished || tail == null) {
            return;
        }
        finished = true;
        byte[] bytes = tail.toByteArray();
        tail = null;
        sortFooterEncodings(bytes);
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    /** Sorts the encodings in the footer at the end of {@code file} in place, if the footer is whole. */
    static void sortFooterEncodings(byte[] file) throws IOException {
        if (file.length < TRAILER) {
            return;
        }
        int end = file.length - TRAILER;
        int length = (file[end] & 0xff)
                | (file[end + 1] & 0xff) << 8
                | (file[end + 2] & 0xff) << 16
                | (file[end + 3] & 0xff) << 24;
        int start = end - length;
        if (length <= 0 || start < 0) {
            return; // the footer began before the held tail: leave the bytes as parquet-java wrote them
        }
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(file, start, length));
        boolean changed = false;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                if (chunk.isSetMeta_data() && chunk.getMeta_data().isSetEncodings()) {
                    List<Encoding> encodings = chunk.getMeta_data().getEncodings();
                    List<Encoding> sorted = new ArrayList<>(encodings);
                    sorted.sort(Comparator.comparingInt(Encoding::getValue));
                    if (!sorted.equals(encodings)) {
                        chunk.getMeta_data().setEncodings(sorted);
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            return;
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(length);
        Util.writeFileMetaData(footer, rewritten);
        if (rewritten.size() != length) {
            throw new IOException("Parquet footer changed size (" + length + " to " + rewritten.size()
                    + " bytes) when its encodings were sorted; this is a bug in Sluice, please report it");
        }
        System.arraycopy(rewritten.toByteArray(), 0, file, start, length);
    }
}
