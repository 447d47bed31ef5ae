package dev.sluice.examples.sparksubmit;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import dev.sluice.spark.SluiceSpark;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The nodes: plain Spark plans, except one function of this project that runs inside the tasks. */
public final class ClusterNodes {
    /** What {@link #recordTaskProcesses} writes: one row per partition of the orders. */
    static final StructType TASK_PROCESS = new StructType()
            .add("executor_id", DataTypes.StringType)
            .add("pid", DataTypes.LongType)
            .add("parent_pid", DataTypes.LongType)
            .add("java_version", DataTypes.StringType)
            .add("orders", DataTypes.LongType);

    private ClusterNodes() {}

    /** {@code rows} orders in {@code partitions} partitions: ten customers, amounts from 0 to 96. */
    public static Dataset<Row> makeOrders(int rows, int partitions) {
        return SluiceSpark.session()
                .range(0, rows, 1, partitions)
                .selectExpr("id AS order_id", "id % 10 AS customer_id", "CAST(id % 97 AS DOUBLE) AS amount");
    }

    /** Orders and amount per customer. */
    public static Dataset<Row> totalByCustomer(Dataset<Row> orders) {
        return orders.groupBy("customer_id")
                .agg(count("*").as("orders"), sum("amount").as("amount"));
    }

    /**
     * For each partition of the orders, the process its task ran in: the executor's id ({@code driver} in
     * local mode), its process id and its parent's (the worker that launched it, on a standalone cluster).
     * The function is this class's own code, so an executor runs it only if the application jar reached it.
     */
    public static Dataset<Row> recordTaskProcesses(Dataset<Row> orders) {
        return orders.mapPartitions(
                (MapPartitionsFunction<Row, Row>) ClusterNodes::describeProcess, Encoders.row(TASK_PROCESS));
    }

    private static Iterator<Row> describeProcess(Iterator<Row> orders) {
        long count = 0;
        while (orders.hasNext()) {
            orders.next();
            count++;
        }
        ProcessHandle process = ProcessHandle.current();
        return List.of(RowFactory.create(
                        SparkEnv.get().executorId(),
                        process.pid(),
                        process.parent().map(ProcessHandle::pid).orElse(-1L),
                        System.getProperty("java.version"),
                        count))
                .iterator();
    }
}
