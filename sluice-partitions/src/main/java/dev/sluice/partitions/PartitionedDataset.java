package dev.sluice.partitions;

import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A directory of partitions, each stored by its own dataset (Kedro's {@code PartitionedDataset}).
 *
 * <p>{@link #load()} lists the directory and returns a lazy map, sorted by partition id, from id to a
 * {@link Supplier} that loads that partition when called (and again at each call): nothing is read
 * until a node asks for it. {@link #save} takes a map from partition id to a value, or to a {@code
 * Supplier} (or {@code Callable}) that produces it; entries are produced and written one at a time,
 * in the map's order, each committed atomically by its dataset, so memory holds one partition at a
 * time and a failure keeps the partitions already written. Existing partitions not in the map stay.
 *
 * <p>Under the tee, a node's output map is handed to its consumers as it is: suppliers run when the
 * save or a consumer calls them, so a consumer that calls one runs it again (keep suppliers cheap or
 * pure). Immutable and thread-safe.
 *
 * @param <T> the value of one partition
 */
public final class PartitionedDataset<T> implements Dataset<Map<String, Supplier<T>>> {
    private final PartitionStore<T> store;
    private final boolean saveLazily;
    private final String partitionType;

    private PartitionedDataset(PartitionStore<T> store, boolean saveLazily, String partitionType) {
        this.store = Objects.requireNonNull(store, "store");
        this.saveLazily = saveLazily;
        this.partitionType = partitionType;
    }

    /**
     * The partitions under {@code directory}, each read and written by the dataset {@code partition}
     * makes for its location; every file below is a partition, at any depth.
     */
    public static <T> PartitionedDataset<T> of(Location directory, Function<Location, Dataset<T>> partition) {
        return new PartitionedDataset<>(
                new PartitionStore<>(null, directory, partition, "", Integer.MAX_VALUE), true, null);
    }

    /** This dataset, where only files ending in {@code suffix} are partitions, their ids without it. */
    public PartitionedDataset<T> withFilenameSuffix(String suffix) {
        return new PartitionedDataset<>(store.withSuffix(suffix), saveLazily, partitionType);
    }

    /** This dataset, looking at most {@code depth} directory levels down (1: only files directly inside). */
    public PartitionedDataset<T> withMaxDepth(int depth) {
        return new PartitionedDataset<>(store.withMaxDepth(depth), saveLazily, partitionType);
    }

    /**
     * This dataset, calling supplier values before saving them ({@code true}, the default) or saving
     * them as they are ({@code false}, for partitions whose values are themselves functions).
     */
    public PartitionedDataset<T> savingLazily(boolean lazily) {
        return new PartitionedDataset<>(store, lazily, partitionType);
    }

    PartitionedDataset<T> describedAs(String name, String type) {
        return new PartitionedDataset<>(store.named(name), saveLazily, type);
    }

    /**
     * A sorted, unmodifiable map from partition id to a loader of that partition.
     *
     * @throws dev.sluice.DatasetException if the directory has no partitions, as Kedro does
     */
    @Override
    public Map<String, Supplier<T>> load() {
        SortedMap<String, Dataset<T>> partitions = store.list(Set.of());
        if (partitions.isEmpty()) {
            throw store.failure(
                    "No partitions under " + store.base().uri()
                            + (store.suffix().isEmpty() ? "" : " ending in '" + store.suffix() + "'")
                            + ". Run the node that produces this dataset first, or fix the entry's path"
                            + " (and filename_suffix).",
                    null);
        }
        SortedMap<String, Supplier<T>> loaders = new TreeMap<>();
        partitions.forEach((id, dataset) -> loaders.put(id, dataset::load));
        return Collections.unmodifiableSortedMap(loaders);
    }

    /** Saves each entry as its partition; see the class description. */
    @Override
    public void save(Map<String, Supplier<T>> partitions) {
        if (partitions == null) {
            throw store.failure("Cannot save null; pass a map from partition id to value.", null);
        }
        store.saveAll(partitions, saveLazily);
    }

    /** Whether the directory holds at least one partition. */
    @Override
    public boolean exists() {
        return !store.list(Set.of()).isEmpty();
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
        description.put("type", "partitioned");
        description.put("path", store.base().uri().toString());
        if (partitionType != null) {
            description.put("dataset", partitionType);
        }
        if (!store.suffix().isEmpty()) {
            description.put("filename_suffix", store.suffix());
        }
        return description;
    }

    @Override
    public String toString() {
        return "PartitionedDataset(" + store.base().uri() + ")";
    }
}
