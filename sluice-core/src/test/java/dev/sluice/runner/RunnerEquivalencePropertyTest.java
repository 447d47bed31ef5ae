package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.testing.FakeStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the DAG (with transcoded edges), the runner and the I/O mode, a run computes the same node
 * results and stores the same bytes as a sequential {@code sync} run.
 */
class RunnerEquivalencePropertyTest {

    /** A random DAG: node i reads some earlier outputs or free inputs; some datasets are persisted. */
    record Shape(long seed, int nodes) {}

    record Setup(boolean parallel, int workers, IoMode io) {}

    @Property(tries = 60)
    void anyRunnerAndIoMode_matchesSequentialSync(@ForAll("shapes") Shape shape, @ForAll("setups") Setup setup) {
        Outcome expected = run(shape, Runner.builder().sequential().io(IoMode.SYNC));
        Runner.Builder builder = setup.parallel() ? Runner.builder().parallel(setup.workers()) : Runner.builder();
        Outcome actual = run(shape, builder.io(setup.io()).maxPendingSaves(1 + setup.workers()));

        assertThat(actual.freeOutputs()).isEqualTo(expected.freeOutputs());
        assertThat(actual.stored()).isEqualTo(expected.stored());
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 12))
                .as(Shape::new);
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.of(IoMode.values()))
                .as(Setup::new);
    }

    private record Outcome(Map<String, Object> freeOutputs, Map<String, String> stored) {}

    private static Outcome run(Shape shape, Runner.Builder builder) {
        Random random = new Random(shape.seed());
        FakeStore store = new FakeStore();
        Map<String, Dataset<?>> catalog = new LinkedHashMap<>();
        List<String> available = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String source = "src" + i;
            store.put(source, "s" + i);
            catalog.put(source, store.dataset(source));
            available.add(source);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < shape.nodes(); i++) {
            List<String> inputs = new ArrayList<>();
            for (String candidate : available) {
                if (random.nextInt(3) == 0 && inputs.size() < 4) {
                    inputs.add(candidate);
                }
            }
            List<String> outputs = new ArrayList<>();
            for (String base : List.of("d" + i + "a", "d" + i + "b")) {
                int kind = random.nextInt(3);
                if (kind == 0) {
                    outputs.add(base);
                    available.add(base);
                } else if (kind == 1) {
                    catalog.put(base, store.dataset(base));
                    outputs.add(base);
                    available.add(base);
                } else {
                    catalog.put(base + "@write", store.dataset(base));
                    catalog.put(base + "@read", store.dataset(base));
                    outputs.add(base + "@write");
                    available.add(base + "@read");
                }
            }
            Map<String, String> byArgument = new LinkedHashMap<>();
            for (int k = 0; k < inputs.size(); k++) {
                byArgument.put("arg" + k, inputs.get(k));
            }
            String name = "n" + i;
            nodes.add(Node.named(name).inputs(byArgument).outputs(outputs).fnByName(in -> {
                StringBuilder text = new StringBuilder(name).append('(');
                in.asMap().values().forEach(v -> text.append(v).append(','));
                String joined = text.append(')').toString();
                return List.of(joined + "#a", Integer.toHexString(joined.hashCode()));
            }));
        }
        RunResult result = builder.build().run(Pipeline.of(nodes), DataCatalog.of(catalog));
        return new Outcome(result.freeOutputs(), store.contents());
    }
}
