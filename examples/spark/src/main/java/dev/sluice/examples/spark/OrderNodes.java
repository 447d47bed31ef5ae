package dev.sluice.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import dev.sluice.spark.SluiceSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The order pipeline's nodes: generated raw tables (deterministic for a seed), cleaning, one join of
 * orders with customers and products, and three aggregations. Every function is a Spark plan; nothing
 * runs until a job needs it.
 */
public final class OrderNodes {
    private OrderNodes() {}

    /** {@code rows} orders of {@code customers} customers buying {@code products} products over 90 days. */
    public static Dataset<Row> generateOrders(int rows, int customers, int products, int seed) {
        return SluiceSpark.session()
                .range(rows)
                .selectExpr(
                        "id AS order_id",
                        "CAST(pmod(xxhash64(id, " + seed + "), " + customers + ") AS INT) AS customer_id",
                        "CAST(pmod(xxhash64(id, " + (seed + 1) + "), " + products + ") AS INT) AS product_id",
                        "CAST(pmod(xxhash64(id, " + (seed + 2) + "), 12) AS INT) - 1 AS quantity",
                        "date_add(DATE'2024-01-01', CAST(pmod(xxhash64(id, " + (seed + 3) + "), 90) AS INT)) AS day");
    }

    /** The customer table: one row per customer, each in one of five regions. */
    public static Dataset<Row> generateCustomers(int customers, int seed) {
        return SluiceSpark.session()
                .range(customers)
                .selectExpr(
                        "CAST(id AS INT) AS customer_id",
                        "concat('customer-', id) AS name",
                        "element_at(array('north', 'south', 'east', 'west', 'centre')," + " CAST(pmod(xxhash64(id, "
                                + seed + "), 5) AS INT) + 1) AS region");
    }

    /** The product table: one row per product with a category and a unit price. */
    public static Dataset<Row> generateProducts(int products, int seed) {
        return SluiceSpark.session()
                .range(products)
                .selectExpr(
                        "CAST(id AS INT) AS product_id",
                        "concat('category-', pmod(id, 20)) AS category",
                        "CAST(round(1 + pmod(xxhash64(id, " + seed + "), 9900) / 100.0, 2) AS DOUBLE) AS unit_price");
    }

    /** Drops orders without a positive quantity (the generator makes about one in six). */
    public static Dataset<Row> cleanOrders(Dataset<Row> orders) {
        return orders.filter(col("quantity").gt(0));
    }

    /** Each clean order with its customer's region and its product's category and amount. */
    public static Dataset<Row> orderLines(Dataset<Row> orders, Dataset<Row> customers, Dataset<Row> products) {
        return orders.join(customers, "customer_id")
                .join(products, "product_id")
                .withColumn("amount", round(col("quantity").multiply(col("unit_price")), 2))
                .select("order_id", "day", "region", "customer_id", "product_id", "category", "quantity", "amount");
    }

    /** Revenue and order count per day and region. */
    public static Dataset<Row> dailyRevenue(Dataset<Row> lines) {
        return lines.groupBy("day", "region")
                .agg(round(sum("amount"), 2).as("revenue"), count("*").as("orders"));
    }

    /** Per customer: revenue, orders and distinct products bought. */
    public static Dataset<Row> customerValue(Dataset<Row> lines) {
        return lines.groupBy("customer_id", "region")
                .agg(
                        round(sum("amount"), 2).as("revenue"),
                        count("*").as("orders"),
                        countDistinct("product_id").as("products"));
    }

    /** Products ranked by revenue within their category. */
    public static Dataset<Row> productRanking(Dataset<Row> lines) {
        return lines.groupBy("category", "product_id")
                .agg(round(sum("amount"), 2).as("revenue"))
                .withColumn(
                        "rank",
                        dense_rank()
                                .over(Window.partitionBy("category")
                                        .orderBy(col("revenue").desc())));
    }

    /** Per region: total revenue, customers and the share of revenue from the top 10% of customers. */
    public static Dataset<Row> regionSummary(Dataset<Row> daily, Dataset<Row> customerValue) {
        Dataset<Row> totals =
                daily.groupBy("region").agg(round(sum("revenue"), 2).as("revenue"));
        Dataset<Row> top = customerValue
                .withColumn("decile", expr("ntile(10) OVER (PARTITION BY region ORDER BY revenue DESC)"))
                .groupBy("region")
                .agg(
                        count("*").as("customers"),
                        sum(expr("CASE WHEN decile = 1 THEN revenue ELSE 0 END"))
                                .as("top_revenue"));
        return totals.join(top, "region")
                .withColumn("top_share", round(col("top_revenue").divide(col("revenue")), 4))
                .drop("top_revenue")
                .orderBy("region");
    }
}
