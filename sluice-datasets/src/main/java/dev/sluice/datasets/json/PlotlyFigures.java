package dev.sluice.datasets.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Builds a Plotly figure (plain maps and lists, ready for JSON) from a DFLib {@link DataFrame} and
 * Kedro's {@code plotly_args}, as {@code plotly.express} does for Kedro's {@code plotly.PlotlyDataset}:
 * {@code type} names the express function, {@code fig} its arguments, {@code layout} the layout, with
 * Plotly's underscore paths ({@code xaxis_title}) expanded.
 */
final class PlotlyFigures {
    /** The express functions Sluice draws, with the trace each one makes. */
    static final Map<String, Map<String, Object>> TRACES = Map.of(
            "bar", Map.of("type", "bar"),
            "line", Map.of("type", "scatter", "mode", "lines"),
            "scatter", Map.of("type", "scatter", "mode", "markers"),
            "area", Map.of("type", "scatter", "mode", "lines", "stackgroup", "1"),
            "histogram", Map.of("type", "histogram"),
            "box", Map.of("type", "box"),
            "violin", Map.of("type", "violin"),
            "pie", Map.of("type", "pie"));

    /** The {@code fig} arguments Sluice understands. */
    static final Set<String> FIG_ARGS = new TreeSet<>(
            Set.of("x", "y", "color", "orientation", "title", "labels", "names", "values", "log_x", "log_y"));

    /** Layout properties whose name holds an underscore of its own, so it is not a path. */
    private static final Set<String> UNDERSCORED =
            Set.of("plot_bgcolor", "paper_bgcolor", "hidesources", "separators", "uniformtext", "bar_mode");

    private PlotlyFigures() {}

    /**
     * What is wrong with {@code plotly_args}, or {@code null}; checked when the entry is built, so mistakes
     * surface before any node runs.
     */
    static String problem(Map<String, Object> plotlyArgs) {
        Object type = plotlyArgs.get("type");
        if (type == null) {
            return "plotly_args needs 'type', the plotly.express function: one of " + new TreeSet<>(TRACES.keySet());
        }
        if (!TRACES.containsKey(String.valueOf(type))) {
            return "plotly_args type '" + type + "' is not one Sluice draws; use one of "
                    + new TreeSet<>(TRACES.keySet())
                    + ", or build the figure in the node and save it with plotly.JSONDataset";
        }
        Set<String> unknown = new TreeSet<>(plotlyArgs.keySet());
        unknown.removeAll(Set.of("type", "fig", "layout"));
        if (!unknown.isEmpty()) {
            return "plotly_args has unknown keys " + unknown + "; it takes type, fig and layout";
        }
        for (String key : List.of("fig", "layout")) {
            Object value = plotlyArgs.get(key);
            if (value != null && !(value instanceof Map)) {
                return "plotly_args " + key + " must be a mapping";
            }
        }
        if (plotlyArgs.get("fig") instanceof Map<?, ?> fig) {
            Set<String> unsupported = new TreeSet<>();
            fig.keySet().forEach(k -> unsupported.add(String.valueOf(k)));
            unsupported.removeAll(FIG_ARGS);
            if (!unsupported.isEmpty()) {
                return "plotly_args fig has arguments Sluice does not draw: " + unsupported + "; it takes " + FIG_ARGS
                        + " (build other figures in the node and save them with plotly.JSONDataset)";
            }
        }
        return null;
    }

    /** The figure for {@code frame}; {@code plotlyArgs} passed {@link #problem}. */
    static Map<String, Object> figure(DataFrame frame, Map<String, Object> plotlyArgs) {
        String type = String.valueOf(plotlyArgs.get("type"));
        Map<String, Object> fig = map(plotlyArgs.get("fig"));
        Map<String, Object> layout = new LinkedHashMap<>();
        List<Map<String, Object>> traces = new ArrayList<>();
        String color = fig.containsKey("color") ? String.valueOf(fig.get("color")) : null;
        List<Integer> allRows = new ArrayList<>();
        for (int r = 0; r < frame.height(); r++) {
            allRows.add(r);
        }
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        if (color == null) {
            groups.put(null, allRows);
        } else {
            Series<?> colors = column(frame, color, "color");
            for (int r = 0; r < frame.height(); r++) {
                groups.computeIfAbsent(colors.get(r), k -> new ArrayList<>()).add(r);
            }
        }
        if (type.equals("pie")) {
            Map<String, Object> trace = new LinkedHashMap<>(TRACES.get(type));
            trace.put("labels", values(column(frame, required(fig, "names"), "names"), allRows));
            trace.put("values", values(column(frame, required(fig, "values"), "values"), allRows));
            traces.add(trace);
        } else {
            List<String> ys = fig.get("y") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : fig.containsKey("y") ? List.of(String.valueOf(fig.get("y"))) : List.of();
            groups.forEach((group, rows) -> {
                for (String y : ys.isEmpty() ? java.util.Collections.<String>singletonList(null) : ys) {
                    Map<String, Object> trace = new LinkedHashMap<>(TRACES.get(type));
                    if (group != null || ys.size() > 1) {
                        trace.put("name", group != null ? String.valueOf(group) : y);
                    }
                    if (fig.containsKey("x")) {
                        trace.put("x", values(column(frame, String.valueOf(fig.get("x")), "x"), rows));
                    }
                    if (y != null) {
                        trace.put("y", values(column(frame, y, "y"), rows));
                    }
                    if (fig.containsKey("orientation")) {
                        trace.put("orientation", String.valueOf(fig.get("orientation")));
                    }
                    traces.add(trace);
                }
            });
            Map<String, Object> labels = map(fig.get("labels"));
            if (fig.containsKey("x")) {
                put(
                        layout,
                        List.of("xaxis", "title", "text"),
                        labels.getOrDefault(String.valueOf(fig.get("x")), String.valueOf(fig.get("x"))));
            }
            if (ys.size() == 1) {
                put(layout, List.of("yaxis", "title", "text"), labels.getOrDefault(ys.get(0), ys.get(0)));
            }
            if (color != null) {
                put(layout, List.of("legend", "title", "text"), labels.getOrDefault(color, color));
            }
        }
        for (String axis : List.of("x", "y")) {
            if (Boolean.TRUE.equals(fig.get("log_" + axis))) {
                put(layout, List.of(axis + "axis", "type"), "log");
            }
        }
        if (fig.containsKey("title")) {
            put(layout, List.of("title", "text"), fig.get("title"));
        }
        map(plotlyArgs.get("layout")).forEach((key, value) -> put(layout, path(key, value), value));
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", traces);
        figure.put("layout", layout);
        return figure;
    }

    /** Plotly's magic underscores: {@code xaxis_title} is {@code xaxis.title.text}. */
    private static List<String> path(String key, Object value) {
        List<String> path = new ArrayList<>(UNDERSCORED.contains(key) ? List.of(key) : List.of(key.split("_")));
        if (path.get(path.size() - 1).equals("title") && !(value instanceof Map)) {
            path.add("text");
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> node = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path.get(path.size() - 1), value);
    }

    private static String required(Map<String, Object> fig, String key) {
        Object value = fig.get(key);
        if (value == null) {
            throw new IllegalArgumentException("a pie needs fig '" + key + "', the column of its " + key);
        }
        return String.valueOf(value);
    }

    private static Series<?> column(DataFrame frame, String name, String argument) {
        Set<String> columns =
                new LinkedHashSet<>(List.of(frame.getColumnsIndex().toArray()));
        if (!columns.contains(name)) {
            throw new IllegalArgumentException("plotly_args fig " + argument + " names column '" + name
                    + "', which the DataFrame does not have; its columns are " + columns);
        }
        return frame.getColumn(name);
    }

    private static List<Object> values(Series<?> series, List<Integer> rows) {
        List<Object> values = new ArrayList<>(rows.size());
        for (int row : rows) {
            Object value = series.get(row);
            values.add(value == null || value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
