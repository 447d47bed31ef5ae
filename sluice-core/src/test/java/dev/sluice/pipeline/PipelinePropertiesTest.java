package dev.sluice.pipeline;

import static dev.sluice.pipeline.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Pipeline.Filter;
import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Invariants of ordering, slicing and algebra over random DAGs. Each DAG records its edges on the
 * side, so the expected ancestors and descendants are computed without the code under test.
 */
class PipelinePropertiesTest {

    /** A random pipeline and the parent names of each node, as the generator wired them. */
    record Dag(Pipeline pipeline, Map<String, Set<String>> parents, Map<String, Set<String>> children) {
        Set<String> names() {
            return parents.keySet();
        }

        Set<String> ancestorsAndSelf(String name) {
            return reach(name, parents);
        }

        Set<String> descendantsAndSelf(String name) {
            return reach(name, children);
        }

        private static Set<String> reach(String start, Map<String, Set<String>> edges) {
            Set<String> seen = new TreeSet<>(Set.of(start));
            Deque<String> queue = new ArrayDeque<>(seen);
            while (!queue.isEmpty()) {
                for (String next : edges.get(queue.poll())) {
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
            }
            return seen;
        }

        @Override
        public String toString() {
            return pipeline.nodes().toString();
        }
    }

    private static final int CASES = 300;

    /** A random DAG of 1 to 14 nodes. */
    static Dag dag(Random random) {
        int size = Gen.between(random, 1, 14);
        List<Integer> nameOrder =
                new ArrayList<>(IntStream.range(0, size).boxed().toList());
        Collections.shuffle(nameOrder, random);
        return build(size, Gen.ints(random, size * size, 0, 9), Gen.ints(random, size, 0, 3), nameOrder);
    }

    /** Checks {@code property} on {@value #CASES} random DAGs. */
    private static void forAllDags(Consumer<Dag> property) {
        Seeded.forAll(CASES, random -> property.accept(dag(random)));
    }

    /**
     * Node {@code i} writes {@code d_i} (transcoded when its shape says so) and maybe {@code e_i};
     * it reads outputs of earlier nodes when the dice say so, and maybe a free input. Names follow a
     * shuffled order so that name order and dependency order differ.
     */
    private static Dag build(int size, List<Integer> dice, List<Integer> shapes, List<Integer> nameOrder) {
        List<String> names = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Map<String, Set<String>> parents = new HashMap<>();
        Map<String, Set<String>> children = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String name = "node_" + nameOrder.get(i);
            names.add(name);
            parents.put(name, new TreeSet<>());
            children.put(name, new TreeSet<>());
            boolean transcoded = shapes.get(i) >= 2;
            List<String> outputs = new ArrayList<>(List.of(transcoded ? "d_" + i + "@csv" : "d_" + i));
            if (shapes.get(i) % 2 == 1) {
                outputs.add("e_" + i);
            }
            List<String> inputs = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                int roll = dice.get(i * size + j);
                String parentDataset = null;
                if (roll < 3) {
                    boolean parentTranscoded = shapes.get(j) >= 2;
                    parentDataset = parentTranscoded ? "d_" + j + (roll == 0 ? "@csv" : "@pandas") : "d_" + j;
                } else if (roll == 3 && shapes.get(j) % 2 == 1) {
                    parentDataset = "e_" + j;
                }
                if (parentDataset != null) {
                    inputs.add(parentDataset);
                    parents.get(name).add(names.get(j));
                    children.get(names.get(j)).add(name);
                }
            }
            int freeRoll = dice.get(i * size + i);
            if (freeRoll < 4) {
                inputs.add("free_" + freeRoll % 3);
            }
            nodes.add(node(name, inputs, outputs));
        }
        return new Dag(Pipeline.of(nodes), parents, children);
    }

    private static Set<String> names(Pipeline pipeline) {
        return pipeline.nodeNames();
    }

    @Test
    void nodes_anyDag_putEveryParentBeforeItsChild() {
        forAllDags(dag -> {
            List<Node> order = dag.pipeline().nodes();
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                position.put(order.get(i).name(), i);
            }

            assertThat(position.keySet()).isEqualTo(dag.names());
            dag.parents()
                    .forEach((child, parents) -> parents.forEach(parent -> assertThat(position.get(parent))
                            .as("%s before %s", parent, child)
                            .isLessThan(position.get(child))));
        });
    }

    @Test
    void parentsOf_anyNode_areTheWiredParents() {
        forAllDags(dag -> {
            for (Node node : dag.pipeline().nodes()) {
                Set<String> parents =
                        dag.pipeline().parentsOf(node).stream().map(Node::name).collect(Collectors.toSet());

                assertThat(parents).isEqualTo(dag.parents().get(node.name()));
            }
        });
    }

    @Test
    void nodes_anyInsertionOrder_isTheSameOrder() {
        Seeded.forAll(CASES, random -> {
            Dag dag = dag(random);
            List<Node> shuffled = new ArrayList<>(dag.pipeline().nodes());
            Collections.shuffle(shuffled, random);

            assertThat(Pipeline.of(shuffled).nodes()).isEqualTo(dag.pipeline().nodes());
        });
    }

    @Test
    void toNodes_anyNode_isTheNodeAndItsAncestors() {
        forAllDags(dag -> {
            for (String name : dag.names()) {
                assertThat(names(dag.pipeline().toNodes(name))).isEqualTo(dag.ancestorsAndSelf(name));
            }
        });
    }

    @Test
    void fromNodes_anyNode_isTheNodeAndItsDescendants() {
        forAllDags(dag -> {
            for (String name : dag.names()) {
                assertThat(names(dag.pipeline().fromNodes(name))).isEqualTo(dag.descendantsAndSelf(name));
            }
        });
    }

    @Test
    void toOutputs_firstOutputOfAnyNode_isLikeToNodes() {
        forAllDags(dag -> {
            for (Node node : dag.pipeline().nodes()) {
                String output = node.outputs().get(0);

                assertThat(dag.pipeline().toOutputs(DatasetNames.strip(output)))
                        .isEqualTo(dag.pipeline().toNodes(node.name()));
                assertThat(dag.pipeline().toOutputs(output))
                        .isEqualTo(dag.pipeline().toNodes(node.name()));
            }
        });
    }

    @Test
    void fromInputs_allOutputsOfAnyNode_isItsDescendants() {
        forAllDags(dag -> {
            for (Node node : dag.pipeline().nodes()) {
                Set<String> descendants = new TreeSet<>(dag.descendantsAndSelf(node.name()));
                descendants.remove(node.name());
                String[] outputs =
                        node.outputs().stream().map(DatasetNames::strip).toArray(String[]::new);

                assertThat(names(dag.pipeline().fromInputs(outputs))).isEqualTo(descendants);
            }
        });
    }

    @Test
    void onlyNodes_allNames_isThePipeline() {
        forAllDags(dag -> {
            Pipeline pipeline = dag.pipeline();

            Pipeline all = pipeline.onlyNodes(pipeline.nodeNames().toArray(String[]::new));

            assertThat(all).isEqualTo(pipeline);
            assertThat(all.nodes()).isEqualTo(pipeline.nodes());
        });
    }

    @Test
    void fromNodesIntersectToNodes_sameNode_isThatNodeAlone() {
        forAllDags(dag -> {
            for (String name : dag.names()) {
                Pipeline between =
                        dag.pipeline().fromNodes(name).intersect(dag.pipeline().toNodes(name));

                assertThat(between).isEqualTo(dag.pipeline().onlyNodes(name));
            }
        });
    }

    @Test
    void minusAndIntersect_anySlice_partitionThePipeline() {
        forAllDags(dag -> {
            Pipeline pipeline = dag.pipeline();
            for (String name : dag.names()) {
                Pipeline slice = pipeline.fromNodes(name);

                Pipeline rest = pipeline.minus(slice);
                Pipeline common = pipeline.intersect(slice);

                assertThat(rest.union(common)).isEqualTo(pipeline);
                assertThat(rest.intersect(common).isEmpty()).isTrue();
                assertThat(common).isEqualTo(slice);
            }
        });
    }

    @Test
    void groupedNodes_anyDag_putEachNodeOneLevelBelowItsDeepestParent() {
        forAllDags(dag -> {
            List<List<Node>> groups = dag.pipeline().groupedNodes();
            Map<String, Integer> level = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                for (Node node : groups.get(g)) {
                    level.put(node.name(), g);
                }
                assertThat(groups.get(g)).isSortedAccordingTo(Comparator.comparing(Node::name));
            }
            assertThat(level.keySet()).isEqualTo(dag.names());
            for (String name : dag.names()) {
                int deepest = dag.parents().get(name).stream()
                        .mapToInt(level::get)
                        .max()
                        .orElse(-1);
                assertThat(level.get(name)).as(name).isEqualTo(deepest + 1);
            }
        });
    }

    @Test
    void filter_fromNodesAndToNodes_isTheIntersectionOfBothSlices() {
        forAllDags(dag -> {
            Pipeline pipeline = dag.pipeline();
            String first = pipeline.nodes().get(0).name();
            String last = pipeline.nodes().get(pipeline.nodes().size() - 1).name();
            Filter filter = Filter.none().withFromNodes(List.of(first)).withToNodes(List.of(last));
            Pipeline expected = pipeline.fromNodes(first).intersect(pipeline.toNodes(last));

            assertThat(pipeline.filter(filter)).isEqualTo(expected);
        });
    }
}
