package dev.sluice.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files Sluice writes follow the Arrow IPC file format as its specification states it
 * (arrow.apache.org/docs/format/Columnar.html, "IPC File Format"), checked here byte by byte, apart from
 * the reader under test.
 */
class FeatherFileLayoutTest {
    @TempDir
    Path dir;

    private ByteBuffer write(DataFrame frame, int chunkSize) throws IOException {
        Path file = dir.resolve("layout.feather");
        FeatherDataset.of(Storage.local(file)).withChunkSize(chunkSize).save(frame);
        return FeatherFiles.bytes(file);
    }

    @Test
    void file_startsAndEndsWithMagic_andItsFooterIndexesEachBatchInTheStream() throws IOException {
        ByteBuffer file = write(SampleFrames.everyType(), 2);

        assertThat(ascii(file, 0, 6)).isEqualTo("ARROW1");
        assertThat(file.get(6)).isZero();
        assertThat(file.get(7)).isZero();
        assertThat(ascii(file, file.limit() - 6, 6)).isEqualTo("ARROW1");

        // The stream: messages one after another from byte 8, each "0xFFFFFFFF, length, flatbuffer, padding, body".
        List<long[]> batchesInStream = new ArrayList<>();
        int position = 8;
        Message first = null;
        while (true) {
            assertThat(position % 8)
                    .as("message at %d starts on 8 bytes", position)
                    .isZero();
            assertThat(file.getInt(position))
                    .as("continuation marker at %d", position)
                    .isEqualTo(0xFFFFFFFF);
            int metadataLength = file.getInt(position + 4);
            if (metadataLength == 0) {
                break; // end-of-stream marker
            }
            assertThat((8 + metadataLength) % 8)
                    .as("metadata padded to 8 bytes")
                    .isZero();
            Message message = Message.getRootAsMessage(
                    file.slice(position + 8, metadataLength).order(ByteOrder.LITTLE_ENDIAN));
            assertThat(message.version()).isEqualTo(MetadataVersion.V5);
            assertThat(message.bodyLength() % 8).isZero();
            if (first == null) {
                first = message;
                assertThat(message.headerType()).isEqualTo(MessageHeader.Schema);
                assertThat(message.bodyLength()).isZero();
            } else {
                assertThat(message.headerType()).isEqualTo(MessageHeader.RecordBatch);
                batchesInStream.add(new long[] {position, 8 + metadataLength, message.bodyLength()});
                checkBatch(file, position + 8 + metadataLength, message, (Schema) first.header(new Schema()));
            }
            position += 8 + metadataLength + (int) message.bodyLength();
        }
        int footerStart = position + 8;
        Footer footer = FeatherFiles.footer(file);
        assertThat(file.limit() - 10 - file.getInt(file.limit() - 10)).isEqualTo(footerStart);
        assertThat(footer.version()).isEqualTo(MetadataVersion.V5);
        assertThat(footer.recordBatchesLength()).isEqualTo(2).isEqualTo(batchesInStream.size());
        for (int b = 0; b < footer.recordBatchesLength(); b++) {
            Block block = footer.recordBatches(b);
            assertThat(new long[] {block.offset(), block.metaDataLength(), block.bodyLength()})
                    .isEqualTo(batchesInStream.get(b));
        }
        Schema streamSchema = (Schema) first.header(new Schema());
        assertThat(names(footer.schema())).isEqualTo(names(streamSchema)).isEqualTo(SampleFrames.names());
    }

    @Test
    void columns_haveTheBuffersTheSpecificationGivesTheirTypes() throws IOException {
        DataFrame frame = DataFrame.byColumn("ints", "texts", "flags", "nothing")
                .of(
                        Series.ofInt(1, 2, 3),
                        Series.of("ab", null, "cde"),
                        Series.ofBool(true, false, true),
                        Series.of(null, null, null));
        ByteBuffer file = write(frame, 100);
        Footer footer = FeatherFiles.footer(file);
        Block block = footer.recordBatches(0);
        Message message = Message.getRootAsMessage(
                file.slice((int) block.offset() + 8, block.metaDataLength() - 8).order(ByteOrder.LITTLE_ENDIAN));
        RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
        ByteBuffer body = file.slice((int) (block.offset() + block.metaDataLength()), (int) block.bodyLength())
                .order(ByteOrder.LITTLE_ENDIAN);

        assertThat(footer.schema().fields(0).typeType()).isEqualTo(Type.Int);
        assertThat(footer.schema().fields(1).typeType()).isEqualTo(Type.Utf8);
        assertThat(footer.schema().fields(2).typeType()).isEqualTo(Type.Bool);
        assertThat(footer.schema().fields(3).typeType()).isEqualTo(Type.Null);
        assertThat(batch.length()).isEqualTo(3);
        assertThat(batch.nodesLength()).isEqualTo(4);
        // ints: validity (none: no nulls), values; texts: validity, offsets, data; flags: validity, bits; nothing: none
        assertThat(batch.buffersLength()).isEqualTo(2 + 3 + 2);
        assertThat(batch.buffers(0).length()).isZero();
        assertThat(slice(body, batch.buffers(1)).getInt(8)).isEqualTo(3);
        FieldNode texts = batch.nodes(1);
        assertThat(texts.nullCount()).isEqualTo(1);
        assertThat(slice(body, batch.buffers(2)).get(0)).isEqualTo((byte) 0b101);
        ByteBuffer offsets = slice(body, batch.buffers(3));
        assertThat(new int[] {offsets.getInt(0), offsets.getInt(4), offsets.getInt(8), offsets.getInt(12)})
                .containsExactly(0, 2, 2, 5);
        assertThat(ascii(slice(body, batch.buffers(4)), 0, 5)).isEqualTo("abcde");
        assertThat(slice(body, batch.buffers(6)).get(0)).isEqualTo((byte) 0b101);
        assertThat(batch.nodes(3).nullCount()).isEqualTo(3);
    }

    private static void checkBatch(ByteBuffer file, int bodyStart, Message message, Schema schema) {
        RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
        assertThat(batch.nodesLength()).isEqualTo(schema.fieldsLength());
        long end = 0;
        for (int i = 0; i < batch.buffersLength(); i++) {
            Buffer buffer = batch.buffers(i);
            assertThat(buffer.offset() % 8).as("buffer %d aligned", i).isZero();
            assertThat(buffer.offset()).as("buffers in order, not overlapping").isGreaterThanOrEqualTo(end);
            end = buffer.offset() + buffer.length();
            assertThat(end).isLessThanOrEqualTo(message.bodyLength());
        }
        for (int i = 0; i < batch.nodesLength(); i++) {
            assertThat(batch.nodes(i).length()).isEqualTo(batch.length());
        }
        for (long padding = end; padding < message.bodyLength(); padding++) {
            assertThat(file.get(bodyStart + (int) padding))
                    .as("padding is zero")
                    .isZero();
        }
    }

    private static List<String> names(Schema schema) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < schema.fieldsLength(); i++) {
            Field field = schema.fields(i);
            assertThat(field.nullable()).isTrue();
            names.add(field.name());
        }
        return names;
    }

    private static ByteBuffer slice(ByteBuffer body, Buffer buffer) {
        return body.slice((int) buffer.offset(), (int) buffer.length()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String ascii(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
