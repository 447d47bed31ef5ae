package dev.sluice.examples.sales;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.dflib.row.RowProxy;

/** The sales project's node functions. */
public final class SalesNodes {
    private SalesNodes() {}

    /** Every day's orders in one frame, with the day (the partition id) as a column. */
    public static DataFrame combine(Map<String, Supplier<DataFrame>> days) {
        var rows = DataFrame.byArrayRow("day", "shop", "amount").appender();
        days.forEach((day, loader) -> {
            DataFrame orders = loader.get();
            for (int i = 0; i < orders.height(); i++) {
                rows.append(
                        day,
                        orders.getColumn("shop").get(i),
                        ((Number) orders.getColumn("amount").get(i)).doubleValue());
            }
        });
        return rows.toDataFrame();
    }

    /** The report's sheets: the totals per shop and every order. */
    public static Map<String, DataFrame> report(DataFrame shopTotals, DataFrame orders) {
        Map<String, DataFrame> sheets = new LinkedHashMap<>();
        sheets.put("totals", shopTotals);
        sheets.put("orders", orders);
        return sheets;
    }

    /** One partition per shop, each produced only when the save (or a consumer) asks for it. */
    public static Map<String, Supplier<DataFrame>> byShop(DataFrame orders) {
        Series<?> shops = orders.getColumn("shop");
        Map<String, Supplier<DataFrame>> partitions = new LinkedHashMap<>();
        for (Object shop :
                new TreeSet<>(shops.toList().stream().map(String::valueOf).toList())) {
            partitions.put(String.valueOf(shop), () -> orders.rows((RowProxy row) -> shop.equals(row.get("shop")))
                    .select());
        }
        return partitions;
    }
}
