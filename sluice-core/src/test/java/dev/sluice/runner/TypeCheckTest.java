package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.NodeExecutionException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run compares declared types before any node starts, and names node, argument, dataset and types. */
class TypeCheckTest {
    @TempDir
    Path dir;

    private final AtomicInteger ran = new AtomicInteger();

    /** A dataset in memory that says it holds lists, as a file format with a fixed Java type would. */
    private static final class ListDataset implements Dataset<List<String>> {
        private List<String> value = List.of("a", "b");

        @Override
        public List<String> load() {
            return value;
        }

        @Override
        public void save(List<String> value) {
            this.value = value;
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Class<?> valueType() {
            return List.class;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "lines");
        }
    }

    int measure(String text) {
        ran.incrementAndGet();
        return text.length();
    }

    List<String> tokens(String text) {
        ran.incrementAndGet();
        return List.of(text.split(" "));
    }

    int count(Collection<String> items) {
        ran.incrementAndGet();
        return items.size();
    }

    private TextDataset text(String name, String content) throws IOException {
        Path file = dir.resolve(name + ".txt");
        Files.writeString(file, content);
        return TextDataset.at(Storage.locate(file.toString(), dir, Map.of(), Map.of()));
    }

    @Test
    void run_datasetLoadsAnotherTypeThanTheArgument_failsBeforeAnyNodeNamingAll() {
        Pipeline pipeline = Pipeline.of(
                Node.named("measure").inputs("words").outputs("size").fn(this::measure));
        DataCatalog catalog = DataCatalog.builder()
                .add(new CatalogEntry("words", new ListDataset(), true, "conf/base/catalog.yml:3"))
                .build();

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Node 'measure' argument 1 'text' (input 'words') is declared as java.lang.String, but "
                        + "dataset 'words' (lines, conf/base/catalog.yml:3) loads java.util.List. Declare the argument "
                        + "as List, or give 'words' a type that loads String (sluice catalog types lists what each "
                        + "type loads). No node was run.");
        assertThat(ran).hasValue(0);
    }

    record Options(int size) {}

    int size(Options options) {
        ran.incrementAndGet();
        return options.size();
    }

    @Test
    void run_parameterBoundToARecord_isNotAMismatch() {
        Pipeline pipeline = Pipeline.of(
                Node.named("size").inputs("params:options").outputs("n").fn(this::size));
        DataCatalog catalog = DataCatalog.builder()
                .add(new CatalogEntry(
                        "params:options", new MemoryDataset<>(Map.of("size", 3)), true, "conf/base/parameters.yml:1"))
                .build();

        assertThat(Runner.sequential().run(pipeline, catalog).freeOutputs()).containsEntry("n", 3);
    }

    @Test
    void run_memoryDatasetHoldingAnotherType_failsBeforeAnyNode() {
        Pipeline pipeline =
                Pipeline.of(Node.named("measure").inputs("text").outputs("size").fn(this::measure));
        DataCatalog catalog = DataCatalog.builder()
                .add(new CatalogEntry("text", new MemoryDataset<>(12), true, "code"))
                .build();

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Node 'measure' argument 1 'text' (input 'text') is declared as "
                        + "java.lang.String, but dataset 'text' (memory, code) holds a java.lang.Integer.");
        assertThat(ran).hasValue(0);
    }

    @Test
    void run_nodeReturnsWhatTheNextCannotTake_failsBeforeAnyNode() throws IOException {
        Pipeline pipeline = Pipeline.of(
                Node.named("tokens").inputs("raw").outputs("words").fn(this::tokens),
                Node.named("measure").inputs("words").outputs("size").fn(this::measure));
        DataCatalog catalog = DataCatalog.of(Map.of("raw", text("raw", "a b")));

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, catalog))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("Node 'measure' argument 1 'text' (input 'words') is declared as "
                        + "java.lang.String, but node 'tokens' returns java.util.List for it.");
        assertThat(ran).hasValue(0);
    }

    @Test
    void run_nodeReturnsWhatItsDatasetCannotSave_failsBeforeAnyNode() throws IOException {
        Pipeline pipeline =
                Pipeline.of(Node.named("tokens").inputs("raw").outputs("words").fn(this::tokens));
        DataCatalog catalog = DataCatalog.builder()
                .add("raw", text("raw", "a b"))
                .add(new CatalogEntry("words", text("words", ""), true, "conf/base/catalog.yml:9"))
                .build();

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Node 'tokens' returns java.util.List for output 'words', but dataset 'words' "
                        + "(text, conf/base/catalog.yml:9) saves java.lang.String.");
        assertThat(ran).hasValue(0);
    }

    @Test
    void run_severalMismatches_listsEveryOne() {
        Pipeline pipeline = Pipeline.of(
                Node.named("measure").inputs("words").outputs("size").fn(this::measure),
                Node.named("again").inputs("more").outputs("size2").fn(this::measure));
        DataCatalog catalog = DataCatalog.of(Map.of("words", new ListDataset(), "more", new ListDataset()));

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, catalog))
                .hasMessageStartingWith("The pipeline's types do not fit (2 problems); no node was run:")
                .hasMessageContaining("Node 'measure' argument 1")
                .hasMessageContaining("Node 'again' argument 1");
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void run_typesThatFit_runs(IoMode io) throws IOException {
        Pipeline pipeline = Pipeline.of(
                Node.named("tokens").inputs("raw").outputs("words").fn(this::tokens),
                Node.named("count").inputs("words").outputs("n").fn(this::count),
                Node.named("measure").inputs("raw").outputs("size").fn(this::measure));
        DataCatalog catalog = DataCatalog.of(Map.of("raw", text("raw", "a b c"), "words", new ListDataset()));

        RunResult result = Runner.builder().io(io).build().run(pipeline, catalog);

        assertThat(result.freeOutputs()).containsEntry("n", 3).containsEntry("size", 5);
    }

    @Test
    void run_valueTheCheckCannotSee_failsInTheNodeNamingTypes() {
        Pipeline pipeline = Pipeline.of(
                Node.named("make").outputs("thing").fn(() -> (Object) new ArrayList<String>()),
                Node.named("measure").inputs("thing").outputs("size").fn(this::measure));

        assertThatThrownBy(() -> Runner.sequential().run(pipeline, DataCatalog.of(Map.of())))
                .isInstanceOf(RunFailedException.class)
                .cause()
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("argument 1 'text' of its function is declared as java.lang.String, but "
                        + "dataset 'thing' gave it a java.util.ArrayList");
        assertThat(ran).hasValue(0);
    }
}
