package dev.sluice.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest, or "development build" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "Sluice " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version")
        };
    }
}
