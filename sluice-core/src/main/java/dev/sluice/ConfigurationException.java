package dev.sluice;

/** A problem in the project's configuration: a YAML file, a catalog entry, a parameter, an option. */
public class ConfigurationException extends SluiceException {
    public ConfigurationException(String message) {
        this(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(Kind.CONFIGURATION, message, cause);
    }
}
