package dev.sluice.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.sluice.arrow.ColumnType.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.TimeUnit;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/**
 * Writes a DataFrame as an Arrow IPC file (Feather version 2): the magic {@code ARROW1}, the schema
 * message, one record batch message per {@code chunkSize} rows, the end-of-stream marker, and the footer
 * that indexes them. Every message and buffer starts at a multiple of 8 bytes; buffers are little-endian,
 * with validity bitmaps only for columns that hold nulls. Not thread-safe; one instance per file.
 */
final class FeatherWriter {
    static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    static final int CONTINUATION = 0xFFFFFFFF;
    private static final byte[] PADDING = new byte[8];

    private final OutputStream out;
    private final FeatherCompression compression;
    private final int compressionLevel;
    private final List<long[]> blocks = new ArrayList<>();
    private long position;
    private String[] labels;
    private ColumnType[] types;

    FeatherWriter(OutputStream out, FeatherCompression compression, int compressionLevel) {
        this.out = out;
        this.compression = compression;
        this.compressionLevel = compressionLevel;
    }

    /**
     * Writes {@code frame} in record batches of at most {@code chunkSize} rows (one empty batch for a frame
     * without rows, as pyarrow writes).
     *
     * @throws IllegalArgumentException naming the column, for a column this format cannot hold
     */
    void write(DataFrame frame, int chunkSize) throws IOException {
        labels = frame.getColumnsIndex().toArray();
        types = new ColumnType[labels.length];
        for (int i = 0; i < labels.length; i++) {
            types[i] = ColumnType.forSeries(labels[i], frame.getColumn(i));
        }
        write(MAGIC);
        write(PADDING, 0, 2);
        FlatBufferBuilder schema = new FlatBufferBuilder();
        writeMessage(schema, MessageHeader.Schema, schema(schema), new byte[0][]);
        int height = frame.height();
        int from = 0;
        do {
            int to = (int) Math.min((long) from + chunkSize, height);
            writeBatch(frame, from, to);
            from = to;
        } while (from < height);
        writeInt(CONTINUATION);
        writeInt(0);
        writeFooter();
    }

    private int schema(FlatBufferBuilder builder) {
        int[] fields = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int name = builder.createString(labels[i]);
            int type = types[i].writeType(builder);
            int children = Field.createChildrenVector(builder, new int[0]);
            fields[i] = Field.createField(builder, name, true, types[i].typeTag(), type, 0, children, 0);
        }
        int fieldVector = Schema.createFieldsVector(builder, fields);
        return Schema.createSchema(builder, Endianness.Little, fieldVector, 0, 0);
    }

    private void writeBatch(DataFrame frame, int from, int to) throws IOException {
        int rows = to - from;
        List<long[]> nodes = new ArrayList<>();
        List<byte[]> buffers = new ArrayList<>();
        for (int c = 0; c < labels.length; c++) {
            encode(frame.getColumn(c), types[c], from, rows, nodes, buffers);
        }
        byte[][] body = new byte[buffers.size()][];
        for (int i = 0; i < body.length; i++) {
            body[i] = compressed(buffers.get(i));
        }
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int compressionTable = 0;
        if (compression != FeatherCompression.UNCOMPRESSED) {
            compressionTable = BodyCompression.createBodyCompression(
                    builder, compression.arrowCodec(), BodyCompressionMethod.BUFFER);
        }
        RecordBatch.startNodesVector(builder, nodes.size());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            FieldNode.createFieldNode(builder, nodes.get(i)[0], nodes.get(i)[1]);
        }
        int nodeVector = builder.endVector();
        RecordBatch.startBuffersVector(builder, body.length);
        long offset = bodyLength(body);
        for (int i = body.length - 1; i >= 0; i--) {
            offset -= padded(body[i].length);
            Buffer.createBuffer(builder, offset, body[i].length);
        }
        int bufferVector = builder.endVector();
        RecordBatch.startRecordBatch(builder);
        RecordBatch.addLength(builder, rows);
        RecordBatch.addNodes(builder, nodeVector);
        RecordBatch.addBuffers(builder, bufferVector);
        if (compressionTable != 0) {
            RecordBatch.addCompression(builder, compressionTable);
        }
        int batch = RecordBatch.endRecordBatch(builder);
        long start = position;
        long metadataLength = writeMessage(builder, MessageHeader.RecordBatch, batch, body);
        blocks.add(new long[] {start, metadataLength, bodyLength(body)});
    }

    /** One buffer of a compressed body: its uncompressed length, then the codec's bytes (or -1 and the raw ones). */
    private byte[] compressed(byte[] buffer) throws IOException {
        if (compression == FeatherCompression.UNCOMPRESSED || buffer.length == 0) {
            return buffer;
        }
        byte[] packed = compression.compress(buffer, compressionLevel);
        boolean smaller = packed.length < buffer.length;
        byte[] data = smaller ? packed : buffer;
        ByteBuffer prefixed = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        prefixed.putLong(smaller ? buffer.length : -1L).put(data);
        return prefixed.array();
    }

    /** Writes a message with its body; returns the length of its metadata part, padding included. */
    private long writeMessage(FlatBufferBuilder builder, byte headerType, int header, byte[][] body)
            throws IOException {
        int message = Message.createMessage(builder, MetadataVersion.V5, headerType, header, bodyLength(body), 0);
        builder.finish(message);
        byte[] metadata = builder.sizedByteArray();
        int paddedLength = padded(8 + metadata.length) - 8;
        writeInt(CONTINUATION);
        writeInt(paddedLength);
        write(metadata);
        write(PADDING, 0, paddedLength - metadata.length);
        for (byte[] buffer : body) {
            write(buffer);
            write(PADDING, 0, padded(buffer.length) - buffer.length);
        }
        return 8L + paddedLength;
    }

    private void writeFooter() throws IOException {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int schema = schema(builder);
        Footer.startDictionariesVector(builder, 0);
        int dictionaries = builder.endVector();
        Footer.startRecordBatchesVector(builder, blocks.size());
        for (int i = blocks.size() - 1; i >= 0; i--) {
            long[] block = blocks.get(i);
            Block.createBlock(builder, block[0], (int) block[1], block[2]);
        }
        int batches = builder.endVector();
        builder.finish(Footer.createFooter(builder, MetadataVersion.V5, schema, dictionaries, batches, 0));
        byte[] footer = builder.sizedByteArray();
        write(footer);
        writeInt(footer.length);
        write(MAGIC);
    }

    private static long bodyLength(byte[][] body) {
        long length = 0;
        for (byte[] buffer : body) {
            length += padded(buffer.length);
        }
        return length;
    }

    static int padded(int length) {
        return (length + 7) & ~7;
    }

    private void writeInt(int value) throws IOException {
        write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array());
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        position += length;
    }

    /** Appends the field node and buffers of rows {@code [from, from + rows)} of one column. */
    private static void encode(
            Series<?> column, ColumnType type, int from, int rows, List<long[]> nodes, List<byte[]> buffers) {
        if (type.kind() == Kind.NULL) {
            nodes.add(new long[] {rows, rows});
            return;
        }
        byte[] validity = new byte[(rows + 7) / 8];
        int nulls = 0;
        for (int i = 0; i < rows; i++) {
            if (column.get(from + i) == null) {
                nulls++;
            } else {
                validity[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        nodes.add(new long[] {rows, nulls});
        buffers.add(nulls == 0 ? new byte[0] : validity);
        if (type.kind() == Kind.BOOL) {
            byte[] bits = new byte[(rows + 7) / 8];
            for (int i = 0; i < rows; i++) {
                boolean value = column instanceof BooleanSeries bools
                        ? bools.getBool(from + i)
                        : Boolean.TRUE.equals(column.get(from + i));
                if (value) {
                    bits[i >> 3] |= (byte) (1 << (i & 7));
                }
            }
            buffers.add(bits);
        } else if (type.hasOffsets()) {
            encodeVariable(column, from, rows, buffers);
        } else {
            ByteBuffer data = ByteBuffer.allocate(rows * type.width()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
                putValue(data, column, from + i, type);
            }
            buffers.add(data.array());
        }
    }

    private static void encodeVariable(Series<?> column, int from, int rows, List<byte[]> buffers) {
        byte[][] values = new byte[rows][];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            Object value = column.get(from + i);
            values[i] = value == null
                    ? new byte[0]
                    : value instanceof byte[] bytes
                            ? bytes
                            : (value instanceof Enum<?> e ? e.name() : value.toString())
                                    .getBytes(StandardCharsets.UTF_8);
            total += values[i].length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a record batch would hold " + total + " bytes of text in one"
                    + " column, more than Arrow's 2 GiB per batch; write fewer rows per batch with"
                    + " save_args.chunksize");
        }
        ByteBuffer offsets = ByteBuffer.allocate((rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = ByteBuffer.allocate((int) total);
        offsets.putInt(0);
        for (byte[] value : values) {
            data.put(value);
            offsets.putInt(data.position());
        }
        buffers.add(offsets.array());
        buffers.add(data.array());
    }

    private static void putValue(ByteBuffer data, Series<?> column, int row, ColumnType type) {
        if (column instanceof IntSeries ints) {
            data.putInt(ints.getInt(row));
            return;
        }
        if (column instanceof LongSeries longs) {
            data.putLong(longs.getLong(row));
            return;
        }
        if (column instanceof DoubleSeries doubles) {
            data.putDouble(doubles.getDouble(row));
            return;
        }
        if (column instanceof FloatSeries floats) {
            data.putFloat(floats.getFloat(row));
            return;
        }
        Object value = column.get(row);
        if (value == null) {
            data.position(data.position() + type.width());
            return;
        }
        switch (type.kind()) {
            case INT8 -> data.put((Byte) value);
            case INT16 -> data.putShort((Short) value);
            case INT32 -> data.putInt((Integer) value);
            case INT64 -> data.putLong((Long) value);
            case FLOAT32 -> data.putFloat((Float) value);
            case FLOAT64 -> data.putDouble((Double) value);
            case DATE_DAY -> data.putInt(Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TIMESTAMP ->
                data.putLong(ticks(
                        value instanceof LocalDateTime time ? time.toInstant(ZoneOffset.UTC) : (Instant) value,
                        type.unit()));
            case TIME64 ->
                data.putLong(((LocalTime) value).toNanoOfDay() / (type.unit() == TimeUnit.MICROSECOND ? 1000 : 1));
            default -> throw new IllegalStateException("no fixed-width encoding for " + type);
        }
    }

    /** {@code instant} in nanoseconds or microseconds since 1970, truncating below a microsecond. */
    private static long ticks(Instant instant, int unit) {
        if (unit == TimeUnit.NANOSECOND) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
