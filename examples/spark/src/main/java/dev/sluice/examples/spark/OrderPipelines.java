package dev.sluice.examples.spark;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/**
 * The Spark example: generated orders, customers and products, cleaned, joined into order lines, and
 * aggregated into daily revenue, customer value, a product ranking and a summary per region. Every
 * intermediate is persisted (Parquet directories and a Delta table), so under the tee each is written
 * while the next nodes already run on it.
 */
public final class OrderPipelines implements PipelineRegistry {
    public static Pipeline ordersPipeline() {
        return Pipeline.of(
                Node.named("generate_orders")
                        .inputs("params:rows", "params:customers", "params:products", "params:seed")
                        .outputs("raw_orders")
                        .fn(OrderNodes::generateOrders),
                Node.named("generate_customers")
                        .inputs("params:customers", "params:seed")
                        .outputs("customers")
                        .fn(OrderNodes::generateCustomers),
                Node.named("generate_products")
                        .inputs("params:products", "params:seed")
                        .outputs("products")
                        .fn(OrderNodes::generateProducts),
                Node.named("clean_orders")
                        .inputs("raw_orders")
                        .outputs("orders")
                        .fn(OrderNodes::cleanOrders),
                Node.named("order_lines")
                        .inputs("orders", "customers", "products")
                        .outputs("order_lines")
                        .fn(OrderNodes::orderLines),
                Node.named("daily_revenue")
                        .inputs("order_lines")
                        .outputs("daily_revenue")
                        .fn(OrderNodes::dailyRevenue),
                Node.named("customer_value")
                        .inputs("order_lines")
                        .outputs("customer_value")
                        .fn(OrderNodes::customerValue),
                Node.named("product_ranking")
                        .inputs("order_lines")
                        .outputs("product_ranking")
                        .fn(OrderNodes::productRanking),
                Node.named("region_summary")
                        .inputs("daily_revenue", "customer_value")
                        .outputs("region_summary")
                        .fn(OrderNodes::regionSummary));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT, ordersPipeline());
    }
}
