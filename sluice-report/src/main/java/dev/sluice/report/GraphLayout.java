package dev.sluice.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A layered drawing of a directed graph with nested groups, top to bottom, computed by Eclipse ELK's
 * Layered algorithm (Sugiyama's scheme with network-simplex layering, crossing minimisation and
 * orthogonal edge routing). Groups are compound nodes: ELK lays out every level at once
 * ({@code INCLUDE_CHILDREN}), so an edge from inside a group to outside it is routed like any other
 * and a group is exactly as large as what it holds. The declared order of vertices and edges is kept
 * where crossings allow, so a drawing changes little when the pipeline does. Deterministic: the same
 * input gives the same drawing. Thread-safe.
 */
final class GraphLayout {
    /** Room above a group's content for its header. */
    static final double GROUP_HEADER = 26;

    static final double GROUP_PADDING = 12;
    static final double MARGIN = 8;

    private GraphLayout() {}

    /**
     * A box to place. A group holds the items that name it as their parent; its size is computed. Any
     * other item has the size it is given.
     *
     * @param parent the group it lies in, or {@code null} at the top level
     */
    record Item(String id, String parent, double width, double height, boolean group) {
        static Item vertex(String id, String parent, double width, double height) {
            return new Item(id, parent, width, height, false);
        }

        static Item group(String id, String parent) {
            return new Item(id, parent, 0, 0, true);
        }
    }

    /** An edge from one item to another; neither may be a group that holds the other. */
    record Edge(String from, String to) {}

    record Point(double x, double y) {}

    /** Where an item was placed: its top-left corner and its size, in the drawing's coordinates. */
    record Box(double x, double y, double width, double height) {
        double centerX() {
            return x + width / 2;
        }

        double bottom() {
            return y + height;
        }

        double right() {
            return x + width;
        }

        boolean overlaps(Box other) {
            return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
        }

        boolean contains(Box other) {
            return x <= other.x && y <= other.y && other.right() <= right() && other.bottom() <= bottom();
        }
    }

    /** The path of one edge, from the border of its source to the border of its target. */
    record Route(String from, String to, List<Point> points) {}

    /** The drawing: a box per item, a route per edge and the overall size. */
    record Result(Map<String, Box> boxes, List<Route> routes, double width, double height) {}

    /**
     * Lays out {@code items} joined by {@code edges}; a parent must come before the items it holds.
     * Duplicate edges and self-loops are ignored.
     */
    static Result layout(List<Item> items, List<Edge> edges) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(MARGIN));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(CoreOptions.SPACING_EDGE_NODE, 10.0);
        root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 8.0);
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 26.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);

        Map<String, ElkNode> elk = new LinkedHashMap<>();
        for (Item item : items) {
            ElkNode parent = item.parent() == null ? root : elk.get(item.parent());
            if (parent == null) {
                throw new IllegalArgumentException(
                        "item " + item.id() + " lies in " + item.parent() + ", which is not an earlier group");
            }
            ElkNode node = ElkGraphUtil.createNode(parent);
            node.setIdentifier(item.id());
            if (item.group()) {
                node.setProperty(
                        CoreOptions.PADDING,
                        new ElkPadding(GROUP_HEADER + 4, GROUP_PADDING, GROUP_PADDING, GROUP_PADDING));
            } else {
                node.setDimensions(item.width(), item.height());
            }
            elk.put(item.id(), node);
        }
        Set<Edge> distinct = new LinkedHashSet<>();
        for (Edge edge : edges) {
            if (!edge.from().equals(edge.to())) {
                distinct.add(edge);
            }
        }
        Map<ElkEdge, Edge> drawn = new LinkedHashMap<>();
        for (Edge edge : distinct) {
            ElkNode from = elk.get(edge.from());
            ElkNode to = elk.get(edge.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("edge " + edge + " joins an item that was not given");
            }
            ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
            ElkGraphUtil.updateContainment(e);
            drawn.put(e, edge);
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<ElkNode, Point> origins = new HashMap<>();
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Map.Entry<String, ElkNode> entry : elk.entrySet()) {
            ElkNode node = entry.getValue();
            Point origin = origin(node, origins);
            boxes.put(entry.getKey(), new Box(origin.x(), origin.y(), node.getWidth(), node.getHeight()));
        }
        List<Route> routes = new ArrayList<>();
        drawn.forEach((e, edge) -> {
            if (e.getSections().isEmpty()) {
                return;
            }
            ElkEdgeSection section = e.getSections().get(0);
            Point offset = e.getContainingNode() == root ? new Point(0, 0) : origin(e.getContainingNode(), origins);
            List<Point> points = new ArrayList<>();
            points.add(new Point(offset.x() + section.getStartX(), offset.y() + section.getStartY()));
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(new Point(offset.x() + bend.getX(), offset.y() + bend.getY()));
            }
            points.add(new Point(offset.x() + section.getEndX(), offset.y() + section.getEndY()));
            routes.add(new Route(edge.from(), edge.to(), points));
        });
        return new Result(boxes, routes, root.getWidth(), root.getHeight());
    }

    /** The top-left corner of {@code node} in the root's coordinates. */
    private static Point origin(ElkNode node, Map<ElkNode, Point> origins) {
        Point known = origins.get(node);
        if (known != null) {
            return known;
        }
        ElkNode parent = node.getParent();
        Point base = parent == null || parent.getParent() == null ? new Point(0, 0) : origin(parent, origins);
        Point point = new Point(base.x() + node.getX(), base.y() + node.getY());
        origins.put(node, point);
        return point;
    }
}
