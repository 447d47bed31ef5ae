package com.example.shop;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.List;
import java.util.Map;

/** A user's project as the CLI tests see it: code outside Sluice's packages, with two faulty pipelines. */
public final class ShopRegistry implements PipelineRegistry {
    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline failing = Pipeline.of(
                Node.named("split_data").inputs("orders").outputs("train").fn(ShopRegistry::split));
        Pipeline mismatched = Pipeline.of(
                Node.named("count_rows").inputs("orders").outputs("rows").fn(ShopRegistry::countRows));
        return Map.of(DEFAULT, failing, "mismatched", mismatched);
    }

    static String split(String orders) {
        return firstRows(orders, 12576);
    }

    private static String firstRows(String orders, int count) {
        List<String> lines = List.of(orders.split("\n"));
        return String.join("\n", lines.subList(0, count));
    }

    static Integer countRows(List<String> rows) {
        return rows.size();
    }
}
