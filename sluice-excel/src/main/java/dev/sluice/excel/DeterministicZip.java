package dev.sluice.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Copies a ZIP archive entry by entry, in order, giving every entry one fixed time, so that equal
 * content makes equal bytes (POI stamps each entry with the time of writing). The archive is read
 * through its central directory, since POI's streamed entries carry their sizes only there.
 */
final class DeterministicZip {
    /** The earliest time a ZIP entry can carry without extra fields. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private DeterministicZip() {}

    static void rewrite(byte[] zip, OutputStream out) throws IOException {
        ZipOutputStream copy = new ZipOutputStream(out);
        try (ZipFile archive = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                .get()) {
            Enumeration<ZipArchiveEntry> entries = archive.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                ZipEntry fixed = new ZipEntry(entry.getName());
                fixed.setTimeLocal(FIXED_TIME);
                copy.putNextEntry(fixed);
                try (InputStream in = archive.getInputStream(entry)) {
                    in.transferTo(copy);
                }
                copy.closeEntry();
            }
        }
        copy.finish();
    }
}
