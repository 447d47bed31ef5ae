package dev.sluice.examples.sales;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/**
 * The sales project: daily CSV partitions into a warehouse table, a DuckDB summary of the raw files,
 * an Excel report and one CSV partition per shop.
 */
public final class SalesPipelines implements PipelineRegistry {
    public static Pipeline salesPipeline() {
        return Pipeline.of(
                Node.named("combine").inputs("daily_orders").outputs("orders").fn(SalesNodes::combine),
                Node.named("report")
                        .inputs("shop_totals", "orders")
                        .outputs("report")
                        .fn(SalesNodes::report),
                Node.named("by_shop").inputs("orders").outputs("orders_by_shop").fn(SalesNodes::byShop));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT, salesPipeline());
    }
}
