package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.nodes.FailingNodes;
import dev.sluice.StackTraces.Fold;
import dev.sluice.StackTraces.Line;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.MemoryDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.Runner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTracesTest {
    private static final String PRINTED = """
            java.lang.IllegalStateException: no rows
            \tat com.acme.Nodes.check(Nodes.java:20)
            \tat com.acme.Nodes.split(Nodes.java:12)
            \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
            \tat java.base/java.lang.reflect.Method.invoke(Method.java:580)
            \tat com.acme.Nodes.callBack(Nodes.java:30)
            \tat dev.sluice.pipeline.Node.run(Node.java:180)
            \tat dev.sluice.runner.DagRunner$Execution.runNode(DagRunner.java:250)
            \tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)
            \tat java.base/java.lang.Thread.run(Thread.java:1583)
            Caused by: java.io.IOException: disk gone
            \tat com.acme.Store.read(Store.java:5)
            \tat com.acme.Nodes.check(Nodes.java:18)
            \t... 7 more
            """;

    @Test
    void fold_userFramesStay_sluiceAndReflectionRunsFoldToOneLineEach() {
        List<StackTraces.Part> parts = StackTraces.fold(PRINTED);

        assertThat(parts.stream().map(StackTraces.Part::text))
                .containsExactly(
                        "java.lang.IllegalStateException: no rows",
                        "\tat com.acme.Nodes.check(Nodes.java:20)",
                        "\tat com.acme.Nodes.split(Nodes.java:12)",
                        "\t... 2 reflection frames",
                        "\tat com.acme.Nodes.callBack(Nodes.java:30)",
                        "\t... 4 Sluice frames",
                        "Caused by: java.io.IOException: disk gone",
                        "\tat com.acme.Store.read(Store.java:5)",
                        "\tat com.acme.Nodes.check(Nodes.java:18)",
                        "\t... 7 more");
        assertThat(parts.get(5)).isInstanceOfSatisfying(Fold.class, fold -> assertThat(fold.lines())
                .first()
                .isEqualTo("\tat dev.sluice.pipeline.Node.run(Node.java:180)"));
        assertThat(parts.get(6)).isInstanceOf(Line.class);
    }

    @Test
    void fold_noUserFrame_keepsEveryFrame() {
        String printed = "java.lang.IllegalStateException: x\n\tat dev.sluice.runner.SaveQueue.run(SaveQueue.java:1)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";

        assertThat(StackTraces.folded(printed)).isEqualTo(printed);
    }

    @Test
    void fold_exampleProjects_countAsUserCode() {
        String printed = "java.lang.IllegalStateException: x\n"
                + "\tat dev.sluice.examples.iris.IrisNodes.split(IrisNodes.java:1)\n"
                + "\tat dev.sluice.pipeline.Node.run(Node.java:1)\n";

        assertThat(StackTraces.folded(printed))
                .isEqualTo("java.lang.IllegalStateException: x\n"
                        + "\tat dev.sluice.examples.iris.IrisNodes.split(IrisNodes.java:1)\n"
                        + "\t... 1 Sluice frames\n");
    }

    @Test
    void underlying_nodeFailureInARun_isTheNodesOwnException() {
        Pipeline pipeline = Pipeline.of(
                Node.named("head").inputs("rows", "params:size").outputs("top").fn(FailingNodes::head));
        DataCatalog catalog = DataCatalog.of(
                Map.of("rows", new MemoryDataset<>(List.of("a")), "params:size", new MemoryDataset<>(5)));

        Throwable failure = catchThrowable(() -> Runner.sequential().run(pipeline, catalog));

        Throwable underlying = StackTraces.underlying(failure).orElseThrow();
        assertThat(underlying).isInstanceOf(IndexOutOfBoundsException.class);
        String folded = StackTraces.folded(StackTraces.print(underlying));
        assertThat(folded)
                .startsWith("java.lang.IndexOutOfBoundsException: toIndex = 5\n")
                .contains("\tat com.example.nodes.FailingNodes.take(FailingNodes.java:15)\n"
                        + "\tat com.example.nodes.FailingNodes.head(FailingNodes.java:11)\n")
                .containsPattern("\t\\.\\.\\. \\d+ Sluice frames\n$")
                .doesNotContain("at dev.sluice");
    }

    @Test
    void underlying_sluiceErrorWithoutCause_isEmpty() {
        assertThat(StackTraces.underlying(new ConfigurationException("bad"))).isEmpty();
        assertThat(StackTraces.underlying(new DatasetException("d", "failed", new IOException("gone"))))
                .get()
                .isInstanceOf(IOException.class);
    }
}
