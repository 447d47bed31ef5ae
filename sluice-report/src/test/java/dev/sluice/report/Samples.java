package dev.sluice.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hand-made manifests of runs whose numbers are easy to check, with the semantics of the manifests
 * {@code sluice run} records: the Iris pipeline (four nodes, six persisted intermediates, a 1 s delay
 * on every save and load of an intermediate) under the tee and under sync, a failed run, a run still
 * in progress, a resumed run that prefetched a free input, and a large generated pipeline.
 */
final class Samples {
    static final List<String> IRIS_NODES = List.of("split_data", "train_model", "predict", "report_accuracy");
    static final List<String> IRIS_INTERMEDIATES =
            List.of("train_x", "train_y", "test_x", "test_y", "model", "predictions");

    private Samples() {}

    static ManifestBuilder irisPipeline(String runId) {
        return ManifestBuilder.run(runId)
                .declare(
                        "split_data",
                        List.of("example_iris_data", "params:model_options"),
                        List.of("train_x", "train_y", "test_x", "test_y"),
                        "split")
                .declare("train_model", List.of("train_x", "train_y", "params:train"), List.of("model"), "train")
                .declare("predict", List.of("model", "test_x"), List.of("predictions"), "evaluate")
                .declare("report_accuracy", List.of("predictions", "test_y"), List.of("accuracy"), "evaluate");
    }

    /**
     * The tee: outputs go to consumers at once and every save runs in the background. The run ends
     * when the last save (predictions, 172 to 1172 ms) commits. Totals: wall 1172 ms; a sync run
     * would spend 12 000 ms on I/O (six saves, six loads); saves ran from 60 to 1172 ms, 112 ms of
     * which overlapped compute, so the run waited 1000 ms and 11 000 ms came off the path; the
     * physical limit is 1170 ms (load 40, compute 20 + 100 + 10, then the 1000 ms predictions save).
     */
    static String irisTee() {
        return irisPipeline("iris-tee")
                .ran("split_data", "COMPLETED", 0, 60L)
                .load("split_data", "example_iris_data", 0, 40)
                .load("split_data", "params:model_options", 40, 40)
                .compute("split_data", 40, 60L)
                .saved("train_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("train_y", "split_data", "COMMITTED", 60, 1060L)
                .saved("test_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("test_y", "split_data", "COMMITTED", 60, 1060L)
                .ran("train_model", "COMPLETED", 61, 161L)
                .compute("train_model", 61, 161L)
                .saved("model", "train_model", "COMMITTED", 161, 1161L)
                .ran("predict", "COMPLETED", 162, 172L)
                .compute("predict", 162, 172L)
                .saved("predictions", "predict", "COMMITTED", 172, 1172L)
                .ran("report_accuracy", "COMPLETED", 173, 175L)
                .compute("report_accuracy", 173, 175L)
                .memory("accuracy", "report_accuracy")
                .finished("COMPLETED", 1172)
                .json();
    }

    /**
     * Sync: each node saves its outputs in turn and the next loads them back. A node's record ends when
     * its function returns; it then waits for its saves (split_data is busy until 4060 ms). Every
     * intermediate I/O is on the path: 12 000 ms of it, all waited for; wall 12 172 ms against the same
     * 1170 ms limit.
     */
    static String irisSync() {
        return irisPipeline("iris-sync")
                .option("io", "sync")
                .ran("split_data", "COMPLETED", 0, 60L)
                .load("split_data", "example_iris_data", 0, 40)
                .load("split_data", "params:model_options", 40, 40)
                .compute("split_data", 40, 60L)
                .saved("train_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("train_y", "split_data", "COMMITTED", 1060, 2060L)
                .saved("test_x", "split_data", "COMMITTED", 2060, 3060L)
                .saved("test_y", "split_data", "COMMITTED", 3060, 4060L)
                .ran("train_model", "COMPLETED", 4060, 6160L)
                .load("train_model", "train_x", 4060, 5060)
                .load("train_model", "train_y", 5060, 6060)
                .compute("train_model", 6060, 6160L)
                .saved("model", "train_model", "COMMITTED", 6160, 7160L)
                .ran("predict", "COMPLETED", 7160, 9170L)
                .load("predict", "model", 7160, 8160)
                .load("predict", "test_x", 8160, 9160)
                .compute("predict", 9160, 9170L)
                .saved("predictions", "predict", "COMMITTED", 9170, 10170L)
                .ran("report_accuracy", "COMPLETED", 10170, 12172L)
                .load("report_accuracy", "predictions", 10170, 11170)
                .load("report_accuracy", "test_y", 11170, 12170)
                .compute("report_accuracy", 12170, 12172L)
                .memory("accuracy", "report_accuracy")
                .finished("COMPLETED", 12172)
                .json();
    }

    /** train_model fails and the save of test_y fails; the nodes after them never run. */
    static String irisFailed() {
        return irisPipeline("iris-failed")
                .ran("split_data", "COMPLETED", 0, 60L)
                .load("split_data", "example_iris_data", 0, 40)
                .compute("split_data", 40, 60L)
                .saved("train_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("train_y", "split_data", "COMMITTED", 60, 1060L)
                .saved("test_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("test_y", "split_data", "FAILED", 60, 1060L)
                .datasetError("test_y", "Saving test_y failed after 3 attempts: disk full <no space>")
                .ran("train_model", "FAILED", 61, 90L)
                .compute("train_model", 61, 90L)
                .nodeError(
                        "train_model",
                        "Node train_model failed: IllegalArgumentException: learning rate < 0",
                        "java.lang.IllegalArgumentException: learning rate < 0\n"
                                + "\tat com.acme.iris.Train.fit(Train.java:42)\n"
                                + "\tat dev.sluice.pipeline.Node.run(Node.java:180)\n"
                                + "\tat dev.sluice.runner.DagRunner$Execution.runNode(DagRunner.java:250)\n"
                                + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n")
                .unsaved("model", "train_model")
                .notRun("predict")
                .unsaved("predictions", "predict")
                .notRun("report_accuracy")
                .memoryPending("accuracy", "report_accuracy")
                .finished("FAILED", 1060)
                .error("Node train_model failed: IllegalArgumentException: learning rate < 0")
                .json();
    }

    /** A manifest written mid-run: train_model computing, model not produced, saves still writing. */
    static String irisRunning() {
        return irisPipeline("iris-running")
                .ran("split_data", "COMPLETED", 0, 60L)
                .load("split_data", "example_iris_data", 0, 40)
                .compute("split_data", 40, 60L)
                .saved("train_x", "split_data", "COMMITTED", 60, 1060L)
                .saved("train_y", "split_data", "WRITING", 60, null)
                .saved("test_x", "split_data", "WRITING", 60, null)
                .saved("test_y", "split_data", "WRITING", 60, null)
                .ran("train_model", "RUNNING", 61, null)
                .compute("train_model", 61, null)
                .unsaved("model", "train_model")
                .unsaved("predictions", "predict")
                .memoryPending("accuracy", "report_accuracy")
                .json();
    }

    /**
     * A resumed run of the last two Iris nodes, where model, test_x and test_y are free inputs. The tee
     * prefetches test_y for report_accuracy from 2 ms, long before predict (its parent) finishes at
     * 600 ms; report_accuracy itself runs from 610 to 620 ms.
     */
    static ManifestBuilder irisResumedWithPrefetch() {
        return ManifestBuilder.run("iris-resumed")
                .resumedFrom("iris-killed")
                .declare("predict", List.of("model", "test_x"), List.of("predictions"), "evaluate")
                .declare("report_accuracy", List.of("predictions", "test_y"), List.of("accuracy"), "evaluate")
                .ran("predict", "COMPLETED", 5, 600L)
                .load("predict", "model", 5, 590)
                .load("predict", "test_x", 10, 530)
                .compute("predict", 590, 600L)
                .ran("report_accuracy", "COMPLETED", 2, 620L)
                .load("report_accuracy", "test_y", 2, 515)
                .compute("report_accuracy", 610, 620L)
                .saved("predictions", "predict", "COMMITTED", 600, 1100L)
                .memory("accuracy", "report_accuracy")
                .finished("COMPLETED", 1100);
    }

    /**
     * A generated pipeline of {@code size} nodes in five namespaces: each node reads one to three
     * outputs of earlier nodes (or a raw input) and writes one or two datasets; it ran sequentially
     * under the tee, every save in the background.
     */
    static String large(int size, long seed) {
        Random random = new Random(seed);
        ManifestBuilder manifest = ManifestBuilder.run("large-" + size);
        List<String> available = new ArrayList<>(List.of("raw_orders", "raw_customers", "raw_products"));
        List<String> producedBy = new ArrayList<>(List.of("", "", ""));
        String[] namespaces = {"ingest", "clean", "features", "model", "report"};
        long t = 0;
        long last = 0;
        for (int i = 0; i < size; i++) {
            String ns = namespaces[Math.min(namespaces.length - 1, i * namespaces.length / size)];
            String name = ns + ".step_" + i;
            List<String> inputs = new ArrayList<>();
            int reads = 1 + random.nextInt(3);
            for (int r = 0; r < reads; r++) {
                // Mostly recent datasets, so that the graph is deep rather than a star.
                int from = Math.max(0, available.size() - 1 - random.nextInt(Math.min(available.size(), 6)));
                String input = available.get(from);
                if (!inputs.contains(input)) {
                    inputs.add(input);
                }
            }
            List<String> outputs = new ArrayList<>();
            int writes = 1 + random.nextInt(2);
            for (int w = 0; w < writes; w++) {
                outputs.add(ns + "_table_" + i + (w == 0 ? "" : "_b"));
            }
            manifest.declareIn(ns, name, inputs, outputs, i % 3 == 0 ? "daily" : "hourly");
            long start = t;
            manifest.ran(name, "COMPLETED", start, start + 30);
            for (String input : inputs) {
                if (input.startsWith("raw_")) {
                    manifest.load(name, input, start, start + 10);
                }
            }
            manifest.compute(name, start + 10, start + 30L);
            for (String output : outputs) {
                long saveEnd = start + 30 + 200 + random.nextInt(400);
                manifest.saved(output, name, "COMMITTED", start + 30, saveEnd);
                last = Math.max(last, saveEnd);
                available.add(output);
                producedBy.add(name);
            }
            t = start + 31;
        }
        return manifest.finished("COMPLETED", Math.max(last, t)).json();
    }
}
