package dev.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which of Sluice's modules provides each dataset type name, read from {@code dataset-modules.properties},
 * so that a catalog naming a type whose module is missing is told what to add.
 */
final class DatasetModules {
    static final String GROUP = "dev.sluice";
    private static final Properties TABLE = load();

    private DatasetModules() {}

    /** Every type name and alias of Sluice's own modules, with the artifact that provides it. */
    static Map<String, String> all() {
        Map<String, String> modules = new TreeMap<>();
        TABLE.stringPropertyNames().stream()
                .filter(name -> !name.equals("version"))
                .forEach(name -> modules.put(name, TABLE.getProperty(name)));
        return Collections.unmodifiableMap(modules);
    }

    /** The version of this Sluice, which a project should use for the module too. */
    static String version() {
        return TABLE.getProperty("version", "");
    }

    /** How to add {@code artifact} to a Maven and to a Gradle build, two lines. */
    static String buildLines(String artifact) {
        String version = version();
        return "  Maven:  <dependency><groupId>" + GROUP + "</groupId><artifactId>" + artifact
                + "</artifactId><version>" + version + "</version></dependency>" + System.lineSeparator()
                + "  Gradle: implementation(\"" + GROUP + ":" + artifact + ":" + version + "\")";
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = DatasetModules.class.getResourceAsStream("dataset-modules.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
