package dev.sluice.manifest;

import dev.sluice.ConfigurationException;
import dev.sluice.pipeline.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs recorded in a project: one directory per run under {@code .sluice/runs/}, named by the run
 * id, holding the run's {@code manifest.json}.
 *
 * <p>Run ids start with the UTC start time ({@code 2025-01-31T09.15.02.123Z}, Kedro's session id
 * format) and end with a random suffix, so sorting ids sorts runs by start time and two runs started
 * in the same millisecond still differ. Immutable; reads the file system on each call.
 */
public final class RunHistory {
    /** The word {@code --resume} takes for the most recent run. */
    public static final String LAST = "last";

    /** The manifest's file name inside a run's directory. */
    public static final String MANIFEST_FILE = "manifest.json";

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RUN_ID = Pattern.compile("[\\w-][\\w.-]*");
    /** How many run ids an error message lists at most. */
    private static final int LISTED = 10;

    private final Path runsDir;

    private RunHistory(Path runsDir) {
        this.runsDir = runsDir;
    }

    /** The runs of the project in {@code projectDir}. */
    public static RunHistory of(Path projectDir) {
        return new RunHistory(
                projectDir.toAbsolutePath().normalize().resolve(".sluice").resolve("runs"));
    }

    /** A new run id for a run starting at {@code start}. */
    public static String newRunId(Instant start) {
        return ID_TIME.format(start) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** The directory holding one directory per run. */
    public Path runsDir() {
        return runsDir;
    }

    /** Where the manifest of run {@code runId} lives (whether or not it exists). */
    public Path manifestFile(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new ConfigurationException("'" + runId + "' is not a run id; run ids contain only letters, digits, "
                    + "'.', '-' and '_'. Pass the id printed by 'sluice run', or 'last'.");
        }
        return runsDir.resolve(runId).resolve(MANIFEST_FILE);
    }

    /** The ids of the recorded runs, oldest first. */
    public List<String> runIds() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST_FILE)))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list the recorded runs in " + runsDir + ": " + e + ".", e);
        }
    }

    /** The most recent run's id, if any run was recorded. */
    public Optional<String> lastRunId() {
        List<String> ids = runIds();
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
    }

    /**
     * Reads the manifest of the run that {@code runId} names (see {@link #resolve}).
     *
     * @throws ConfigurationException when there is no such run or its manifest cannot be read
     */
    public RunManifest read(String runId) {
        String id = resolve(runId);
        return RunManifest.read(manifestFile(id));
    }

    /**
     * The manifest of {@code runId} (or {@value #LAST}) followed by those of the runs it resumed, newest
     * first: the history a resume needs to know what is done.
     *
     * @throws ConfigurationException when one of them is missing or unreadable
     */
    public List<RunManifest> chain(String runId) {
        List<RunManifest> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        RunManifest current = read(runId);
        while (true) {
            if (!seen.add(current.runId())) {
                throw new ConfigurationException("Run " + current.runId() + " appears twice in its own resume "
                        + "history under " + runsDir + "; the manifests were edited. Run without --resume.");
            }
            chain.add(current);
            String previous = current.resumedFrom();
            if (previous == null) {
                return List.copyOf(chain);
            }
            Path file = manifestFile(previous);
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("Run " + current.runId() + " resumed run " + previous
                        + ", whose manifest " + file + " is gone, so what that run committed is unknown. Restore "
                        + "it, or run without --resume.");
            }
            current = RunManifest.read(file);
        }
    }

    /**
     * The id of the run that {@code runId} names: {@value #LAST} (or a blank string) for the most recent
     * run, a run's id, or, as git abbreviates commit hashes, the start of exactly one run's id.
     *
     * @throws ConfigurationException when no run matches, or more than one; the message lists the runs
     */
    public String resolve(String runId) {
        if (runId == null || runId.isBlank() || runId.equals(LAST)) {
            return lastRunId()
                    .orElseThrow(() -> new ConfigurationException("No run has been recorded in " + runsDir
                            + " yet: run the pipeline first ('sluice run', without --resume), or pass the "
                            + "project's directory with --project DIR."));
        }
        if (Files.isRegularFile(manifestFile(runId))) {
            return runId;
        }
        List<String> ids = runIds();
        List<String> matches = ids.stream().filter(id -> id.startsWith(runId)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String hint = matches.size() > 1
                ? " It starts " + matches.size() + " run ids; give more characters."
                : Suggestions.closest(runId, ids)
                        .map(s -> " Did you mean '" + s + "'?")
                        .orElse("");
        throw new ConfigurationException(
                "The project has no run '" + runId + "' in " + runsDir + "." + hint + " " + listing(ids));
    }

    /** The runs, for an error message: the most recent ones, and the word that names the last. */
    private static String listing(List<String> ids) {
        if (ids.isEmpty()) {
            return "No run has been recorded there yet; run the pipeline first.";
        }
        int shown = Math.min(ids.size(), LISTED);
        String runs = ids.size() == shown
                ? "the runs are " + ids
                : "the " + shown + " most recent of " + ids.size() + " runs are "
                        + ids.subList(ids.size() - shown, ids.size());
        return "The most recent run is " + ids.get(ids.size() - 1) + ", which '" + LAST + "' names; " + runs + ".";
    }
}
