package dev.sluice.partitions;

import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A directory of partitions read incrementally (Kedro's {@code IncrementalDataset}): {@link #load()}
 * loads, eagerly, only the partitions whose ids sort after the checkpoint, and {@link #confirm()}
 * moves the checkpoint to the newest of them, so that the next run sees only what arrived since.
 *
 * <p>The checkpoint is a text file holding a partition id, by default {@code CHECKPOINT} in the
 * directory (never a partition itself). Kedro moves it when a node declares {@code confirms=}; Sluice
 * nodes have no such argument, so the {@link IncrementalCheckpoints} hook confirms every incremental
 * dataset after a run that succeeded, and a failed run leaves the checkpoint where it was. Saves
 * write partitions as {@link PartitionedDataset} does. Thread-safe.
 *
 * @param <T> the value of one partition
 */
public final class IncrementalDataset<T> implements Dataset<Map<String, T>> {
    private final PartitionStore<T> store;
    private final Location checkpoint;
    private final String forcedCheckpoint;
    private final String partitionType;
    private final AtomicReference<String> loadedUpTo = new AtomicReference<>();

    private IncrementalDataset(
            PartitionStore<T> store, Location checkpoint, String forcedCheckpoint, String partitionType) {
        this.store = Objects.requireNonNull(store, "store");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.forcedCheckpoint = forcedCheckpoint;
        this.partitionType = partitionType;
    }

    /** The partitions under {@code directory}, with the checkpoint in {@code directory/CHECKPOINT}. */
    public static <T> IncrementalDataset<T> of(Location directory, Function<Location, Dataset<T>> partition) {
        return new IncrementalDataset<>(
                new PartitionStore<>(null, directory, partition, "", Integer.MAX_VALUE),
                directory.resolve("CHECKPOINT"),
                null,
                null);
    }

    /** This dataset, where only files ending in {@code suffix} are partitions, their ids without it. */
    public IncrementalDataset<T> withFilenameSuffix(String suffix) {
        return new IncrementalDataset<>(store.withSuffix(suffix), checkpoint, forcedCheckpoint, partitionType);
    }

    /** This dataset, keeping its checkpoint at {@code location}. */
    public IncrementalDataset<T> withCheckpointAt(Location location) {
        return new IncrementalDataset<>(store, location, forcedCheckpoint, partitionType);
    }

    /**
     * This dataset, loading the partitions after {@code id} whatever the checkpoint file says (Kedro's
     * {@code force_checkpoint}); an empty id loads every partition.
     */
    public IncrementalDataset<T> withForcedCheckpoint(String id) {
        return new IncrementalDataset<>(store, checkpoint, Objects.requireNonNull(id, "id"), partitionType);
    }

    IncrementalDataset<T> describedAs(String name, String type) {
        return new IncrementalDataset<>(store.named(name), checkpoint, forcedCheckpoint, type);
    }

    /** A sorted, unmodifiable map from id to value of every partition after the checkpoint; may be empty. */
    @Override
    public Map<String, T> load() {
        String after = checkpoint().orElse(null);
        SortedMap<String, Dataset<T>> partitions = store.list(checkpointInside());
        SortedMap<String, T> values = new TreeMap<>();
        partitions.forEach((id, dataset) -> {
            if (after == null || id.compareTo(after) > 0) {
                values.put(id, dataset.load());
            }
        });
        if (!values.isEmpty()) {
            loadedUpTo.set(values.lastKey());
        }
        return Collections.unmodifiableSortedMap(values);
    }

    /**
     * Moves the checkpoint to the newest partition the last {@link #load()} returned, committing it
     * atomically; does nothing when that load returned nothing or it was already confirmed.
     */
    public void confirm() {
        String newest = loadedUpTo.getAndSet(null);
        if (newest == null) {
            return;
        }
        try {
            checkpoint.write(out -> out.write(newest.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            loadedUpTo.compareAndSet(null, newest);
            throw store.failure(
                    "Cannot write the checkpoint " + checkpoint.uri() + ": " + e
                            + ". The checkpoint is unchanged, so the next run loads these partitions again.",
                    e);
        }
    }

    /** The partition id the checkpoint holds: the forced one, or the checkpoint file's, if any. */
    public Optional<String> checkpoint() {
        if (forcedCheckpoint != null) {
            return forcedCheckpoint.isEmpty() ? Optional.empty() : Optional.of(forcedCheckpoint);
        }
        try (InputStream in = checkpoint.openRead()) {
            String id = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (NoSuchFileException | FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!existsQuietly(checkpoint)) {
                return Optional.empty();
            }
            throw store.failure(
                    "Cannot read the checkpoint " + checkpoint.uri() + ": " + e
                            + ". Check that it is readable, or delete it to load every partition.",
                    e);
        }
    }

    /** The checkpoint's path below the directory, so that listing skips it; empty when it lives elsewhere. */
    private Set<String> checkpointInside() {
        URI base = store.base().uri();
        String dir = base.toString().endsWith("/") ? base.toString() : base + "/";
        String file = checkpoint.uri().toString();
        return file.startsWith(dir) ? Set.of(file.substring(dir.length())) : Set.of();
    }

    private static boolean existsQuietly(Location location) {
        try {
            return location.exists();
        } catch (IOException e) {
            return true;
        }
    }

    /** Saves each entry as its partition, producing supplier values first, as {@link PartitionedDataset} does. */
    @Override
    public void save(Map<String, T> partitions) {
        if (partitions == null) {
            throw store.failure("Cannot save null; pass a map from partition id to value.", null);
        }
        store.saveAll(partitions, true);
    }

    /** Whether the directory holds at least one partition (new or not). */
    @Override
    public boolean exists() {
        return !store.list(checkpointInside()).isEmpty();
    }

    @Override
    public List<Location> locations() {
        return List.of(store.base());
    }

    @Override
    public String storeKey() {
        return store.base().storeKey();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "incremental");
        description.put("path", store.base().uri().toString());
        if (partitionType != null) {
            description.put("dataset", partitionType);
        }
        if (!store.suffix().isEmpty()) {
            description.put("filename_suffix", store.suffix());
        }
        description.put("checkpoint", checkpoint.uri().toString());
        return description;
    }

    @Override
    public String toString() {
        return "IncrementalDataset(" + store.base().uri() + ")";
    }
}
