package dev.sluice.partitions;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RunInfo;
import dev.sluice.runner.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms every {@link IncrementalDataset} of the catalog once a run has succeeded, moving each
 * checkpoint past the partitions that run loaded; a failed run confirms nothing. Found with {@link
 * java.util.ServiceLoader} whenever this module is on the class path; register it on a {@code
 * Runner} built in code.
 */
public final class IncrementalCheckpoints implements Hook {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalCheckpoints.class);

    @Override
    public void afterPipelineRun(RunInfo run, Pipeline pipeline, DataCatalog catalog, RunResult result) {
        for (String name : catalog.names()) {
            CatalogEntry entry = catalog.entry(name).orElse(null);
            if (entry != null && entry.dataset() instanceof IncrementalDataset<?> incremental) {
                incremental.confirm();
                incremental.checkpoint().ifPresent(id -> LOG.debug("Checkpoint of '{}' is now '{}'", name, id));
            }
        }
    }
}
