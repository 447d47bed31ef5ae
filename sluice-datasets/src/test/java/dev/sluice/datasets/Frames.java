package dev.sluice.datasets;

import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;

/** A DataFrame's contents as strings, for tests to compare with what they expect. */
public final class Frames {
    private Frames() {}

    /** Each row as its values in column order, {@code "[a, b, null]"}, in the frame's order. */
    public static List<String> rows(DataFrame frame) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < frame.height(); i++) {
            rows.add(values(frame, i).toString());
        }
        return rows;
    }

    /** The column names, then each row, all as {@code "a,b,null"}, rows in the frame's order. */
    public static List<String> table(DataFrame frame) {
        List<String> table = new ArrayList<>();
        table.add(String.join(",", frame.getColumnsIndex().toArray()));
        for (int i = 0; i < frame.height(); i++) {
            table.add(String.join(
                    ",", values(frame, i).stream().map(String::valueOf).toList()));
        }
        return table;
    }

    private static List<Object> values(DataFrame frame, int row) {
        List<Object> values = new ArrayList<>();
        for (int c = 0; c < frame.width(); c++) {
            values.add(frame.getColumn(c).get(row));
        }
        return values;
    }
}
