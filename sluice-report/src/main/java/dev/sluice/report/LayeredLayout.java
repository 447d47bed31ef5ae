package dev.sluice.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layered drawing of a directed acyclic graph, top to bottom, in the four steps of the Sugiyama
 * scheme:
 *
 * <ol>
 *   <li>Layers by longest path from the sources, so every edge points down; a source then moves down
 *       to just above its first consumer, so free inputs sit next to the nodes that read them.
 *   <li>An edge that spans several layers gets an invisible dummy vertex in each layer it crosses,
 *       so that it is ordered and routed like any other vertex and never runs through a box.
 *   <li>Order within each layer by barycenter sweeps (down, then up) followed by swaps of adjacent
 *       vertices that remove crossings; the order with the fewest crossings seen is kept.
 *   <li>Horizontal positions: each layer in turn is placed as close as the order and the spacing
 *       allow to the mean position of its neighbours in the previous layer. That placement is an
 *       exact least-squares fit under ordering constraints (pool adjacent violators), so boxes in a
 *       layer never overlap. Vertical positions: one row per layer.
 * </ol>
 *
 * <p>Edges that would close a cycle are left out of the drawing; a pipeline never has one.
 */
final class LayeredLayout {
    static final double MARGIN = 8;
    static final double LAYER_GAP = 30;
    static final double VERTEX_GAP = 18;
    // Half the gap between boxes on either side of a passing edge keeps boxes a full gap apart.
    static final double DUMMY_GAP = VERTEX_GAP / 2;
    private static final int ORDER_SWEEPS = 24;
    private static final int PLACEMENT_SWEEPS = 8;
    private static final double DUMMY_WEIGHT = 4;
    private static final double PORT_SPACING = 7;

    private LayeredLayout() {}

    /** A box to place; its size is given, its position computed. */
    record Vertex(String id, double width, double height) {}

    /** An edge from one vertex to another. */
    record Edge(String from, String to) {}

    record Point(double x, double y) {}

    /** Where a vertex was placed: its top-left corner, size and layer. */
    record Box(double x, double y, double width, double height, int layer) {
        double centerX() {
            return x + width / 2;
        }

        double bottom() {
            return y + height;
        }

        double right() {
            return x + width;
        }
    }

    /**
     * The path of one edge: from the bottom of its source to the top of its target, through the
     * layers it crosses. Consecutive points with the same x are joined by a straight line.
     */
    record Route(String from, String to, List<Point> points) {}

    /** The drawing: a box per vertex, a route per edge, the overall size and the crossings left. */
    record Result(Map<String, Box> boxes, List<Route> routes, double width, double height, int crossings) {}

    /** Lays out {@code vertices} joined by {@code edges}; duplicate edges and self-loops are ignored. */
    static Result layout(List<Vertex> vertices, List<Edge> edges) {
        return new Work(vertices, edges).run();
    }

    /** The state of one layout; vertices are numbered, real ones first and dummies after them. */
    private static final class Work {
        private final List<Vertex> real;
        private final int realCount;
        private final List<int[]> edges = new ArrayList<>();
        private final List<Double> width = new ArrayList<>();
        private final List<Double> height = new ArrayList<>();
        private final List<Integer> layerOf = new ArrayList<>();
        private final List<List<Integer>> up = new ArrayList<>();
        private final List<List<Integer>> down = new ArrayList<>();
        private final List<int[]> chains = new ArrayList<>();
        private List<List<Integer>> layers = new ArrayList<>();
        private int[] pos;
        private double[] cx;

        Work(List<Vertex> vertices, List<Edge> edgeList) {
            this.real = List.copyOf(vertices);
            this.realCount = vertices.size();
            Map<String, Integer> index = new HashMap<>();
            for (Vertex v : vertices) {
                if (index.put(v.id(), index.size()) != null) {
                    throw new IllegalArgumentException("vertex '" + v.id() + "' is given twice");
                }
                width.add(v.width());
                height.add(v.height());
            }
            Set<List<Integer>> seen = new LinkedHashSet<>();
            for (Edge e : edgeList) {
                Integer from = index.get(e.from());
                Integer to = index.get(e.to());
                if (from == null || to == null) {
                    throw new IllegalArgumentException("edge " + e + " names a vertex that is not given");
                }
                if (!from.equals(to) && seen.add(List.of(from, to))) {
                    edges.add(new int[] {from, to});
                }
            }
        }

        Result run() {
            assignLayers();
            insertDummies();
            orderLayers();
            placeHorizontally();
            return result();
        }

        // Step 1: longest-path layers over a topological order; edges against that order are dropped.
        private void assignLayers() {
            List<List<Integer>> out = adjacency(true);
            List<List<Integer>> in = adjacency(false);
            int[] rank = topologicalRank(out, in);
            edges.removeIf(e -> rank[e[0]] >= rank[e[1]]);
            Integer[] byRank = new Integer[realCount];
            for (int v = 0; v < realCount; v++) {
                byRank[rank[v]] = v;
            }
            out = adjacency(true);
            in = adjacency(false);
            int[] layer = new int[realCount];
            for (int v : byRank) {
                for (int p : in.get(v)) {
                    layer[v] = Math.max(layer[v], layer[p] + 1);
                }
            }
            for (int v = 0; v < realCount; v++) {
                if (in.get(v).isEmpty() && !out.get(v).isEmpty()) {
                    int first = Integer.MAX_VALUE;
                    for (int s : out.get(v)) {
                        first = Math.min(first, layer[s]);
                    }
                    layer[v] = first - 1;
                }
            }
            for (int v = 0; v < realCount; v++) {
                layerOf.add(layer[v]);
                up.add(new ArrayList<>());
                down.add(new ArrayList<>());
            }
        }

        private List<List<Integer>> adjacency(boolean outgoing) {
            List<List<Integer>> adj = new ArrayList<>();
            for (int v = 0; v < realCount; v++) {
                adj.add(new ArrayList<>());
            }
            for (int[] e : edges) {
                adj.get(outgoing ? e[0] : e[1]).add(outgoing ? e[1] : e[0]);
            }
            return adj;
        }

        /** Kahn's algorithm taking vertices in the given order; vertices on a cycle come last. */
        private int[] topologicalRank(List<List<Integer>> out, List<List<Integer>> in) {
            int[] missing = new int[realCount];
            Deque<Integer> ready = new ArrayDeque<>();
            for (int v = 0; v < realCount; v++) {
                missing[v] = in.get(v).size();
                if (missing[v] == 0) {
                    ready.add(v);
                }
            }
            int[] rank = new int[realCount];
            Arrays.fill(rank, -1);
            int next = 0;
            while (next < realCount) {
                if (ready.isEmpty()) {
                    for (int v = 0; v < realCount; v++) {
                        if (rank[v] < 0 && missing[v] > 0) {
                            missing[v] = 0;
                            ready.add(v);
                            break;
                        }
                    }
                }
                int v = ready.poll();
                rank[v] = next++;
                for (int s : out.get(v)) {
                    if (rank[s] < 0 && --missing[s] == 0) {
                        ready.add(s);
                    }
                }
            }
            return rank;
        }

        // Step 2: a dummy vertex per crossed layer, so that every link joins adjacent layers.
        private void insertDummies() {
            for (int[] e : edges) {
                int span = layerOf.get(e[1]) - layerOf.get(e[0]);
                int[] chain = new int[span + 1];
                chain[0] = e[0];
                chain[span] = e[1];
                for (int i = 1; i < span; i++) {
                    int d = width.size();
                    width.add(0.0);
                    height.add(0.0);
                    layerOf.add(layerOf.get(e[0]) + i);
                    up.add(new ArrayList<>());
                    down.add(new ArrayList<>());
                    chain[i] = d;
                }
                for (int i = 0; i < span; i++) {
                    down.get(chain[i]).add(chain[i + 1]);
                    up.get(chain[i + 1]).add(chain[i]);
                }
                chains.add(chain);
            }
        }

        // Step 3: barycenter sweeps plus adjacent swaps, keeping the best order seen.
        private void orderLayers() {
            int count = width.size();
            int layerCount = 0;
            for (int l : layerOf) {
                layerCount = Math.max(layerCount, l + 1);
            }
            for (int l = 0; l < layerCount; l++) {
                layers.add(new ArrayList<>());
            }
            pos = new int[count];
            for (int v = 0; v < count; v++) {
                layers.get(layerOf.get(v)).add(v);
            }
            for (List<Integer> layer : layers) {
                renumber(layer);
            }
            for (int l = 1; l < layerCount; l++) {
                sortByBarycenter(layers.get(l), up);
            }
            List<List<Integer>> best = copy(layers);
            int bestCrossings = crossings();
            for (int sweep = 0; sweep < ORDER_SWEEPS && bestCrossings > 0; sweep++) {
                if (sweep % 2 == 0) {
                    for (int l = 1; l < layerCount; l++) {
                        sortByBarycenter(layers.get(l), up);
                    }
                } else {
                    for (int l = layerCount - 2; l >= 0; l--) {
                        sortByBarycenter(layers.get(l), down);
                    }
                }
                transpose();
                int now = crossings();
                if (now < bestCrossings) {
                    bestCrossings = now;
                    best = copy(layers);
                }
            }
            layers = best;
            for (List<Integer> layer : layers) {
                renumber(layer);
            }
        }

        private void sortByBarycenter(List<Integer> layer, List<List<Integer>> neighbours) {
            Map<Integer, Double> key = new HashMap<>();
            for (int v : layer) {
                List<Integer> n = neighbours.get(v);
                double sum = 0;
                for (int u : n) {
                    sum += pos[u];
                }
                // A vertex with no neighbours on that side keeps its place among the others.
                key.put(v, n.isEmpty() ? pos[v] : sum / n.size());
            }
            layer.sort(Comparator.comparingDouble(key::get));
            renumber(layer);
        }

        /** Swaps adjacent vertices while that removes crossings with both neighbouring layers. */
        private void transpose() {
            boolean improved = true;
            for (int round = 0; improved && round < 8; round++) {
                improved = false;
                for (List<Integer> layer : layers) {
                    for (int i = 0; i + 1 < layer.size(); i++) {
                        int a = layer.get(i);
                        int b = layer.get(i + 1);
                        int keep = pairCrossings(a, b, up) + pairCrossings(a, b, down);
                        int swap = pairCrossings(b, a, up) + pairCrossings(b, a, down);
                        if (swap < keep) {
                            layer.set(i, b);
                            layer.set(i + 1, a);
                            pos[a] = i + 1;
                            pos[b] = i;
                            improved = true;
                        }
                    }
                }
            }
        }

        /** Crossings between the links of {@code left} and {@code right} when left stands first. */
        private int pairCrossings(int left, int right, List<List<Integer>> neighbours) {
            int crossings = 0;
            for (int x : neighbours.get(left)) {
                for (int y : neighbours.get(right)) {
                    if (pos[x] > pos[y]) {
                        crossings++;
                    }
                }
            }
            return crossings;
        }

        int crossings() {
            int total = 0;
            for (int l = 0; l + 1 < layers.size(); l++) {
                List<int[]> links = new ArrayList<>();
                for (int v : layers.get(l)) {
                    for (int w : down.get(v)) {
                        links.add(new int[] {pos[v], pos[w]});
                    }
                }
                for (int i = 0; i < links.size(); i++) {
                    for (int j = i + 1; j < links.size(); j++) {
                        int[] a = links.get(i);
                        int[] b = links.get(j);
                        if ((long) (a[0] - b[0]) * (a[1] - b[1]) < 0) {
                            total++;
                        }
                    }
                }
            }
            return total;
        }

        private void renumber(List<Integer> layer) {
            for (int i = 0; i < layer.size(); i++) {
                pos[layer.get(i)] = i;
            }
        }

        private static List<List<Integer>> copy(List<List<Integer>> layers) {
            List<List<Integer>> copy = new ArrayList<>();
            for (List<Integer> layer : layers) {
                copy.add(new ArrayList<>(layer));
            }
            return copy;
        }

        // Step 4: least-squares placement of each layer towards its neighbours.
        private void placeHorizontally() {
            cx = new double[width.size()];
            for (List<Integer> layer : layers) {
                double x = 0;
                for (int i = 0; i < layer.size(); i++) {
                    if (i > 0) {
                        x += separation(layer.get(i - 1), layer.get(i));
                    }
                    cx[layer.get(i)] = x;
                }
            }
            for (int sweep = 0; sweep < PLACEMENT_SWEEPS; sweep++) {
                for (int l = 1; l < layers.size(); l++) {
                    place(layers.get(l), up, null);
                }
                for (int l = layers.size() - 2; l >= 0; l--) {
                    place(layers.get(l), down, null);
                }
            }
            for (List<Integer> layer : layers) {
                place(layer, up, down);
            }
            straightenLongEdges();
            double left = Double.MAX_VALUE;
            for (int v = 0; v < cx.length; v++) {
                left = Math.min(left, cx[v] - width.get(v) / 2);
            }
            for (int v = 0; v < cx.length; v++) {
                cx[v] += MARGIN - left;
            }
        }

        /**
         * Puts the dummies of each long edge on one vertical line where the neighbours in their layers
         * leave room for it, so that a long edge runs straight instead of wandering between rows.
         */
        private void straightenLongEdges() {
            for (int round = 0; round < 2; round++) {
                for (int[] chain : chains) {
                    if (chain.length < 3) {
                        continue;
                    }
                    int[] dummies = Arrays.copyOfRange(chain, 1, chain.length - 1);
                    double mean = 0;
                    for (int d : dummies) {
                        mean += cx[d];
                    }
                    mean /= dummies.length;
                    List<Double> candidates = new ArrayList<>(List.of(
                            mean,
                            cx[dummies[0]],
                            cx[dummies[dummies.length - 1]],
                            cx[chain[0]],
                            cx[chain[chain.length - 1]]));
                    candidates.sort(Comparator.comparingDouble(c -> displacement(dummies, c)));
                    for (double c : candidates) {
                        if (fits(dummies, c)) {
                            for (int d : dummies) {
                                cx[d] = c;
                            }
                            break;
                        }
                    }
                }
            }
        }

        private double displacement(int[] dummies, double x) {
            double total = 0;
            for (int d : dummies) {
                total += Math.abs(cx[d] - x);
            }
            return total;
        }

        /** Whether every dummy can move to {@code x} without breaking order or spacing in its layer. */
        private boolean fits(int[] dummies, double x) {
            for (int d : dummies) {
                List<Integer> layer = layers.get(layerOf.get(d));
                int p = pos[d];
                if (p > 0 && cx[layer.get(p - 1)] + separation(layer.get(p - 1), d) > x + 1e-9) {
                    return false;
                }
                if (p + 1 < layer.size() && x + separation(d, layer.get(p + 1)) > cx[layer.get(p + 1)] + 1e-9) {
                    return false;
                }
            }
            return true;
        }

        private double separation(int a, int b) {
            boolean dummy = a >= realCount || b >= realCount;
            return (width.get(a) + width.get(b)) / 2 + (dummy ? DUMMY_GAP : VERTEX_GAP);
        }

        /**
         * Moves the layer's vertices towards the mean x of their neighbours, keeping order and spacing.
         * With offsets o_i (the least distance from the first vertex), x_i = y_i + o_i turns the
         * spacing constraints into y non-decreasing, and the weighted least-squares y is found by
         * pooling adjacent violators.
         */
        private void place(List<Integer> layer, List<List<Integer>> side, List<List<Integer>> otherSide) {
            int n = layer.size();
            double[] offset = new double[n];
            double[] target = new double[n];
            double[] weight = new double[n];
            for (int i = 0; i < n; i++) {
                int v = layer.get(i);
                offset[i] = i == 0 ? 0 : offset[i - 1] + separation(layer.get(i - 1), v);
                double sum = 0;
                int count = 0;
                for (int u : side.get(v)) {
                    sum += cx[u];
                    count++;
                }
                if (otherSide != null) {
                    for (int u : otherSide.get(v)) {
                        sum += cx[u];
                        count++;
                    }
                }
                target[i] = (count == 0 ? cx[v] : sum / count) - offset[i];
                weight[i] = v >= realCount ? DUMMY_WEIGHT : 1;
            }
            double[] fitted = poolAdjacentViolators(target, weight);
            for (int i = 0; i < n; i++) {
                cx[layer.get(i)] = fitted[i] + offset[i];
            }
        }

        private Result result() {
            double[] rowTop = new double[layers.size()];
            double[] rowHeight = new double[layers.size()];
            double y = MARGIN;
            for (int l = 0; l < layers.size(); l++) {
                double h = 0;
                for (int v : layers.get(l)) {
                    h = Math.max(h, height.get(v));
                }
                rowTop[l] = y;
                rowHeight[l] = Math.max(h, 8);
                y += rowHeight[l] + LAYER_GAP;
            }
            double totalHeight = layers.isEmpty() ? 2 * MARGIN : y - LAYER_GAP + MARGIN;
            Map<String, Box> boxes = new LinkedHashMap<>();
            double right = MARGIN;
            for (int v = 0; v < realCount; v++) {
                int l = layerOf.get(v);
                double top = rowTop[l] + (rowHeight[l] - height.get(v)) / 2;
                Box box = new Box(cx[v] - width.get(v) / 2, top, width.get(v), height.get(v), l);
                boxes.put(real.get(v).id(), box);
                right = Math.max(right, box.right());
            }
            Map<Integer, Double> outPort = ports(true);
            Map<Integer, Double> inPort = ports(false);
            List<Route> routes = new ArrayList<>();
            for (int e = 0; e < chains.size(); e++) {
                int[] chain = chains.get(e);
                Box from = boxes.get(real.get(chain[0]).id());
                Box to = boxes.get(real.get(chain[chain.length - 1]).id());
                List<Point> points = new ArrayList<>();
                points.add(new Point(from.centerX() + outPort.get(e), from.bottom()));
                for (int i = 1; i < chain.length - 1; i++) {
                    int l = layerOf.get(chain[i]);
                    points.add(new Point(cx[chain[i]], rowTop[l]));
                    points.add(new Point(cx[chain[i]], rowTop[l] + rowHeight[l]));
                }
                points.add(new Point(to.centerX() + inPort.get(e), to.y()));
                routes.add(new Route(
                        real.get(chain[0]).id(),
                        real.get(chain[chain.length - 1]).id(),
                        points));
            }
            return new Result(boxes, routes, right + MARGIN, totalHeight, crossings());
        }

        /**
         * Spreads the edges leaving (or entering) each vertex across its width, sorted by where they
         * go, so that they fan out without crossing at the box.
         */
        private Map<Integer, Double> ports(boolean outgoing) {
            Map<Integer, List<Integer>> byVertex = new HashMap<>();
            for (int e = 0; e < chains.size(); e++) {
                int[] chain = chains.get(e);
                int end = outgoing ? chain[0] : chain[chain.length - 1];
                byVertex.computeIfAbsent(end, k -> new ArrayList<>()).add(e);
            }
            Map<Integer, Double> port = new HashMap<>();
            byVertex.forEach((v, list) -> {
                list.sort(Comparator.comparingDouble(e -> {
                    int[] chain = chains.get(e);
                    return cx[outgoing ? chain[1] : chain[chain.length - 2]];
                }));
                double spacing = Math.min(PORT_SPACING, width.get(v) * 0.7 / Math.max(1, list.size()));
                for (int i = 0; i < list.size(); i++) {
                    port.put(list.get(i), (i - (list.size() - 1) / 2.0) * spacing);
                }
            });
            return port;
        }
    }

    /**
     * The non-decreasing sequence closest to {@code target} in weighted least squares: adjacent
     * blocks that are out of order are merged into their weighted mean until none are.
     */
    static double[] poolAdjacentViolators(double[] target, double[] weight) {
        int n = target.length;
        double[] blockMean = new double[n];
        double[] blockWeight = new double[n];
        int[] blockSize = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            blockMean[blocks] = target[i];
            blockWeight[blocks] = weight[i];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockMean[blocks - 2] * blockWeight[blocks - 2]
                                + blockMean[blocks - 1] * blockWeight[blocks - 1])
                        / w;
                blockWeight[blocks - 2] = w;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < blockSize[b]; k++) {
                fitted[i++] = blockMean[b];
            }
        }
        return fitted;
    }
}
