package dev.sluice.manifest;

import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Versioned;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.NodeState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes of a pipeline to run so that a partial run finishes, and which stored versions to load.
 *
 * <ul>
 *   <li>{@link #resume} continues a recorded run: it runs every node of that run's selection that did
 *       not complete with each persisted output committed, plus, walking back, the producers of every
 *       input those nodes need that is not available: kept only in memory, never committed, or gone from
 *       storage. Committed inputs are loaded at the version the run recorded.
 *   <li>{@link #onlyMissingOutputs} is Kedro's {@code --only-missing-outputs}: it runs the nodes with a
 *       persisted output that does not exist (and nodes with no outputs), plus the producers of inputs
 *       those nodes need that are in memory or missing.
 * </ul>
 *
 * <p>Immutable; {@link #resume} and {@link #onlyMissingOutputs} ask the catalog which datasets exist.
 */
public final class ResumePlan {
    private static final Logger LOG = LoggerFactory.getLogger(ResumePlan.class);

    private final Pipeline graph;
    private final Map<String, String> reasons;
    private final Map<String, String> loadVersions;

    private ResumePlan(Pipeline graph, Map<String, String> reasons, Map<String, String> loadVersions) {
        this.graph = graph;
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            if (reasons.containsKey(node.name())) {
                ordered.put(node.name(), reasons.get(node.name()));
            }
        }
        this.reasons = Collections.unmodifiableMap(ordered);
        this.loadVersions = Collections.unmodifiableMap(new TreeMap<>(loadVersions));
    }

    /**
     * The plan that finishes a recorded run.
     *
     * @param graph the pipeline the run was selected from, with the run's own filter applied: nodes to
     *     re-run and producers to walk back to are taken from it
     * @param chain the run's manifest followed by those of the runs it resumed, newest first (see
     *     {@link RunHistory#chain}); the oldest says which nodes the run set out to run, and for each
     *     node and dataset the newest record wins
     */
    public static ResumePlan resume(Pipeline graph, DataCatalog catalog, List<RunManifest> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A resume needs the manifest of the run to resume.");
        }
        RunManifest root = chain.get(chain.size() - 1);
        String runId = chain.get(0).runId();
        Map<String, PipelineNode> selected = new LinkedHashMap<>();
        root.pipeline().forEach(n -> selected.put(n.name(), n));
        for (String name : selected.keySet()) {
            if (!graph.nodeNames().contains(name)) {
                LOG.warn("Node '{}' of run {} is no longer in the pipeline; the resume skips it.", name, root.runId());
            }
        }
        History history = new History(chain);
        Map<String, String> reasons = new HashMap<>();
        for (Node node : graph.nodes()) {
            if (selected.containsKey(node.name())) {
                history.notDoneReason(node, runId).ifPresent(reason -> reasons.put(node.name(), reason));
            }
        }
        Map<String, String> loadVersions = new HashMap<>();
        walkBack(
                graph, reasons, (input, producer) -> history.unavailableReason(input, producer, catalog, loadVersions));
        // An input checked before its producer joined the plan is produced by this run, not loaded.
        loadVersions
                .keySet()
                .removeIf(input -> reasons.containsKey(graph.producerOf(input).name()));
        return new ResumePlan(graph, reasons, loadVersions);
    }

    /** Kedro's {@code --only-missing-outputs} over {@code graph}. */
    public static ResumePlan onlyMissingOutputs(Pipeline graph, DataCatalog catalog) {
        Map<String, String> reasons = new HashMap<>();
        List<Node> reversed = new ArrayList<>(graph.nodes());
        Collections.reverse(reversed);
        for (Node node : reversed) {
            if (node.outputs().isEmpty()) {
                reasons.put(node.name(), "it has no outputs");
                continue;
            }
            for (String output : node.outputs()) {
                if (persistent(catalog, output) && !catalog.exists(output)) {
                    reasons.put(node.name(), "its output '" + output + "' does not exist");
                    break;
                }
            }
        }
        walkBack(graph, reasons, (input, producer) -> {
            if (!persistent(catalog, input)) {
                return Optional.of("is not persisted");
            }
            return catalog.exists(input) ? Optional.empty() : Optional.of("does not exist");
        });
        return new ResumePlan(graph, reasons, Map.of());
    }

    /** Whether no node needs to run. */
    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    /** The nodes to run, as a slice of the pipeline the plan was made from; empty when nothing needs to run. */
    public Optional<Pipeline> pipeline() {
        return isEmpty()
                ? Optional.empty()
                : Optional.of(graph.onlyNodes(reasons.keySet().toArray(String[]::new)));
    }

    /** The names of the nodes to run, in topological order. */
    public List<String> nodeNames() {
        return List.copyOf(reasons.keySet());
    }

    /** Why each node runs, by node name, in topological order. */
    public Map<String, String> reasons() {
        return reasons;
    }

    /**
     * The nodes to run that no other node to run feeds: {@code --from-nodes} with these names (and the
     * run's other options) runs the same nodes, though it may also re-run completed nodes downstream of
     * them and loads the latest stored versions.
     */
    public List<String> fromNodes() {
        List<String> starts = new ArrayList<>();
        for (String name : reasons.keySet()) {
            if (graph.parentsOf(graph.node(name)).stream().noneMatch(p -> reasons.containsKey(p.name()))) {
                starts.add(name);
            }
        }
        return starts;
    }

    /** The versions to load, by input name: the versions the resumed run committed. */
    public Map<String, String> loadVersions() {
        return loadVersions;
    }

    /**
     * Pins every versioned input in {@link #loadVersions()} to its recorded version by replacing its
     * catalog entry with {@link Versioned#atLoadVersion}; inputs whose dataset is no longer versioned
     * load as configured.
     */
    public void pinLoadVersions(DataCatalog catalog) {
        loadVersions.forEach((input, version) -> {
            Optional<CatalogEntry> entry = catalog.entry(input);
            if (entry.isPresent() && entry.get().dataset() instanceof Versioned versioned) {
                CatalogEntry e = entry.get();
                catalog.put(new CatalogEntry(input, versioned.atLoadVersion(version), e.tee(), e.source()));
            } else {
                LOG.warn(
                        "Dataset '{}' was saved at version {}, but its catalog entry is no longer versioned; "
                                + "it loads as configured now.",
                        input,
                        version);
            }
        });
    }

    /** Why an input cannot be loaded from storage (so its producer must run), or empty when it can. */
    @FunctionalInterface
    private interface Availability {
        Optional<String> unavailableReason(String input, Node producer);
    }

    /**
     * Adds to {@code reasons}, transitively, the producer of every input of a node in {@code reasons}
     * that is not available.
     */
    private static void walkBack(Pipeline graph, Map<String, String> reasons, Availability availability) {
        Deque<Node> work = new ArrayDeque<>();
        graph.nodes().stream().filter(n -> reasons.containsKey(n.name())).forEach(work::add);
        while (!work.isEmpty()) {
            Node node = work.poll();
            for (String input : node.inputs()) {
                Node producer = graph.producerOf(input);
                if (producer == null || reasons.containsKey(producer.name())) {
                    continue;
                }
                Optional<String> why = availability.unavailableReason(input, producer);
                if (why.isPresent()) {
                    reasons.put(producer.name(), "'" + node.name() + "' needs '" + input + "', which " + why.get());
                    work.add(producer);
                }
            }
        }
    }

    private static boolean persistent(DataCatalog catalog, String dataset) {
        return catalog.entry(dataset).map(e -> e.dataset().isPersistent()).orElse(false);
    }

    /** The name under which {@code producer} writes the dataset that {@code input} reads. */
    private static String producedName(Node producer, String input) {
        String base = DatasetNames.strip(input);
        for (String output : producer.outputs()) {
            if (DatasetNames.strip(output).equals(base)) {
                return output;
            }
        }
        return input;
    }

    /** The newest record of each node and dataset across a chain of manifests. */
    private static final class History {
        private final List<RunManifest> chain;

        History(List<RunManifest> chain) {
            this.chain = chain;
        }

        Optional<String> notDoneReason(Node node, String runId) {
            for (RunManifest manifest : chain) {
                Optional<NodeRecord> record = manifest.node(node.name());
                if (record.isEmpty()) {
                    continue;
                }
                if (record.get().state() != NodeState.COMPLETED) {
                    return Optional.of("it did not complete in run " + manifest.runId() + " ("
                            + record.get().state() + ")");
                }
                if (!sameDefinition(manifest, node)) {
                    return Optional.of("its inputs or outputs changed since run " + manifest.runId());
                }
                for (String output : node.outputs()) {
                    Optional<DatasetRecord> saved = dataset(output);
                    if (saved.isPresent()
                            && saved.get().persistent()
                            && !saved.get().isCommitted()) {
                        return Optional.of("its output '" + output + "' was not committed in run " + manifest.runId()
                                + " (" + saved.get().state() + ")");
                    }
                }
                return Optional.empty();
            }
            return Optional.of("run " + runId + " has no record of it");
        }

        Optional<String> unavailableReason(
                String input, Node producer, DataCatalog catalog, Map<String, String> loadVersions) {
            String produced = producedName(producer, input);
            Optional<DatasetRecord> record = dataset(produced);
            if (record.isPresent() && !record.get().persistent()) {
                return Optional.of("was kept only in memory");
            }
            if (record.isPresent() && !record.get().isCommitted()) {
                return Optional.of("was not committed (" + record.get().state() + ")");
            }
            if (!persistent(catalog, input)) {
                return Optional.of("is not persisted");
            }
            String version = record.map(DatasetRecord::version).orElse(null);
            Optional<CatalogEntry> entry = catalog.entry(input);
            if (version != null && entry.isPresent() && entry.get().dataset() instanceof Versioned versioned) {
                if (!versioned.versions().contains(version)) {
                    return Optional.of("has no stored version " + version + " any more");
                }
                loadVersions.put(input, version);
                return Optional.empty();
            }
            return catalog.exists(input) ? Optional.empty() : Optional.of("is no longer in storage");
        }

        private Optional<DatasetRecord> dataset(String name) {
            for (RunManifest manifest : chain) {
                Optional<DatasetRecord> record = manifest.dataset(name);
                if (record.isPresent()) {
                    return record;
                }
            }
            return Optional.empty();
        }

        private static boolean sameDefinition(RunManifest manifest, Node node) {
            for (PipelineNode recorded : manifest.pipeline()) {
                if (recorded.name().equals(node.name())) {
                    return recorded.inputs().equals(node.inputs())
                            && recorded.outputs().equals(node.outputs());
                }
            }
            return true;
        }
    }
}
