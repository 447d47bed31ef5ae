package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code sluice --version}: the version and commit this CLI was built from (recorded by the build in
 * {@code sluice-version.properties}), the Java runtime, and the installation when a launcher names one.
 */
final class VersionProvider implements IVersionProvider {
    /** The system property the distribution's launcher sets to its installation directory. */
    static final String HOME_PROPERTY = "sluice.home";

    private static final Properties BUILD = load();

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        String commit = commit();
        lines.add("Sluice " + version() + (commit.isEmpty() ? "" : " (commit " + commit + ")"));
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            lines.add("Home " + home);
        }
        return lines.toArray(String[]::new);
    }

    /** The Sluice version this CLI was built as, e.g. {@code 0.1.0}. */
    static String version() {
        return BUILD.getProperty("version");
    }

    /** The abbreviated commit this CLI was built from, or "" when the build did not know it. */
    static String commit() {
        String commit = BUILD.getProperty("commit", "");
        return commit.isBlank() || commit.equals("unknown") || commit.startsWith("${") ? "" : commit;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("sluice-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("sluice-version.properties is missing from the Sluice CLI jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
