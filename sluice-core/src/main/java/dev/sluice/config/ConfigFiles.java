package dev.sluice.config;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the configuration files of one kind in an environment directory. */
final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * The files of {@code kind} below {@code envDir}, sorted by their relative path so that loading is
     * repeatable. Hidden files and folders (names starting with '.') are skipped, as in Kedro.
     */
    static List<Path> find(Path envDir, ConfigKind kind) {
        try (Stream<Path> walk = Files.walk(envDir)) {
            return walk.filter(Files::isRegularFile)
                    .map(envDir::relativize)
                    .filter(relative -> !isHidden(relative))
                    .filter(kind::matches)
                    .sorted(Comparator.comparing(ConfigFiles::slashed))
                    .map(envDir::resolve)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new ConfigurationException(ConfigMessages.unreadableFile(envDir.toString(), e), e);
        }
    }

    /** {@code relative} with '/' separators on every platform, for display and ordering. */
    static String slashed(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path part : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(part);
        }
        return text.toString();
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
