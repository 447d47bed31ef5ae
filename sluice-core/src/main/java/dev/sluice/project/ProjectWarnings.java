package dev.sluice.project;

import dev.sluice.Warning;
import dev.sluice.Warnings;
import dev.sluice.catalog.DatasetPattern;
import dev.sluice.config.CatalogEntryConfig;
import dev.sluice.config.ProjectConfig;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The warnings a project adds when it opens: each pipeline's own ({@link Pipeline#warnings()}) and a
 * catalog entry that no pipeline uses whose name looks like a typo of a dataset that has no entry
 * (which would silently be kept in memory instead of saved).
 */
final class ProjectWarnings {
    private ProjectWarnings() {}

    static void add(Map<String, Pipeline> pipelines, ProjectConfig config, Warnings warnings) {
        Set<String> told = new HashSet<>();
        for (Map.Entry<String, Pipeline> entry : inReportOrder(pipelines).entrySet()) {
            for (Warning warning : entry.getValue().warnings()) {
                // __default__ usually holds every other pipeline: tell each problem once.
                if (told.add(warning.message())) {
                    warnings.add("pipeline '" + entry.getKey() + "'", warning.message());
                }
            }
        }
        misspelledEntries(pipelines, config, warnings);
    }

    private static Map<String, Pipeline> inReportOrder(Map<String, Pipeline> pipelines) {
        Map<String, Pipeline> ordered = new LinkedHashMap<>();
        Pipeline all = pipelines.get(PipelineRegistry.DEFAULT);
        if (all != null) {
            ordered.put(PipelineRegistry.DEFAULT, all);
        }
        ordered.putAll(pipelines);
        return ordered;
    }

    private static void misspelledEntries(Map<String, Pipeline> pipelines, ProjectConfig config, Warnings warnings) {
        Set<String> used = new TreeSet<>();
        pipelines.values().forEach(p -> p.datasets().stream()
                .filter(d -> !DatasetNames.isParameter(d))
                .forEach(used::add));
        List<CatalogEntryConfig> unused = new ArrayList<>();
        Set<String> defined = new HashSet<>();
        List<DatasetPattern> patterns = new ArrayList<>();
        for (CatalogEntryConfig entry : config.catalogEntries()) {
            if (entry.pattern()) {
                patterns.add(DatasetPattern.parse(entry.name()));
            } else {
                defined.add(entry.name());
                if (!used.contains(entry.name())) {
                    unused.add(entry);
                }
            }
        }
        if (unused.isEmpty()) {
            return;
        }
        List<String> withoutEntry = used.stream()
                .filter(name -> !defined.contains(name))
                .filter(name -> patterns.stream().noneMatch(p -> p.match(name).isPresent()))
                .toList();
        for (CatalogEntryConfig entry : unused) {
            withoutEntry.stream()
                    .filter(name -> Suggestions.isLikelyTypo(entry.name(), name))
                    .findFirst()
                    .ifPresent(name -> warnings.add(
                            entry.source(),
                            "catalog entry '" + entry.name() + "' is used by no pipeline, and dataset '" + name
                                    + "' has no catalog entry, so it will be kept in memory and not saved. If the "
                                    + "entry's name is a typo, rename it to '" + name + "'."));
        }
    }
}
