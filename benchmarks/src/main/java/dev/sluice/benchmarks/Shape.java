package dev.sluice.benchmarks;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * The DAG shapes of the {@code shapes} suite, each node computing for a fixed CPU time and writing one
 * small output: a chain, a wide fan-out with a join, a diamond of layers, and a seeded random DAG. The
 * node functions are pure: each returns a short text made from its inputs.
 *
 * @param name the shape's name in tables, e.g. {@code chain of 10}
 * @param pipeline the nodes
 */
record Shape(String name, Pipeline pipeline) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** {@code length} nodes in a line, each reading its predecessor's output. */
    static Shape chain(int length, Duration compute) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            nodes.add(node(
                    "n" + pad(i, length),
                    i == 0 ? List.of() : List.of(output(i - 1, length)),
                    output(i, length),
                    compute));
        }
        return new Shape("chain of " + length, Pipeline.of(nodes));
    }

    /** One source, {@code branches} nodes that each read it, and a join that reads them all. */
    static Shape wide(int branches, Duration compute) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(node("source", List.of(), "s", compute));
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            String out = "b" + pad(i, branches);
            nodes.add(node("branch_" + pad(i, branches), List.of("s"), out, compute));
            joined.add(out);
        }
        nodes.add(node("join", joined, "joined", compute));
        return new Shape("wide, " + branches + " branches", Pipeline.of(nodes));
    }

    /**
     * A source, {@code layers} layers of {@code width} nodes each reading every node of the layer above,
     * and a sink that reads the last layer.
     */
    static Shape diamond(int layers, int width, Duration compute) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(node("source", List.of(), "s", compute));
        List<String> above = List.of("s");
        for (int layer = 1; layer <= layers; layer++) {
            List<String> here = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                String out = "l" + layer + "_" + i;
                nodes.add(node("layer" + layer + "_" + i, above, out, compute));
                here.add(out);
            }
            above = here;
        }
        nodes.add(node("sink", above, "sunk", compute));
        return new Shape("diamond, " + layers + " layers of " + width, Pipeline.of(nodes));
    }

    /**
     * {@code size} nodes where node {@code i} reads one to three outputs of the eight nodes before it
     * (the first three may read none), drawn from {@code new Random(seed)}: a DAG with sources, joins,
     * fan-outs and sinks, the same for the same seed.
     */
    static Shape random(int size, long seed, Duration compute) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int parents = i == 0 ? 0 : Math.min(i, (i < 3 ? 0 : 1) + random.nextInt(i < 3 ? 2 : 3));
            TreeSet<Integer> chosen = new TreeSet<>();
            while (chosen.size() < parents) {
                chosen.add(Math.max(0, i - 8) + random.nextInt(Math.min(i, 8)));
            }
            List<String> inputs = chosen.stream().map(p -> output(p, size)).toList();
            nodes.add(node("n" + pad(i, size), inputs, output(i, size), compute));
        }
        return new Shape("random DAG of " + size + " (seed " + seed + ")", Pipeline.of(nodes));
    }

    private static String output(int i, int count) {
        return "d" + pad(i, count);
    }

    private static String pad(int i, int count) {
        return String.format("%0" + String.valueOf(count - 1).length() + "d", i);
    }

    private static Node node(String name, List<String> inputs, String output, Duration compute) {
        Map<String, String> byArgument = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byArgument.put("in" + i, inputs.get(i));
        }
        return Node.named(name).inputs(byArgument).outputs(output).fnByName(in -> {
            burn(compute);
            return name + in.asMap().size();
        });
    }

    /**
     * Keeps this thread's CPU busy for {@code cpu} of CPU time (not wall time: on a busy machine it takes
     * longer), so that compute is real work that competes for the cores.
     */
    static void burn(Duration cpu) {
        if (cpu.isZero()) {
            return;
        }
        long end = THREADS.getCurrentThreadCpuTime() + cpu.toNanos();
        double sink = 0;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sink += Math.sqrt(i + sink);
            }
        }
        if (sink == Double.MIN_VALUE) {
            throw new IllegalStateException("unreachable: keeps the loop from being optimised away");
        }
    }
}
