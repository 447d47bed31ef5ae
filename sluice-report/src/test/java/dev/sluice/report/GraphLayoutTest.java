package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.report.GraphLayout.Box;
import dev.sluice.report.GraphLayout.Edge;
import dev.sluice.report.GraphLayout.Item;
import dev.sluice.report.GraphLayout.Point;
import dev.sluice.report.GraphLayout.Result;
import dev.sluice.report.GraphLayout.Route;
import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    private static final double EPS = 0.5;

    /** A random DAG whose vertices lie in random, possibly nested, groups; edges join vertices only. */
    record Graph(List<Item> items, List<Edge> edges) {
        boolean grouped() {
            return items.stream().anyMatch(Item::group);
        }

        Map<String, Item> byId() {
            Map<String, Item> byId = new LinkedHashMap<>();
            items.forEach(i -> byId.put(i.id(), i));
            return byId;
        }
    }

    /** 1 to 30 vertices in 0 to 4 groups (a group may lie in an earlier one); vertex i may point to any later vertex. */
    static Graph graph(Random random) {
        List<Item> items = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        int groupCount = Gen.between(random, 0, 4);
        for (int g = 0; g < groupCount; g++) {
            String parent = groups.isEmpty() || random.nextBoolean() ? null : Gen.oneOf(random, groups);
            items.add(Item.group("g" + g, parent));
            groups.add("g" + g);
        }
        int size = Gen.between(random, 1, 30);
        int density = Gen.between(random, 2, 30);
        List<String> vertices = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String parent = groups.isEmpty() || random.nextInt(3) == 0 ? null : Gen.oneOf(random, groups);
            items.add(Item.vertex("v" + i, parent, Gen.between(random, 16, 180), i % 2 == 0 ? 40 : 22));
            vertices.add("v" + i);
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                if (Gen.between(random, 0, 99) < density * 10 / Math.max(1, j - i)) {
                    edges.add(new Edge(vertices.get(i), vertices.get(j)));
                }
            }
        }
        // A group that ends up empty gets one vertex, as a namespace always holds a node.
        for (String g : groups) {
            if (items.stream().noneMatch(i -> g.equals(i.parent()))) {
                items.add(Item.vertex("only-" + g, g, 60, 22));
            }
        }
        return new Graph(items, edges);
    }

    private static void forAllGraphs(Consumer<Graph> property) {
        Seeded.forAll(60, random -> property.accept(graph(random)));
    }

    @Test
    void layout_anyGraph_siblingsNeverOverlapAndGroupsHoldTheirItems() {
        forAllGraphs(graph -> {
            Result result = GraphLayout.layout(graph.items(), graph.edges());

            assertThat(result.boxes()).hasSize(graph.items().size());
            List<Item> items = graph.items();
            for (int i = 0; i < items.size(); i++) {
                Item a = items.get(i);
                Box boxA = result.boxes().get(a.id());
                assertThat(boxA.x()).isGreaterThanOrEqualTo(-EPS);
                assertThat(boxA.y()).isGreaterThanOrEqualTo(-EPS);
                assertThat(boxA.right()).isLessThanOrEqualTo(result.width() + EPS);
                assertThat(boxA.bottom()).isLessThanOrEqualTo(result.height() + EPS);
                if (!a.group()) {
                    assertThat(boxA.width()).isEqualTo(a.width());
                    assertThat(boxA.height()).isEqualTo(a.height());
                }
                if (a.parent() != null) {
                    Box group = result.boxes().get(a.parent());
                    assertThat(group.contains(boxA))
                            .as("%s %s lies in %s %s", a.id(), boxA, a.parent(), group)
                            .isTrue();
                    assertThat(boxA.y())
                            .as("%s starts below the header of %s", a.id(), a.parent())
                            .isGreaterThanOrEqualTo(group.y() + GraphLayout.GROUP_HEADER);
                }
                for (int j = i + 1; j < items.size(); j++) {
                    Item b = items.get(j);
                    if (Objects.equals(a.parent(), b.parent())) {
                        Box boxB = result.boxes().get(b.id());
                        assertThat(boxA.overlaps(boxB))
                                .as("%s %s and %s %s overlap", a.id(), boxA, b.id(), boxB)
                                .isFalse();
                    }
                }
            }
        });
    }

    @Test
    void layout_anyGraph_routesJoinTheirVerticesAndRunThroughNoOther() {
        forAllGraphs(graph -> {
            Result result = GraphLayout.layout(graph.items(), graph.edges());

            assertThat(result.routes()).hasSize(graph.edges().size());
            for (Route route : result.routes()) {
                Box from = result.boxes().get(route.from());
                Box to = result.boxes().get(route.to());
                Point first = route.points().get(0);
                Point last = route.points().get(route.points().size() - 1);
                assertThat(onBorder(first, from))
                        .as("%s leaves the border of its source %s", route, from)
                        .isTrue();
                assertThat(onBorder(last, to))
                        .as("%s reaches the border of its target %s", route, to)
                        .isTrue();
                if (!graph.grouped()) {
                    // Without groups every edge points down; a group may have to be left and re-entered.
                    assertThat(first.y()).isCloseTo(from.bottom(), within());
                    assertThat(last.y()).isCloseTo(to.y(), within());
                }
                for (int i = 1; i < route.points().size(); i++) {
                    Point p = route.points().get(i - 1);
                    Point q = route.points().get(i);
                    for (Item item : graph.items()) {
                        if (item.group()
                                || item.id().equals(route.from())
                                || item.id().equals(route.to())) {
                            continue;
                        }
                        Box box = result.boxes().get(item.id());
                        Box shrunk = new Box(box.x() + 1, box.y() + 1, box.width() - 2, box.height() - 2);
                        Box segment = new Box(
                                Math.min(p.x(), q.x()),
                                Math.min(p.y(), q.y()),
                                Math.abs(p.x() - q.x()) + 0.01,
                                Math.abs(p.y() - q.y()) + 0.01);
                        assertThat(segment.overlaps(shrunk))
                                .as("%s runs through %s %s", route, item.id(), box)
                                .isFalse();
                    }
                }
            }
        });
    }

    @Test
    void layout_sameGraphTwice_sameDrawing() {
        Seeded.forAll(10, random -> {
            Graph graph = graph(random);

            assertThat(GraphLayout.layout(graph.items(), graph.edges()))
                    .isEqualTo(GraphLayout.layout(graph.items(), graph.edges()));
        });
    }

    @Test
    void layout_twoGroupsFedByOneDataset_sitSideBySideUnderIt() {
        // The shape of spaceflights: one table read by two modular pipelines.
        List<Item> items = new ArrayList<>();
        items.add(Item.vertex("table", null, 120, 22));
        List<Edge> edges = new ArrayList<>();
        for (String g : List.of("active", "candidate")) {
            items.add(Item.group(g, null));
            items.add(Item.vertex(g + ".split", g, 120, 28));
            items.add(Item.vertex(g + ".model", g, 80, 22));
            edges.add(new Edge("table", g + ".split"));
            edges.add(new Edge(g + ".split", g + ".model"));
        }

        Result result = GraphLayout.layout(items, edges);

        Box table = result.boxes().get("table");
        Box active = result.boxes().get("active");
        Box candidate = result.boxes().get("candidate");
        assertThat(active.y()).isGreaterThan(table.bottom());
        assertThat(candidate.y()).isEqualTo(active.y());
        assertThat(active.right()).as("declared first, drawn left").isLessThan(candidate.x());
    }

    @Test
    void layout_itemInAGroupNotGivenBefore_isRefused() {
        assertThatThrownBy(() -> GraphLayout.layout(List.of(Item.vertex("v", "g", 10, 10)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item v lies in g");
    }

    @Test
    void layout_edgeToAnUnknownItem_isRefused() {
        assertThatThrownBy(
                        () -> GraphLayout.layout(List.of(Item.vertex("v", null, 10, 10)), List.of(new Edge("v", "w"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("joins an item that was not given");
    }

    private static boolean onBorder(Point p, Box box) {
        boolean inX = p.x() >= box.x() - EPS && p.x() <= box.right() + EPS;
        boolean inY = p.y() >= box.y() - EPS && p.y() <= box.bottom() + EPS;
        boolean onX = Math.abs(p.x() - box.x()) <= EPS || Math.abs(p.x() - box.right()) <= EPS;
        boolean onY = Math.abs(p.y() - box.y()) <= EPS || Math.abs(p.y() - box.bottom()) <= EPS;
        return inX && inY && (onX || onY);
    }

    private static Offset<Double> within() {
        return Offset.offset(EPS);
    }
}
