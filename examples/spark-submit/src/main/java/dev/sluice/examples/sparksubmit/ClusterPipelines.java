package dev.sluice.examples.sparksubmit;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.util.Map;

/**
 * A small Spark project to deploy with {@code spark-submit}: generated orders (Parquet), handed on by the
 * tee to two consumers, one totalling them per customer into a Delta table, the other recording which
 * processes ran its tasks (JSON), so a run shows where its work happened.
 */
public final class ClusterPipelines implements PipelineRegistry {
    public static Pipeline ordersPipeline() {
        return Pipeline.of(
                Node.named("make_orders")
                        .inputs("params:rows", "params:partitions")
                        .outputs("orders")
                        .fn(ClusterNodes::makeOrders),
                Node.named("total_by_customer")
                        .inputs("orders")
                        .outputs("customer_totals")
                        .fn(ClusterNodes::totalByCustomer),
                Node.named("record_task_processes")
                        .inputs("orders")
                        .outputs("task_processes")
                        .fn(ClusterNodes::recordTaskProcesses));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT, ordersPipeline());
    }
}
