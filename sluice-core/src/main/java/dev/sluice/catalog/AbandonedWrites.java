package dev.sluice.catalog;

import dev.sluice.ConfigurationException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.ByteSize;
import dev.sluice.storage.Leftovers;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what writes killed before they committed left under catalog entries: Sluice's temporary
 * files beside local datasets, unfinished multipart uploads under S3 keys. {@code sluice run} (and a
 * resume) calls it for the datasets of its pipeline before the first node starts; each
 * {@link Location#removeLeftovers()} decides what is abandoned and never touches a live write.
 */
public final class AbandonedWrites {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedWrites.class);

    private AbandonedWrites() {}

    /**
     * Removes the leftovers under the persisted entries among {@code names} and logs one INFO line
     * when it removed any. Entries that cannot be built are skipped, and a store that fails to answer
     * is warned about once and skipped, so this never fails: the run reports such problems itself.
     *
     * @return what was removed
     */
    public static Leftovers remove(DataCatalog catalog, Collection<String> names) {
        Map<URI, Location> locations = new LinkedHashMap<>();
        Map<URI, String> owners = new LinkedHashMap<>();
        for (String name : new TreeSet<>(names)) {
            Dataset<?> dataset;
            try {
                dataset = catalog.entry(name).map(CatalogEntry::dataset).orElse(null);
            } catch (ConfigurationException e) {
                continue;
            }
            if (dataset == null || !dataset.isPersistent()) {
                continue;
            }
            for (Location location : dataset.locations()) {
                locations.putIfAbsent(location.uri(), location);
                owners.putIfAbsent(location.uri(), name);
            }
        }
        Leftovers removed = Leftovers.NONE;
        Set<String> failedStores = new HashSet<>();
        Set<String> cleaned = new TreeSet<>();
        for (Map.Entry<URI, Location> each : locations.entrySet()) {
            Location location = each.getValue();
            if (failedStores.contains(location.storeKey())) {
                continue;
            }
            try {
                Leftovers found = location.removeLeftovers();
                if (found.count() > 0) {
                    cleaned.add(owners.get(each.getKey()));
                    removed = removed.plus(found);
                }
            } catch (IOException | RuntimeException e) {
                failedStores.add(location.storeKey());
                LOG.warn(
                        "Could not look for leftovers of interrupted writes at {} (dataset '{}'): {}. Skipping the"
                                + " other datasets on {}; the run goes on.",
                        location.uri(),
                        owners.get(each.getKey()),
                        e.getMessage(),
                        location.storeKey());
            }
        }
        if (removed.count() > 0) {
            LOG.info(
                    "Removed {} leftover(s) of writes killed before they committed ({}), under {}",
                    removed.count(),
                    ByteSize.format(removed.bytes()),
                    cleaned);
        }
        return removed;
    }
}
