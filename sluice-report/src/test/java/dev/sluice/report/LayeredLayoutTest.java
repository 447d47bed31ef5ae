package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.report.LayeredLayout.Box;
import dev.sluice.report.LayeredLayout.Edge;
import dev.sluice.report.LayeredLayout.Point;
import dev.sluice.report.LayeredLayout.Result;
import dev.sluice.report.LayeredLayout.Route;
import dev.sluice.report.LayeredLayout.Vertex;
import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static final double EPS = 1e-6;

    /** A random DAG: vertex i may point to any later vertex, so there is never a cycle. */
    record Dag(List<Vertex> vertices, List<Edge> edges) {}

    /** A DAG of 1 to 30 vertices of random widths, denser between near vertices. */
    static Dag dag(Random random) {
        int size = Gen.between(random, 1, 30);
        int density = Gen.between(random, 2, 30);
        List<Vertex> vertices = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            vertices.add(new Vertex("v" + i, Gen.between(random, 16, 180), i % 2 == 0 ? 40 : 22));
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                if (Gen.between(random, 0, 99) < density * 10 / Math.max(1, j - i)) {
                    edges.add(new Edge("v" + i, "v" + j));
                }
            }
        }
        return new Dag(vertices, edges);
    }

    /** Checks {@code property} on 200 random DAGs. */
    private static void forAllDags(Consumer<Dag> property) {
        Seeded.forAll(200, random -> property.accept(dag(random)));
    }

    @Test
    void layout_anyDag_everyEdgePointsToALowerLayer() {
        forAllDags(dag -> {
            Result result = LayeredLayout.layout(dag.vertices(), dag.edges());

            assertThat(result.boxes()).hasSize(dag.vertices().size());
            for (Edge e : dag.edges()) {
                Box from = result.boxes().get(e.from());
                Box to = result.boxes().get(e.to());
                assertThat(to.layer())
                        .as("layer of %s after %s", e.to(), e.from())
                        .isGreaterThan(from.layer());
                assertThat(to.y()).isGreaterThanOrEqualTo(from.bottom() + LayeredLayout.LAYER_GAP - EPS);
            }
        });
    }

    @Test
    void layout_anyDag_noBoxesOverlapAndAllFitTheDrawing() {
        forAllDags(dag -> {
            Result result = LayeredLayout.layout(dag.vertices(), dag.edges());

            List<Map.Entry<String, Box>> boxes = new ArrayList<>(result.boxes().entrySet());
            for (int i = 0; i < boxes.size(); i++) {
                Box a = boxes.get(i).getValue();
                assertThat(a.x()).isGreaterThanOrEqualTo(-EPS);
                assertThat(a.y()).isGreaterThanOrEqualTo(-EPS);
                assertThat(a.right()).isLessThanOrEqualTo(result.width() + EPS);
                assertThat(a.bottom()).isLessThanOrEqualTo(result.height() + EPS);
                for (int j = i + 1; j < boxes.size(); j++) {
                    Box b = boxes.get(j).getValue();
                    boolean apart = a.right() + LayeredLayout.VERTEX_GAP <= b.x() + EPS
                            || b.right() + LayeredLayout.VERTEX_GAP <= a.x() + EPS
                            || a.bottom() <= b.y() + EPS
                            || b.bottom() <= a.y() + EPS;
                    assertThat(apart)
                            .as(
                                    "%s %s and %s %s overlap",
                                    boxes.get(i).getKey(), a, boxes.get(j).getKey(), b)
                            .isTrue();
                }
            }
        });
    }

    @Test
    void layout_anyDag_routesJoinTheirBoxesAndPassNoOtherBox() {
        forAllDags(dag -> {
            Result result = LayeredLayout.layout(dag.vertices(), dag.edges());

            assertThat(result.routes()).hasSameSizeAs(dag.edges());
            for (Route route : result.routes()) {
                Box from = result.boxes().get(route.from());
                Box to = result.boxes().get(route.to());
                Point first = route.points().get(0);
                Point last = route.points().get(route.points().size() - 1);
                assertThat(first.y()).isCloseTo(from.bottom(), within(EPS));
                assertThat(first.x()).isBetween(from.x(), from.right());
                assertThat(last.y()).isCloseTo(to.y(), within(EPS));
                assertThat(last.x()).isBetween(to.x(), to.right());
                for (int i = 1; i < route.points().size(); i++) {
                    Point p = route.points().get(i - 1);
                    Point q = route.points().get(i);
                    assertThat(q.y()).isGreaterThanOrEqualTo(p.y() - EPS);
                    if (Math.abs(p.x() - q.x()) < EPS && q.y() > p.y()) {
                        // A vertical stretch crosses a row: it must not run through a box of that row.
                        for (Box box : result.boxes().values()) {
                            boolean sameRows = box.y() < q.y() - EPS && box.bottom() > p.y() + EPS;
                            boolean inside = p.x() > box.x() + EPS && p.x() < box.right() - EPS;
                            assertThat(sameRows && inside)
                                    .as("route %s->%s runs through %s", route.from(), route.to(), box)
                                    .isFalse();
                        }
                    }
                }
            }
        });
    }

    @Test
    void layout_chain_oneLayerEachAndAligned() {
        Result result = LayeredLayout.layout(
                List.of(new Vertex("a", 60, 30), new Vertex("b", 120, 30), new Vertex("c", 40, 30)),
                List.of(new Edge("a", "b"), new Edge("b", "c")));

        assertThat(result.boxes().get("a").layer()).isZero();
        assertThat(result.boxes().get("b").layer()).isEqualTo(1);
        assertThat(result.boxes().get("c").layer()).isEqualTo(2);
        assertThat(result.boxes().get("a").centerX())
                .isCloseTo(result.boxes().get("b").centerX(), within(EPS));
        assertThat(result.boxes().get("c").centerX())
                .isCloseTo(result.boxes().get("b").centerX(), within(EPS));
    }

    @Test
    void layout_sourceReadLate_sitsJustAboveItsConsumer() {
        Result result = LayeredLayout.layout(
                List.of(
                        new Vertex("a", 40, 20),
                        new Vertex("b", 40, 20),
                        new Vertex("c", 40, 20),
                        new Vertex("d", 40, 20),
                        new Vertex("late_input", 40, 20)),
                List.of(new Edge("a", "b"), new Edge("b", "c"), new Edge("c", "d"), new Edge("late_input", "d")));

        assertThat(result.boxes().get("late_input").layer()).isEqualTo(2);
    }

    @Test
    void layout_crossingInInputOrder_isUncrossed() {
        // Given in this order, a->d and b->c cross; swapping c and d removes the crossing.
        Result result = LayeredLayout.layout(
                List.of(
                        new Vertex("a", 40, 20),
                        new Vertex("b", 40, 20),
                        new Vertex("c", 40, 20),
                        new Vertex("d", 40, 20)),
                List.of(new Edge("a", "d"), new Edge("b", "c")));

        assertThat(result.crossings()).isZero();
    }

    @Test
    void layout_twoParentsTwoChildrenFullyJoined_keepsTheOneUnavoidableCrossing() {
        Result result = LayeredLayout.layout(
                List.of(
                        new Vertex("a", 40, 20),
                        new Vertex("b", 40, 20),
                        new Vertex("c", 40, 20),
                        new Vertex("d", 40, 20)),
                List.of(new Edge("a", "c"), new Edge("a", "d"), new Edge("b", "c"), new Edge("b", "d")));

        assertThat(result.crossings()).isEqualTo(1);
    }

    @Test
    void layout_edgeClosingACycle_isLeftOutInsteadOfFailing() {
        Result result = LayeredLayout.layout(
                List.of(new Vertex("a", 40, 20), new Vertex("b", 40, 20)),
                List.of(new Edge("a", "b"), new Edge("b", "a"), new Edge("a", "a")));

        assertThat(result.routes()).extracting(Route::from).containsExactly("a");
        assertThat(result.boxes().get("b").layer()).isEqualTo(1);
    }

    @Test
    void layout_noVertices_isAnEmptyDrawing() {
        Result result = LayeredLayout.layout(List.of(), List.of());

        assertThat(result.boxes()).isEmpty();
        assertThat(result.width()).isPositive();
    }

    @Test
    void poolAdjacentViolators_outOfOrder_poolsToTheWeightedMean() {
        assertThat(LayeredLayout.poolAdjacentViolators(new double[] {3, 1, 2}, new double[] {1, 1, 1}))
                .containsExactly(2, 2, 2);
        assertThat(LayeredLayout.poolAdjacentViolators(new double[] {0, 6, 0}, new double[] {1, 1, 2}))
                .containsExactly(0, 2, 2);
        assertThat(LayeredLayout.poolAdjacentViolators(new double[] {1, 2, 3}, new double[] {1, 1, 1}))
                .containsExactly(1, 2, 3);
    }
}
