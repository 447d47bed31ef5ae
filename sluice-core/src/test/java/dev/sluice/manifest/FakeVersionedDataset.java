package dev.sluice.manifest;

import dev.sluice.io.Dataset;
import dev.sluice.io.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A versioned dataset in memory: each save writes the dataset's save version; loads read the pinned or latest one. */
final class FakeVersionedDataset implements Dataset<Object>, Versioned {
    private final ConcurrentSkipListMap<String, String> versions;
    private final String saveVersion;
    private final String pinned;

    FakeVersionedDataset(String saveVersion) {
        this(new ConcurrentSkipListMap<>(), saveVersion, null);
    }

    private FakeVersionedDataset(ConcurrentSkipListMap<String, String> versions, String saveVersion, String pinned) {
        this.versions = versions;
        this.saveVersion = saveVersion;
        this.pinned = pinned;
    }

    /** The same stored versions, saving under {@code version} from now on (a later run). */
    FakeVersionedDataset nextRun(String version) {
        return new FakeVersionedDataset(versions, version, null);
    }

    String stored(String version) {
        return versions.get(version);
    }

    @Override
    public Object load() {
        String version = resolvedLoadVersion().orElseThrow(() -> new IllegalStateException("no version saved"));
        return versions.get(version);
    }

    @Override
    public void save(Object value) {
        versions.put(saveVersion, value.toString());
    }

    @Override
    public boolean exists() {
        return resolvedLoadVersion().isPresent();
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", "fake-versioned");
    }

    @Override
    public String saveVersion() {
        return saveVersion;
    }

    @Override
    public Optional<String> resolvedLoadVersion() {
        if (pinned != null) {
            return versions.containsKey(pinned) ? Optional.of(pinned) : Optional.empty();
        }
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastKey());
    }

    @Override
    public List<String> versions() {
        return new ArrayList<>(versions.keySet());
    }

    @Override
    public Dataset<?> atLoadVersion(String version) {
        return new FakeVersionedDataset(versions, saveVersion, version);
    }
}
