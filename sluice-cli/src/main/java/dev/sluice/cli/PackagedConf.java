package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration that {@code mvn sluice:package} packed into an application jar (under {@value
 * #LOCATION}), read in place through a zip file system. A project run with {@code spark-submit} finds its
 * {@code conf/} there when the project directory has none, as on a cluster's worker.
 */
final class PackagedConf {
    static final String LOCATION = "META-INF/sluice/conf";

    private PackagedConf() {}

    /** The packed {@code conf/} visible to {@code loader}, if a jar on its class path holds one. */
    static Optional<Path> find(ClassLoader loader) {
        URL base = loader.getResource(LOCATION + "/base/");
        if (base == null || !base.getProtocol().equals("jar")) {
            return Optional.empty();
        }
        try {
            JarURLConnection connection = (JarURLConnection) base.openConnection();
            Path jar = Path.of(connection.getJarFileURL().toURI());
            // Left open: the configuration is read while the command runs, and the process ends with it.
            return Optional.of(FileSystems.newFileSystem(jar).getPath("/" + LOCATION));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot read the configuration packed in " + base + ": " + e.getMessage()
                            + "; give the project's conf/ with --conf-source DIR instead",
                    e);
        }
    }
}
