package dev.sluice.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.flatbuf.Footer;

/** Reads parts of Feather files for tests, straight from the bytes. */
final class FeatherFiles {
    private FeatherFiles() {}

    static ByteBuffer bytes(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Footer footer(ByteBuffer file) {
        int length = file.getInt(file.limit() - 10);
        ByteBuffer footer = file.slice(file.limit() - 10 - length, length).order(ByteOrder.LITTLE_ENDIAN);
        return Footer.getRootAsFooter(footer);
    }

    /** The codec of the first record batch's buffers ({@code CompressionType}), or -1 when uncompressed. */
    static int firstBatchCodec(Path file) throws IOException {
        ByteBuffer bytes = bytes(file);
        org.apache.arrow.flatbuf.Block block = footer(bytes).recordBatches(0);
        org.apache.arrow.flatbuf.Message message = org.apache.arrow.flatbuf.Message.getRootAsMessage(
                bytes.slice((int) block.offset() + 8, block.metaDataLength() - 8)
                        .order(ByteOrder.LITTLE_ENDIAN));
        org.apache.arrow.flatbuf.RecordBatch batch =
                (org.apache.arrow.flatbuf.RecordBatch) message.header(new org.apache.arrow.flatbuf.RecordBatch());
        return batch.compression() == null ? -1 : batch.compression().codec();
    }

    static int recordBatchCount(Path file) {
        try {
            return footer(bytes(file)).recordBatchesLength();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
