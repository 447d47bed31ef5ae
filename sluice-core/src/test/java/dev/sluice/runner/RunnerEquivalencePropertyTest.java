package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DataCatalog;
import dev.sluice.hook.Hook;
import dev.sluice.io.Dataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.testing.FakeStore;
import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Whatever the DAG (with transcoded edges), the runner and the I/O mode, a run computes the same node
 * results and stores the same bytes as a sequential {@code sync} run; and background saves never
 * exceed their bounds.
 */
class RunnerEquivalencePropertyTest {

    /** A random DAG: node i reads some earlier outputs or free inputs; some datasets are persisted. */
    record Shape(long seed, int nodes) {
        static Shape random(Random random) {
            return new Shape(random.nextLong(), Gen.between(random, 1, 12));
        }
    }

    record Setup(boolean parallel, int workers, IoMode io) {
        static Setup random(Random random) {
            return new Setup(random.nextBoolean(), Gen.between(random, 1, 4), Gen.oneOf(random, IoMode.values()));
        }

        Runner.Builder builder() {
            Runner.Builder builder = parallel ? Runner.builder().parallel(workers) : Runner.builder();
            return builder.io(io);
        }
    }

    @Test
    void anyRunnerAndIoMode_matchesSequentialSync() {
        Seeded.forAll(60, random -> {
            Shape shape = Shape.random(random);
            Setup setup = Setup.random(random);
            Outcome expected = run(shape, Runner.builder().sequential().io(IoMode.SYNC));
            Outcome actual = run(shape, setup.builder().maxPendingSaves(1 + setup.workers()));

            assertThat(actual.freeOutputs()).as("%s", setup).isEqualTo(expected.freeOutputs());
            assertThat(actual.stored()).as("%s", setup).isEqualTo(expected.stored());
        });
    }

    /**
     * Under the tee and the cache, the saves queued and not yet finished never number more than the
     * bound, nor weigh more than the byte bound (or the one save that exceeds it alone), whatever the
     * DAG and runner; and nothing is dropped.
     */
    @Test
    void backgroundSaves_anyDagAndBounds_stayWithinTheBounds() {
        Seeded.forAll(60, random -> {
            Shape shape = Shape.random(random);
            Setup setup = Setup.random(random);
            IoMode io = Gen.oneOf(random, IoMode.TEE, IoMode.CACHE);
            int maxSaves = Gen.between(random, 1, 3);
            long maxBytes = Gen.between(random, 1, 200);
            PendingSaves pending = new PendingSaves();
            Outcome expected = run(shape, Runner.builder().sequential().io(IoMode.SYNC));
            Outcome actual = run(
                    shape,
                    setup.builder()
                            .io(io)
                            .maxPendingSaves(maxSaves)
                            .maxPendingBytes(maxBytes)
                            .hook(pending));

            assertThat(pending.maxCount).as("most saves pending at once").isLessThanOrEqualTo(maxSaves);
            assertThat(pending.maxBytes)
                    .as("most bytes pending at once")
                    .isLessThanOrEqualTo(Math.max(maxBytes, pending.largest));
            assertThat(actual.stored()).isEqualTo(expected.stored());
        });
    }

    /**
     * Counts saves between {@code onSaveQueued} (fired after the queue admitted the save) and their
     * final state (fired before the queue lets the next one in), so what it sees never exceeds what
     * the queue holds.
     */
    private static final class PendingSaves implements Hook {
        private final Map<String, Long> queued = new ConcurrentHashMap<>();
        private int count;
        private long bytes;
        int maxCount;
        long maxBytes;
        long largest;

        @Override
        public synchronized void onSaveQueued(RunInfo run, String dataset, long estimatedBytes) {
            queued.put(dataset, estimatedBytes);
            count++;
            bytes += estimatedBytes;
            largest = Math.max(largest, estimatedBytes);
            maxCount = Math.max(maxCount, count);
            maxBytes = Math.max(maxBytes, bytes);
        }

        @Override
        public synchronized void onSaveStateChanged(RunInfo run, String dataset, SaveState state) {
            Long size = state.isTerminal() ? queued.remove(dataset) : null;
            if (size != null) {
                count--;
                bytes -= size;
            }
        }
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
