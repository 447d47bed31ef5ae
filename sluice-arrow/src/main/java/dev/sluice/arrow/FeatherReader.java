package dev.sluice.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Union;
import org.apache.arrow.flatbuf.UnionMode;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Reads an Arrow IPC file (Feather version 2) into a DataFrame: the footer locates the schema, the
 * dictionary batches and the record batches, which are read one at a time, their buffers decompressed
 * when the file says so (LZ4 frames or Zstandard). Columns that are not asked for are skipped without
 * decoding, whatever their type.
 *
 * <p>Problems with the content are {@link IllegalArgumentException}s whose message says what is wrong;
 * the dataset adds where.
 */
final class FeatherReader {
    private static final byte[] FEATHER_V1 = "FEA1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = FeatherWriter.MAGIC.length + 4;

    private final FeatherInput input;

    FeatherReader(FeatherInput input) {
        this.input = input;
    }

    /** The columns of the file; all of them when {@code columns} is empty, else those, in that order. */
    DataFrame read(List<String> columns) throws IOException {
        Footer footer = footer();
        Schema schema = footer.schema();
        if (schema == null) {
            throw new IllegalArgumentException("its footer has no schema");
        }
        if (schema.endianness() != Endianness.Little) {
            throw new IllegalArgumentException("it was written big-endian; Sluice reads little-endian Arrow files,"
                    + " which is what pandas, pyarrow and Arrow Java write on common machines");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < schema.fieldsLength(); i++) {
            names.add(schema.fields(i).name());
        }
        List<String> wanted = columns.isEmpty() ? names : columns;
        List<String> missing = wanted.stream().filter(c -> !names.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the file has no column" + (missing.size() > 1 ? "s " : " ") + missing
                    + " (it has " + names + "); if 'columns' under load_args is wrong, fix it there");
        }

        List<Message> batches = new ArrayList<>();
        List<Block> batchBlocks = new ArrayList<>();
        long rows = 0;
        for (int b = 0; b < footer.recordBatchesLength(); b++) {
            Block block = footer.recordBatches(b);
            Message message = message(block, MessageHeader.RecordBatch);
            rows += ((RecordBatch) message.header(new RecordBatch())).length();
            batches.add(message);
            batchBlocks.add(block);
        }
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("it holds " + rows + " rows, more than a DataFrame can hold");
        }

        Map<String, ColumnValues> values = new LinkedHashMap<>();
        Map<Long, List<Object>> dictionaries = new HashMap<>();
        int[][] layouts = new int[schema.fieldsLength()][];
        for (int i = 0; i < schema.fieldsLength(); i++) {
            Field field = schema.fields(i);
            layouts[i] = layout(field);
            if (wanted.contains(field.name())) {
                DictionaryEncoding dictionary = field.dictionary();
                ColumnType type = dictionary == null ? ColumnType.read(field) : indexType(field, dictionary);
                if (dictionary != null) {
                    ColumnType.read(field);
                    dictionaries.put(dictionary.id(), new ArrayList<>());
                }
                values.put(field.name(), new ColumnValues(field.name(), type, (int) rows));
            }
        }
        readDictionaries(footer, schema, dictionaries);

        int at = 0;
        for (int b = 0; b < batches.size(); b++) {
            RecordBatch batch = (RecordBatch) batches.get(b).header(new RecordBatch());
            Block block = batchBlocks.get(b);
            Body body = body(block, batches.get(b), batch);
            int node = 0;
            int buffer = 0;
            for (int i = 0; i < schema.fieldsLength(); i++) {
                ColumnValues column = values.get(schema.fields(i).name());
                if (column != null) {
                    body.readInto(column, node, buffer, columnType(schema.fields(i)), at);
                }
                node += layouts[i][0];
                buffer += layouts[i][1];
            }
            at += (int) batch.length();
        }

        List<Series<?>> series = new ArrayList<>();
        for (String name : wanted) {
            Field field = field(schema, name);
            ColumnValues column = values.get(name);
            series.add(
                    field.dictionary() == null
                            ? column.series()
                            : column.lookUp(dictionaries.get(field.dictionary().id())));
        }
        return DataFrame.byColumn(wanted.toArray(String[]::new)).ofIterable(series);
    }

    private Footer footer() throws IOException {
        long size = input.size();
        byte[] head = bytes(input.read(0, (int) Math.min(size, 8)));
        if (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), FEATHER_V1)) {
            throw new IllegalArgumentException("it is a Feather version 1 file, a format Arrow no longer writes;"
                    + " write it again with pandas' to_feather (pyarrow 0.17 or later writes version 2)");
        }
        if (size < 2L * 8 + TAIL
                || !Arrays.equals(Arrays.copyOf(head, 6), FeatherWriter.MAGIC)
                || !Arrays.equals(bytes(input.read(size - 6, 6)), FeatherWriter.MAGIC)) {
            throw new IllegalArgumentException("it is not a Feather (Arrow IPC) file, or it was cut short (such a"
                    + " file begins and ends with 'ARROW1'; this one has " + size + " bytes)");
        }
        int footerLength =
                input.read(size - TAIL, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > size - TAIL - 8) {
            throw new IllegalArgumentException(
                    "its footer length " + footerLength + " does not fit its " + size + " bytes");
        }
        ByteBuffer footer = input.read(size - TAIL - footerLength, footerLength).order(ByteOrder.LITTLE_ENDIAN);
        return Footer.getRootAsFooter(footer);
    }

    /** The message a footer block points at, checked to be of {@code headerType}. */
    private Message message(Block block, byte headerType) throws IOException {
        if (block.metaDataLength() < 8
                || block.offset() < 8
                || block.offset() + block.metaDataLength() > input.size()) {
            throw new IllegalArgumentException("a block of its footer points outside the file (offset " + block.offset()
                    + ", " + block.metaDataLength() + " bytes)");
        }
        ByteBuffer metadata = input.read(block.offset(), block.metaDataLength()).order(ByteOrder.LITTLE_ENDIAN);
        // Since Arrow 0.15 a message starts with 0xFFFFFFFF and its length; before, with its length only.
        int start = metadata.getInt(0) == FeatherWriter.CONTINUATION ? 8 : 4;
        Message message =
                Message.getRootAsMessage(metadata.position(start).slice().order(ByteOrder.LITTLE_ENDIAN));
        if (message.headerType() != headerType) {
            throw new IllegalArgumentException("a block of its footer points at a "
                    + MessageHeader.name(message.headerType()) + " message where a "
                    + MessageHeader.name(headerType) + " was expected");
        }
        return message;
    }

    private Body body(Block block, Message message, RecordBatch batch) throws IOException {
        long length = block.bodyLength();
        if (length > Integer.MAX_VALUE || block.offset() + block.metaDataLength() + length > input.size()) {
            throw new IllegalArgumentException("a record batch's body (" + length + " bytes) does not fit the file");
        }
        ByteBuffer bytes = input.read(block.offset() + block.metaDataLength(), (int) length);
        BodyCompression compression = batch.compression();
        FeatherCompression codec = FeatherCompression.UNCOMPRESSED;
        if (compression != null) {
            codec = FeatherCompression.ofArrowCodec(compression.codec())
                    .orElseThrow(() -> new IllegalArgumentException("its buffers are compressed with codec "
                            + compression.codec() + ", which Sluice does not know; it reads LZ4_FRAME and ZSTD"));
        }
        return new Body(bytes.order(ByteOrder.LITTLE_ENDIAN), batch, codec);
    }

    private void readDictionaries(Footer footer, Schema schema, Map<Long, List<Object>> dictionaries)
            throws IOException {
        for (int d = 0; d < footer.dictionariesLength(); d++) {
            Block block = footer.dictionaries(d);
            Message message = message(block, MessageHeader.DictionaryBatch);
            DictionaryBatch batch = (DictionaryBatch) message.header(new DictionaryBatch());
            List<Object> entries = dictionaries.get(batch.id());
            if (entries == null) {
                continue;
            }
            Field field = dictionaryField(schema, batch.id());
            RecordBatch data = batch.data();
            ColumnValues values = new ColumnValues(field.name(), ColumnType.read(field), (int) data.length());
            body(block, message, data).readInto(values, 0, 0, ColumnType.read(field), 0);
            if (!batch.isDelta()) {
                entries.clear();
            }
            for (int i = 0; i < data.length(); i++) {
                entries.add(values.get(i));
            }
        }
    }

    private static Field dictionaryField(Schema schema, long id) {
        for (int i = 0; i < schema.fieldsLength(); i++) {
            DictionaryEncoding encoding = schema.fields(i).dictionary();
            if (encoding != null && encoding.id() == id) {
                return schema.fields(i);
            }
        }
        throw new IllegalArgumentException("a dictionary batch has id " + id + ", which no column uses");
    }

    private static Field field(Schema schema, String name) {
        for (int i = 0; i < schema.fieldsLength(); i++) {
            if (schema.fields(i).name().equals(name)) {
                return schema.fields(i);
            }
        }
        throw new IllegalStateException(name);
    }

    /** What a column's buffers hold: its own values, or its dictionary indices. */
    private static ColumnType columnType(Field field) {
        return field.dictionary() == null ? ColumnType.read(field) : indexType(field, field.dictionary());
    }

    private static ColumnType indexType(Field field, DictionaryEncoding encoding) {
        Int index = encoding.indexType();
        if (index == null) {
            return ColumnType.of(ColumnType.Kind.INT32);
        }
        ColumnType.Kind kind =
                switch (index.bitWidth()) {
                    case 8 -> index.isSigned() ? ColumnType.Kind.INT8 : ColumnType.Kind.UINT8;
                    case 16 -> index.isSigned() ? ColumnType.Kind.INT16 : ColumnType.Kind.UINT16;
                    case 32 -> index.isSigned() ? ColumnType.Kind.INT32 : ColumnType.Kind.UINT32;
                    default -> index.isSigned() ? ColumnType.Kind.INT64 : ColumnType.Kind.UINT64;
                };
        return ColumnType.of(kind);
    }

    /**
     * How many field nodes and buffers a field takes in a record batch, its children included, so that
     * columns not read can be skipped.
     */
    static int[] layout(Field field) {
        if (field.dictionary() != null) {
            return new int[] {1, 2};
        }
        int[] own =
                switch (field.typeType()) {
                    case Type.Null, Type.RunEndEncoded -> new int[] {1, 0};
                    case Type.Bool,
                            Type.Int,
                            Type.FloatingPoint,
                            Type.Decimal,
                            Type.Date,
                            Type.Time,
                            Type.Timestamp,
                            Type.Interval,
                            Type.Duration,
                            Type.FixedSizeBinary,
                            Type.List,
                            Type.LargeList,
                            Type.Map -> new int[] {1, 2};
                    case Type.Utf8, Type.Binary, Type.LargeUtf8, Type.LargeBinary, Type.ListView, Type.LargeListView ->
                        new int[] {1, 3};
                    case Type.FixedSizeList, Type.Struct_ -> new int[] {1, 1};
                    case Type.Union ->
                        new int[] {1, ((Union) field.type(new Union())).mode() == UnionMode.Dense ? 2 : 1};
                    default ->
                        throw new IllegalArgumentException("column '" + field.name() + "' has Arrow type "
                                + Type.name(field.typeType())
                                + ", which Sluice can neither read nor skip; write the file"
                                + " without it");
                };
        for (int c = 0; c < field.childrenLength(); c++) {
            int[] child = layout(field.children(c));
            own[0] += child[0];
            own[1] += child[1];
        }
        return own;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** One record batch's body and the metadata that locates its buffers. */
    private record Body(ByteBuffer bytes, RecordBatch batch, FeatherCompression codec) {
        void readInto(ColumnValues values, int node, int firstBuffer, ColumnType type, int at) throws IOException {
            FieldNode fieldNode = batch.nodes(node);
            int count = Math.toIntExact(fieldNode.length());
            if (count != batch.length()) {
                throw new IllegalArgumentException(
                        "a column holds " + count + " values in a batch of " + batch.length() + " rows");
            }
            ByteBuffer empty = ByteBuffer.allocate(0);
            if (type.kind() == ColumnType.Kind.NULL) {
                values.read(at, count, count, empty, empty, empty);
                return;
            }
            ByteBuffer validity = buffer(firstBuffer);
            ByteBuffer offsets = type.hasOffsets() ? buffer(firstBuffer + 1) : empty;
            ByteBuffer data = buffer(firstBuffer + (type.hasOffsets() ? 2 : 1));
            values.read(at, count, fieldNode.nullCount(), validity, offsets, data);
        }

        private ByteBuffer buffer(int index) throws IOException {
            org.apache.arrow.flatbuf.Buffer buffer = batch.buffers(index);
            long offset = buffer.offset();
            long length = buffer.length();
            if (offset < 0 || length < 0 || offset + length > bytes.limit()) {
                throw new IllegalArgumentException("buffer " + index + " (" + length + " bytes at " + offset
                        + ") lies outside its record batch's " + bytes.limit() + " bytes");
            }
            ByteBuffer raw = bytes.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
            if (codec == FeatherCompression.UNCOMPRESSED || length == 0) {
                return raw;
            }
            long uncompressed = raw.getLong(0);
            if (uncompressed == -1) {
                return raw.slice(8, (int) length - 8).order(ByteOrder.LITTLE_ENDIAN);
            }
            if (uncompressed < 0 || uncompressed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "buffer " + index + " declares " + uncompressed + " bytes uncompressed");
            }
            byte[] packed = new byte[(int) length - 8];
            raw.get(8, packed);
            return ByteBuffer.wrap(codec.decompress(packed, 0, packed.length, (int) uncompressed))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
