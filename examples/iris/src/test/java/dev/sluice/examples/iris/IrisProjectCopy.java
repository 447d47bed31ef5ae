package dev.sluice.examples.iris;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Copies the Iris project's configuration and raw data, so tests never write into the source tree. */
final class IrisProjectCopy {
    private IrisProjectCopy() {}

    static void into(Path target) throws IOException {
        Path source = Path.of("").toAbsolutePath();
        for (String dir : List.of("conf", "data/01_raw")) {
            try (Stream<Path> files = Files.walk(source.resolve(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(source.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
