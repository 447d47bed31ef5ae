package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child process of {@link LocalAtomicWriteTest} and {@link LeftoverTempFilesTest}: starts writing a large file through
 * {@link Storage#local} and, after the first {@value #WRITTEN_BEFORE_PAUSE} bytes have reached the
 * temporary file, waits on standard input, which the parent never writes to: the parent kills this
 * process mid-write.
 */
final class KilledWriter {
    static final int WRITTEN_BEFORE_PAUSE = 4 * 1024 * 1024;
    static final int FULL_SIZE = 3 * WRITTEN_BEFORE_PAUSE;

    private KilledWriter() {}

    /** Starts this writer in a child JVM writing {@code target}, its standard error going to {@code errors}. */
    static Process start(Path target, Path errors) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledWriter.class.getName(),
                        target.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile())
                .start();
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'n');
        Storage.local(target).write(out -> {
            for (int written = 0; written < FULL_SIZE; written += chunk.length) {
                out.write(chunk);
                if (written + chunk.length == WRITTEN_BEFORE_PAUSE) {
                    out.flush();
                    if (System.in.read() < 0) {
                        throw new IOException("parent closed standard input; abandoning the write");
                    }
                }
            }
        });
    }
}
