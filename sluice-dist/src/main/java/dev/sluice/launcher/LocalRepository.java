package dev.sluice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local Maven repository a project's build reads, and the install-on-first-use of the distribution's
 * own artifacts into it: the distribution carries Sluice's POMs and jars in Maven's layout under
 * {@code repository/}, so a project that depends on Sluice resolves without anything being published.
 */
final class LocalRepository {
    private LocalRepository() {}

    /**
     * Where Maven keeps its local repository for this project, found the way Maven finds it:
     * {@code -Dmaven.repo.local} in {@code MAVEN_OPTS} or the project's {@code .mvn/maven.config} or
     * {@code .mvn/jvm.config}, else {@code <localRepository>} in {@code ~/.m2/settings.xml}, else
     * {@code ~/.m2/repository}.
     */
    static Path locate(Path project, Map<String, String> env, Path userHome) {
        Optional<String> given = repoLocal(env.getOrDefault("MAVEN_OPTS", ""));
        for (String config : List.of(".mvn/maven.config", ".mvn/jvm.config")) {
            Path file = project.resolve(config);
            if (given.isEmpty() && Files.isRegularFile(file)) {
                given = repoLocal(read(file));
            }
        }
        if (given.isPresent()) {
            return project.resolve(given.get()).toAbsolutePath().normalize();
        }
        Path settings = userHome.resolve(".m2/settings.xml");
        if (Files.isRegularFile(settings)) {
            Optional<String> configured = Xml.text(Xml.read(settings), "localRepository")
                    .filter(s -> !s.isEmpty())
                    .map(s ->
                            s.replace("${user.home}", userHome.toString()).replace("${env.HOME}", userHome.toString()));
            if (configured.isPresent()) {
                return Path.of(configured.get()).toAbsolutePath().normalize();
            }
        }
        return userHome.resolve(".m2/repository");
    }

    private static Optional<String> repoLocal(String options) {
        for (String token : options.trim().split("\\s+")) {
            String option = token.replace("\"", "").replace("'", "");
            if (option.startsWith("-Dmaven.repo.local=")) {
                return Optional.of(option.substring("-Dmaven.repo.local=".length()));
            }
        }
        return Optional.empty();
    }

    /**
     * Copies every file of {@code distribution} that {@code local} lacks or holds with other contents.
     *
     * @return how many files were copied
     */
    static int install(Path distribution, Path local) {
        int copied = 0;
        try {
            for (Path file : Fingerprint.filesUnder(List.of(distribution))) {
                Path target = local.resolve(distribution.relativize(file).toString());
                if (Files.isRegularFile(target) && Files.mismatch(file, target) == -1) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path temporary = target.resolveSibling(target.getFileName() + ".sluice-tmp");
                Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                copied++;
            }
        } catch (IOException e) {
            throw new LaunchException(
                    "Could not install Sluice's artifacts from '" + distribution + "' into the local "
                            + "Maven repository '" + local + "' (" + e + "); make that directory writable.",
                    e);
        }
        return copied;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
