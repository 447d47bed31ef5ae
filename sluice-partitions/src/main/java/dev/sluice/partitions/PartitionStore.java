package dev.sluice.partitions;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The partitions under one directory: each a file whose path below the directory, without the
 * filename suffix, is its id ({@code 2024/01/sales} for {@code 2024/01/sales.csv}), read and written
 * through a per-partition dataset. Hidden files (a leading dot, as temporary files of unfinished
 * writes have) are never partitions. Immutable and thread-safe.
 */
final class PartitionStore<T> {
    private final String datasetName;
    private final Location base;
    private final Function<Location, Dataset<T>> partitionDataset;
    private final String suffix;
    private final int maxDepth;

    PartitionStore(
            String datasetName,
            Location base,
            Function<Location, Dataset<T>> partitionDataset,
            String suffix,
            int maxDepth) {
        this.datasetName = datasetName;
        this.base = Objects.requireNonNull(base, "base");
        this.partitionDataset = Objects.requireNonNull(partitionDataset, "partitionDataset");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("The listing depth must be at least 1, not " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    Location base() {
        return base;
    }

    String suffix() {
        return suffix;
    }

    PartitionStore<T> named(String name) {
        return new PartitionStore<>(name, base, partitionDataset, suffix, maxDepth);
    }

    PartitionStore<T> withSuffix(String newSuffix) {
        return new PartitionStore<>(datasetName, base, partitionDataset, newSuffix, maxDepth);
    }

    PartitionStore<T> withMaxDepth(int depth) {
        return new PartitionStore<>(datasetName, base, partitionDataset, suffix, depth);
    }

    /** Every partition id, sorted, with its dataset; {@code excluded} paths (relative, '/'-separated) are skipped. */
    SortedMap<String, Dataset<T>> list(Set<String> excluded) {
        SortedMap<String, Dataset<T>> partitions = new TreeMap<>();
        try {
            walk(base, "", 1, excluded, partitions);
        } catch (IOException e) {
            throw failure(
                    "Cannot list the partitions under " + base.uri() + ": " + e
                            + ". Check that the store is reachable and its credentials allow listing.",
                    e);
        }
        return partitions;
    }

    private void walk(Location dir, String prefix, int depth, Set<String> excluded, Map<String, Dataset<T>> found)
            throws IOException {
        for (String name : dir.list()) {
            Location child = dir.resolve(name);
            String path = prefix + name;
            if (excluded.contains(path)) {
                continue;
            }
            if (!child.list().isEmpty()) {
                if (depth < maxDepth) {
                    walk(child, path + "/", depth + 1, excluded, found);
                }
            } else if (path.endsWith(suffix) && path.length() > suffix.length()) {
                found.put(path.substring(0, path.length() - suffix.length()), partitionDataset.apply(child));
            }
        }
    }

    /** The dataset of partition {@code id}, checked to stay below the base directory. */
    Dataset<T> partition(String id) {
        boolean valid = !id.isEmpty() && !id.contains("\\");
        for (String part : id.split("/", -1)) {
            valid &= !part.isEmpty() && !part.startsWith(".");
        }
        if (!valid) {
            throw failure(
                    "Cannot save partition '" + id + "': a partition id is a relative path of names separated by '/'"
                            + " (no empty parts, and none starting with '.', such as '..'); rename the key in the node's output map.",
                    null);
        }
        return partitionDataset.apply(base.resolve(id + suffix));
    }

    /**
     * Saves every entry of {@code partitions} in turn, each committed on its own; a {@link Supplier} or
     * {@link Callable} value is called first when {@code lazily}, so values are produced one at a time
     * and dropped once written.
     */
    @SuppressWarnings("unchecked")
    void saveAll(Map<?, ?> partitions, boolean lazily) {
        for (Map.Entry<?, ?> entry : partitions.entrySet()) {
            String id = String.valueOf(entry.getKey());
            Dataset<T> dataset = partition(id);
            Object value = lazily ? produce(id, entry.getValue()) : entry.getValue();
            if (value == null) {
                throw failure(
                        "Cannot save partition '" + id + "': its value is null; leave the partition out of"
                                + " the map instead.",
                        null);
            }
            dataset.save((T) value);
        }
    }

    private Object produce(String id, Object value) {
        try {
            if (value instanceof Supplier<?> supplier) {
                return supplier.get();
            }
            if (value instanceof Callable<?> callable) {
                return callable.call();
            }
            return value;
        } catch (DatasetException e) {
            throw e;
        } catch (Exception e) {
            throw failure(
                    "Cannot save partition '" + id + "': producing its value failed: " + e
                            + ". The partitions saved before it are kept.",
                    e);
        }
    }

    DatasetException failure(String message, Throwable cause) {
        String prefix = datasetName == null ? "" : "Dataset '" + datasetName + "': ";
        return new DatasetException(datasetName, prefix + message, cause);
    }
}
