package dev.sluice.io;

import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Kedro's versioned dataset: every save writes a new, immutable version at
 * {@code <filepath>/<version>/<file name>}; a load reads the latest version, or the one pinned with
 * {@link #atLoadVersion}. The dataset that reads and writes one version is made by a factory from
 * that version's {@link Location}, so any file format can be versioned. Thread-safe.
 *
 * @param <T> the type of value stored
 */
public final class VersionedDataset<T> implements Dataset<T>, Versioned {
    private static final DateTimeFormatter VERSION_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final AtomicLong LAST_VERSION_MILLIS = new AtomicLong();

    private final Location base;
    private final String fileName;
    private final String saveVersion;
    private final String pinnedLoadVersion;
    private final Function<Location, Dataset<T>> factory;
    private volatile Handoff<T> handoff;

    private VersionedDataset(
            Location base, String saveVersion, String pinnedLoadVersion, Function<Location, Dataset<T>> factory) {
        this.base = Objects.requireNonNull(base, "base");
        this.fileName = lastSegment(base);
        this.saveVersion = Objects.requireNonNull(saveVersion, "saveVersion");
        this.pinnedLoadVersion = pinnedLoadVersion;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A versioned dataset under {@code base} (the entry's {@code filepath}) that saves version
     * {@code saveVersion}.
     *
     * @param factory makes the dataset for one version's file
     */
    public static <T> VersionedDataset<T> of(
            Location base, String saveVersion, Function<Location, Dataset<T>> factory) {
        return new VersionedDataset<>(base, saveVersion, null, factory);
    }

    /**
     * A new version string for now, in Kedro's format ({@code 2026-11-21T09.30.00.123Z}). Versions sort in
     * time order and are unique within this JVM: two calls in the same millisecond get successive ones.
     */
    public static String newVersion() {
        long now = Instant.now().toEpochMilli();
        long millis = LAST_VERSION_MILLIS.accumulateAndGet(now, (last, current) -> Math.max(last + 1, current));
        return VERSION_FORMAT.format(Instant.ofEpochMilli(millis));
    }

    @Override
    public T load() {
        String version = resolvedLoadVersion()
                .orElseThrow(() -> new DatasetException(
                        null,
                        "No version of " + base.uri() + " has been saved yet; run the node that produces it first."));
        Location location = versionLocation(version);
        if (pinnedLoadVersion != null && !exists(location)) {
            throw new DatasetException(
                    null,
                    "Version '" + version + "' of " + base.uri() + " does not exist; saved " + "versions are "
                            + versions() + ".");
        }
        return factory.apply(location).load();
    }

    @Override
    public void save(T value) {
        Location location = versionLocation(saveVersion);
        if (exists(location)) {
            throw new DatasetException(
                    null,
                    "Version '" + saveVersion + "' of " + base.uri() + " already exists; "
                            + "saved versions are immutable, so a run saves each versioned dataset at most once.");
        }
        factory.apply(location).save(value);
    }

    @Override
    public boolean exists() {
        return resolvedLoadVersion().isPresent();
    }

    /** The dataset's directory: every version lies below it. */
    @Override
    public List<Location> locations() {
        return List.of(base);
    }

    @Override
    public String storeKey() {
        return base.storeKey();
    }

    /** The hand-off of the dataset that writes one version: every version holds the same kind of value. */
    @Override
    public Handoff<T> handoff() {
        Handoff<T> known = handoff;
        if (known == null) {
            known = factory.apply(base).handoff();
            handoff = known;
        }
        return known;
    }

    @Override
    public Class<?> valueType() {
        return factory.apply(base).valueType();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description =
                new LinkedHashMap<>(factory.apply(base).describe());
        description.put("versioned", true);
        description.put("save_version", saveVersion);
        if (pinnedLoadVersion != null) {
            description.put("load_version", pinnedLoadVersion);
        }
        return description;
    }

    @Override
    public String saveVersion() {
        return saveVersion;
    }

    @Override
    public Optional<String> resolvedLoadVersion() {
        if (pinnedLoadVersion != null) {
            return Optional.of(pinnedLoadVersion);
        }
        List<String> all = versions();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public List<String> versions() {
        List<String> saved = new ArrayList<>();
        try {
            for (String candidate : base.list()) {
                if (exists(versionLocation(candidate))) {
                    saved.add(candidate);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(null, "Cannot list the versions under " + base.uri() + ": " + e, e);
        }
        saved.sort(null);
        return saved;
    }

    @Override
    public VersionedDataset<T> atLoadVersion(String version) {
        return new VersionedDataset<>(base, saveVersion, Objects.requireNonNull(version, "version"), factory);
    }

    private Location versionLocation(String version) {
        return base.resolve(version).resolve(fileName);
    }

    private static boolean exists(Location location) {
        try {
            return location.exists();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastSegment(Location location) {
        String path = location.uri().getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A versioned dataset needs a file path, not " + location.uri());
        }
        return name;
    }
}
