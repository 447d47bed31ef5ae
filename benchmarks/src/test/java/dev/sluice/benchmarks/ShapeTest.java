package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void chain_tenNodes_eachReadsItsPredecessor() {
        Pipeline chain = Shape.chain(10, Duration.ZERO).pipeline();

        assertThat(chain.nodes()).hasSize(10);
        assertThat(chain.node("n9").inputs()).containsExactly("d8");
        assertThat(chain.inputs()).isEmpty();
        assertThat(chain.outputs()).containsExactly("d9");
    }

    @Test
    void wide_tenBranches_sourceBranchesAndAJoin() {
        Pipeline wide = Shape.wide(10, Duration.ZERO).pipeline();

        assertThat(wide.nodes()).hasSize(12);
        assertThat(wide.childrenOf(wide.node("source"))).hasSize(10);
        assertThat(wide.parentsOf(wide.node("join"))).hasSize(10);
    }

    @Test
    void diamond_threeLayersOfFour_eachNodeReadsTheWholeLayerAbove() {
        Pipeline diamond = Shape.diamond(3, 4, Duration.ZERO).pipeline();

        assertThat(diamond.nodes()).hasSize(14);
        assertThat(diamond.parentsOf(diamond.node("layer2_3"))).hasSize(4);
        assertThat(diamond.parentsOf(diamond.node("sink")))
                .extracting(Node::name)
                .allMatch(n -> n.startsWith("layer3"));
    }

    @Test
    void random_sameSeed_sameDagAndOnlyEarlierParentsWithinEight() {
        Pipeline first = Shape.random(20, 7, Duration.ZERO).pipeline();
        Pipeline again = Shape.random(20, 7, Duration.ZERO).pipeline();

        assertThat(first.nodes()).hasSize(20);
        assertThat(first.nodes())
                .extracting(Node::inputs)
                .isEqualTo(again.nodes().stream().map(Node::inputs).toList());
        for (Node node : first.nodes()) {
            int index = Integer.parseInt(node.name().substring(1));
            assertThat(node.inputs()).hasSizeLessThanOrEqualTo(3);
            for (String input : node.inputs()) {
                int parent = Integer.parseInt(input.substring(1));
                assertThat(parent).isBetween(index - 8, index - 1);
            }
        }
        assertThat(Shape.random(20, 8, Duration.ZERO).pipeline().nodes())
                .extracting(Node::inputs)
                .isNotEqualTo(first.nodes().stream().map(Node::inputs).toList());
    }
}
