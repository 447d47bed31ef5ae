package dev.sluice.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;

/**
 * The value a SQL dataset saves, seen as columns and rows without copying it: a DFLib {@link
 * DataFrame}, or a list of maps from column name to value whose first row gives the columns.
 */
interface TableData {
    List<String> labels();

    int height();

    /** The value at {@code row} of column {@code column}; {@code null} for SQL NULL. */
    Object get(int row, int column);

    /**
     * {@code value} as table data.
     *
     * @throws IllegalArgumentException saying what the value is and what a SQL dataset saves
     */
    static TableData of(Object value) {
        if (value instanceof DataFrame frame) {
            return new FrameData(frame);
        }
        if (value instanceof List<?> list && list.stream().allMatch(row -> row instanceof Map<?, ?>)) {
            return RowData.of(list);
        }
        throw new IllegalArgumentException("a SQL table saves a DFLib DataFrame or a List of Maps (one per row, from"
                + " column name to value), not a " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof List<?> list) {
            Object odd = list.stream()
                    .filter(row -> !(row instanceof Map<?, ?>))
                    .findFirst()
                    .orElse(null);
            return "List holding "
                    + (odd == null ? "null" : "a " + odd.getClass().getName());
        }
        return value.getClass().getName();
    }

    record FrameData(DataFrame frame) implements TableData {
        @Override
        public List<String> labels() {
            return List.of(frame.getColumnsIndex().toArray());
        }

        @Override
        public int height() {
            return frame.height();
        }

        @Override
        public Object get(int row, int column) {
            return frame.getColumn(column).get(row);
        }
    }

    record RowData(List<String> labels, List<? extends Map<?, ?>> rows) implements TableData {
        @SuppressWarnings("unchecked")
        static RowData of(List<?> rows) {
            List<Map<?, ?>> maps = (List<Map<?, ?>>) rows;
            List<String> labels = new ArrayList<>();
            if (!maps.isEmpty()) {
                maps.get(0).keySet().forEach(key -> labels.add(String.valueOf(key)));
            }
            for (int i = 1; i < maps.size(); i++) {
                Set<String> keys = new HashSet<>();
                maps.get(i).keySet().forEach(key -> keys.add(String.valueOf(key)));
                if (!keys.equals(new HashSet<>(labels))) {
                    throw new IllegalArgumentException("row " + i + " has the columns " + keys + " but row 0 has "
                            + labels + "; every row must have the same columns");
                }
            }
            return new RowData(List.copyOf(labels), maps);
        }

        @Override
        public int height() {
            return rows.size();
        }

        @Override
        public Object get(int row, int column) {
            return rows.get(row).get(labels.get(column));
        }
    }
}
