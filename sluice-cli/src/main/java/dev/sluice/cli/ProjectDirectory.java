package dev.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --project} option: where the project is, for every command that reads one. */
final class ProjectDirectory {
    @Option(
            names = "--project",
            paramLabel = "DIR",
            description = "The project's root directory (default: the current directory).")
    Path dir = Path.of(".");
}
