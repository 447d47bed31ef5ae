package dev.sluice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of files' names and contents: the launcher's cache keys. */
final class Fingerprint {
    private Fingerprint() {}

    /**
     * The fingerprint of {@code files} (each name relative to {@code base}, then its bytes), in the given
     * order; a missing file counts as absent, so adding or deleting one changes the result.
     */
    static String of(Path base, List<Path> files) {
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(base.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (Files.isRegularFile(file)) {
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every regular file under the given directories (missing ones skipped), sorted by path. */
    static List<Path> filesUnder(List<Path> dirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort(null);
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
