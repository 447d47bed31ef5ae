package dev.sluice.report;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import dev.sluice.manifest.RunManifestRecorder;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kedro's spaceflights tutorial project, the classic two-namespace pipeline: data processing (companies,
 * shuttles and reviews joined into a model input table), then the data-science pipeline reused twice as
 * modular pipelines, {@code active_modelling_pipeline} and {@code candidate_modelling_pipeline}, each
 * splitting the table, training a linear regressor on its own features and evaluating it. The nodes do
 * the real (small) work on rows held as maps, and {@link #run} runs the pipeline on the parallel runner
 * with the tee, recording it as {@code sluice run} does.
 */
final class Spaceflights {
    static final String ACTIVE = "active_modelling_pipeline";
    static final String CANDIDATE = "candidate_modelling_pipeline";

    private Spaceflights() {}

    static Pipeline pipeline() {
        Pipeline dataProcessing = Pipeline.of(
                Node.named("preprocess_companies_node")
                        .inputs("companies")
                        .outputs("preprocessed_companies")
                        .fn(Spaceflights::preprocessCompanies),
                Node.named("preprocess_shuttles_node")
                        .inputs("shuttles")
                        .outputs("preprocessed_shuttles")
                        .fn(Spaceflights::preprocessShuttles),
                Node.named("create_model_input_table_node")
                        .inputs("preprocessed_shuttles", "preprocessed_companies", "reviews")
                        .outputs("model_input_table")
                        .fn(Spaceflights::modelInputTable));
        Pipeline dataScience = Pipeline.of(
                Node.named("split_data_node")
                        .inputs("model_input_table", "params:model_options")
                        .outputs("X_train", "X_test", "y_train", "y_test")
                        .fn(Spaceflights::splitData),
                Node.named("train_model_node")
                        .inputs("X_train", "y_train")
                        .outputs("regressor")
                        .fn(Spaceflights::trainModel),
                Node.named("evaluate_model_node")
                        .inputs("regressor", "X_test", "y_test")
                        .outputs("metrics")
                        .fn(Spaceflights::evaluateModel));
        Pipeline active = Pipeline.modular(dataScience)
                .namespace(ACTIVE)
                .inputs("model_input_table")
                .build();
        Pipeline candidate = Pipeline.modular(dataScience)
                .namespace(CANDIDATE)
                .inputs("model_input_table")
                .build();
        return dataProcessing.union(active).union(candidate);
    }

    /**
     * Runs the pipeline (parallel runner, two workers, tee) on a catalog where every dataset but the
     * parameters is persisted, each save taking {@code saveDelayMs}, and returns the recorded manifest.
     */
    static String run(Path dir, long saveDelayMs) throws Exception {
        Pipeline pipeline = pipeline();
        DataCatalog.Builder catalog = DataCatalog.builder()
                .add("companies", new Shelf(companies(), 0))
                .add("shuttles", new Shelf(shuttles(), 0))
                .add("reviews", new Shelf(reviews(), 0))
                .add(
                        "params:" + ACTIVE + ".model_options",
                        new MemoryDataset<>(options(List.of("engines", "passenger_capacity"))))
                .add(
                        "params:" + CANDIDATE + ".model_options",
                        new MemoryDataset<>(
                                options(List.of("engines", "passenger_capacity", "crew", "review_scores_rating"))));
        for (String dataset : pipeline.datasets()) {
            if (!dataset.startsWith("params:")
                    && !List.of("companies", "shuttles", "reviews").contains(dataset)) {
                catalog.add(dataset, new Shelf(null, saveDelayMs));
            }
        }
        Path manifest = dir.resolve(".sluice/runs/spaceflights/manifest.json");
        try (RunManifestRecorder recorder = RunManifestRecorder.builder(manifest)
                .projectDir(dir.resolve("spaceflights"))
                .command("sluice run --runner parallel")
                .options(Map.of("env", "local", "pipelines", List.of("__default__")))
                .build()) {
            Runner.builder()
                    .parallel(2)
                    .io(IoMode.TEE)
                    .hook(recorder)
                    .build()
                    .run(pipeline, catalog.build(), "spaceflights");
        }
        return Files.readString(manifest);
    }

    private static Map<String, Object> options(List<String> features) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("test_size", 0.25);
        options.put("features", features);
        return options;
    }

    /** A persisted dataset that keeps its value in memory; each save takes the given time. */
    private static final class Shelf implements Dataset<Object> {
        private final long delayMs;
        private volatile Object value;

        Shelf(Object value, long delayMs) {
            this.delayMs = delayMs;
            this.value = value;
        }

        @Override
        public Object load() {
            return value;
        }

        @Override
        public void save(Object value) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            this.value = value;
        }

        @Override
        public boolean exists() {
            return value != null;
        }

        @Override
        public String storeKey() {
            return "data";
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "shelf");
        }
    }

    private static List<Map<String, Object>> companies() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Map.of("id", i, "company_rating", (60 + i % 40) + "%", "iata_approved", i % 3 == 0 ? "t" : "f"));
        }
        return rows;
    }

    private static List<Map<String, Object>> shuttles() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(Map.of(
                    "id", i,
                    "company_id", i % 40,
                    "engines", 1 + i % 4,
                    "passenger_capacity", 2 + i % 7,
                    "crew", 1 + i % 3,
                    "price", "$" + (1000 + 250 * (i % 4) + 80 * (i % 7) + 30 * (i % 5)) + ".00"));
        }
        return rows;
    }

    private static List<Map<String, Object>> reviews() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(Map.of("shuttle_id", i, "review_scores_rating", 70.0 + (i * 7) % 30));
        }
        return rows;
    }

    private static List<Map<String, Object>> preprocessCompanies(List<Map<String, Object>> companies) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : companies) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            String rating = (String) row.get("company_rating");
            r.put("company_rating", Double.parseDouble(rating.substring(0, rating.length() - 1)) / 100);
            r.put("iata_approved", "t".equals(row.get("iata_approved")));
            out.add(r);
        }
        return out;
    }

    private static List<Map<String, Object>> preprocessShuttles(List<Map<String, Object>> shuttles) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : shuttles) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            r.put("price", Double.parseDouble(((String) row.get("price")).substring(1)));
            out.add(r);
        }
        return out;
    }

    private static List<Map<String, Object>> modelInputTable(
            List<Map<String, Object>> shuttles,
            List<Map<String, Object>> companies,
            List<Map<String, Object>> reviews) {
        Map<Object, Map<String, Object>> companyById = new LinkedHashMap<>();
        companies.forEach(c -> companyById.put(c.get("id"), c));
        Map<Object, Map<String, Object>> reviewByShuttle = new LinkedHashMap<>();
        reviews.forEach(r -> reviewByShuttle.put(r.get("shuttle_id"), r));
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map<String, Object> shuttle : shuttles) {
            Map<String, Object> row = new LinkedHashMap<>(shuttle);
            row.putAll(companyById.get(shuttle.get("company_id")));
            row.putAll(reviewByShuttle.get(shuttle.get("id")));
            table.add(row);
        }
        return table;
    }

    private static List<Object> splitData(List<Map<String, Object>> table, Map<String, Object> options) {
        @SuppressWarnings("unchecked")
        List<String> features = (List<String>) options.get("features");
        int test = (int) Math.round(table.size() * ((Number) options.get("test_size")).doubleValue());
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Map<String, Object> row : table) {
            double[] values = new double[features.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) row.get(features.get(i))).doubleValue();
            }
            x.add(values);
            y.add(((Number) row.get("price")).doubleValue());
        }
        int train = table.size() - test;
        return List.of(
                x.subList(0, train), x.subList(train, x.size()), y.subList(0, train), y.subList(train, y.size()));
    }

    /** Least squares by gradient descent: enough to have a model, small enough to read. */
    private static double[] trainModel(List<double[]> x, List<Double> y) {
        int n = x.get(0).length;
        double[] w = new double[n + 1];
        for (int step = 0; step < 2000; step++) {
            double[] gradient = new double[n + 1];
            for (int i = 0; i < x.size(); i++) {
                double error = predict(w, x.get(i)) - y.get(i);
                gradient[n] += error;
                for (int j = 0; j < n; j++) {
                    gradient[j] += error * x.get(i)[j];
                }
            }
            for (int j = 0; j <= n; j++) {
                w[j] -= 0.002 * gradient[j] / x.size();
            }
        }
        return w;
    }

    private static Map<String, Double> evaluateModel(double[] w, List<double[]> x, List<Double> y) {
        double mean = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double residual = 0;
        double total = 0;
        for (int i = 0; i < x.size(); i++) {
            residual += Math.pow(y.get(i) - predict(w, x.get(i)), 2);
            total += Math.pow(y.get(i) - mean, 2);
        }
        return Map.of("r2_score", total == 0 ? 0 : 1 - residual / total);
    }

    private static double predict(double[] w, double[] x) {
        double sum = w[w.length - 1];
        for (int j = 0; j < x.length; j++) {
            sum += w[j] * x[j];
        }
        return sum;
    }
}
