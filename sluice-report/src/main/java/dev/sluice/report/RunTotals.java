package dev.sluice.report;

import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifest.DatasetRecord;
import dev.sluice.manifest.RunManifest.Load;
import dev.sluice.manifest.RunManifest.NodeRecord;
import dev.sluice.manifest.RunManifest.PipelineNode;
import dev.sluice.manifest.RunManifest.Span;
import dev.sluice.pipeline.DatasetNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's headline numbers, computed from a manifest alone. Durations are milliseconds.
 *
 * @param wallMs the run's wall time, start to finish (to the latest recorded time if unfinished)
 * @param syncIoMs what the run's intermediate I/O would cost on the path of a sync run: for each
 *     persisted dataset the run saved, its measured save time (from when it started writing to its
 *     commit) once for the save and once more for each node of the run that reads it, the save time
 *     standing in for a load
 * @param waitedMs the wall time during which a save or a load of an intermediate was in progress, or a
 *     save was queued, while no node was computing and no free input was loading: the I/O the run
 *     actually waited for
 * @param queuedMs the time saves spent queued, added up over saves: from when their node handed the
 *     value on to when they started writing (waiting for a slot of their store or an I/O thread)
 * @param queuedSaves how many saves waited in a queue at all
 * @param offPathMs {@code syncIoMs - waitedMs}, at least zero: the I/O taken off the critical path
 * @param limitMs the physical limit: the longest chain of compute through the DAG, where a node
 *     starts after its parents and after the load of its free inputs (which may start at time zero),
 *     plus the longest save of an output of that chain's last node
 */
record RunTotals(
        long wallMs, long syncIoMs, long waitedMs, long offPathMs, long limitMs, long queuedMs, int queuedSaves) {

    /** Wall time over the physical limit, or {@code NaN} when the limit is zero. */
    double ratio() {
        return limitMs > 0 ? (double) wallMs / limitMs : Double.NaN;
    }

    static RunTotals of(RecordedRun run) {
        RunManifest manifest = run.manifest();
        long end = run.endMs();
        Map<String, PipelineNode> producers = new HashMap<>();
        Map<String, Set<String>> consumers = new HashMap<>();
        for (PipelineNode node : manifest.pipeline()) {
            node.outputs().forEach(o -> producers.put(DatasetNames.strip(o), node));
            node.inputs().forEach(i -> consumers
                    .computeIfAbsent(DatasetNames.strip(i), k -> new HashSet<>())
                    .add(node.name()));
        }

        long syncIo = 0;
        List<long[]> intermediateIo = new ArrayList<>();
        long queued = 0;
        int queuedSaves = 0;
        for (Map.Entry<String, DatasetRecord> entry : manifest.datasets().entrySet()) {
            DatasetRecord dataset = entry.getValue();
            Long queuedAt = RecordedRun.queuedAt(dataset);
            if (queuedAt == null || !dataset.persistent()) {
                continue;
            }
            long queueEnd = run.queueEnd(dataset);
            if (queueEnd > queuedAt) {
                queued += queueEnd - queuedAt;
                queuedSaves++;
            }
            // Queued or writing, the save was in progress: if nothing else went on, the run waited for it.
            intermediateIo.add(new long[] {queuedAt, run.saveEnd(dataset)});
            Span save = dataset.save();
            if (RecordedRun.hasStart(save) && save.endMs() != null) {
                int readers = consumers
                        .getOrDefault(DatasetNames.strip(entry.getKey()), Set.of())
                        .size();
                syncIo += (save.endMs() - save.startMs()) * (1L + readers);
            }
        }
        List<long[]> busy = new ArrayList<>();
        Map<String, Long> freeLoad = new HashMap<>();
        for (NodeRecord node : manifest.nodes().values()) {
            if (RecordedRun.hasStart(node.compute())) {
                busy.add(new long[] {node.compute().startMs(), run.end(node.compute())});
            }
            for (Load load : run.loads(node)) {
                long[] interval = {load.startMs(), run.end(load)};
                String base = DatasetNames.strip(load.dataset());
                if (producers.containsKey(base)) {
                    intermediateIo.add(interval);
                } else {
                    busy.add(interval);
                    freeLoad.merge(base, interval[1] - interval[0], Math::min);
                }
            }
        }
        List<long[]> io = union(intermediateIo);
        long waited = length(io) - length(intersect(io, union(busy)));
        long wall = end - manifest.startedMs();
        return new RunTotals(
                wall,
                syncIo,
                waited,
                Math.max(0, syncIo - waited),
                limit(run, producers, freeLoad),
                queued,
                queuedSaves);
    }

    private static long limit(RecordedRun run, Map<String, PipelineNode> producers, Map<String, Long> freeLoad) {
        RunManifest manifest = run.manifest();
        Map<String, Long> longestSave = new HashMap<>();
        manifest.datasets().forEach((name, d) -> {
            String by = run.producerOf(name, d);
            if (by != null && d.persistent() && RecordedRun.hasStart(d.save())) {
                longestSave.merge(by, run.end(d.save()) - d.save().startMs(), Math::max);
            }
        });
        Map<String, Long> finish = new HashMap<>();
        long limit = 0;
        for (PipelineNode node : topological(manifest.pipeline(), producers)) {
            long ready = 0;
            for (String input : node.inputs()) {
                String base = DatasetNames.strip(input);
                PipelineNode parent = producers.get(base);
                ready = Math.max(
                        ready,
                        parent != null ? finish.getOrDefault(parent.name(), 0L) : freeLoad.getOrDefault(base, 0L));
            }
            NodeRecord record = manifest.nodes().get(node.name());
            long compute = record == null || !RecordedRun.hasStart(record.compute())
                    ? 0
                    : run.end(record.compute()) - record.compute().startMs();
            finish.put(node.name(), ready + compute);
            limit = Math.max(limit, ready + compute + longestSave.getOrDefault(node.name(), 0L));
        }
        return limit;
    }

    /** The declared nodes, parents first; a node whose parents never resolve (a cycle) comes last. */
    static List<PipelineNode> topological(List<PipelineNode> nodes, Map<String, PipelineNode> producers) {
        Map<String, PipelineNode> pending = new LinkedHashMap<>();
        nodes.forEach(n -> pending.put(n.name(), n));
        List<PipelineNode> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!pending.isEmpty()) {
            PipelineNode next = pending.values().stream()
                    .filter(n -> n.inputs().stream().allMatch(i -> {
                        PipelineNode p = producers.get(DatasetNames.strip(i));
                        return p == null || p == n || placed.contains(p.name());
                    }))
                    .findFirst()
                    .orElse(pending.values().iterator().next());
            pending.remove(next.name());
            placed.add(next.name());
            order.add(next);
        }
        return order;
    }

    /** The union of closed intervals as a sorted list of disjoint ones. */
    static List<long[]> union(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.removeIf(i -> i[1] <= i[0]);
        sorted.sort(Comparator.comparingLong(i -> i[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] i : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && i[0] <= last[1]) {
                last[1] = Math.max(last[1], i[1]);
            } else {
                merged.add(new long[] {i[0], i[1]});
            }
        }
        return merged;
    }

    /** The intersection of two sorted lists of disjoint intervals. */
    static List<long[]> intersect(List<long[]> a, List<long[]> b) {
        List<long[]> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long start = Math.max(a.get(i)[0], b.get(j)[0]);
            long stop = Math.min(a.get(i)[1], b.get(j)[1]);
            if (start < stop) {
                result.add(new long[] {start, stop});
            }
            if (a.get(i)[1] < b.get(j)[1]) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    static long length(List<long[]> disjoint) {
        long total = 0;
        for (long[] i : disjoint) {
            total += i[1] - i[0];
        }
        return total;
    }
}
