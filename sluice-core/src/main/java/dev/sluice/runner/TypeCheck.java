package dev.sluice.runner;

import dev.sluice.ConfigurationException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.pipeline.DatasetNames;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Before any node runs, compares the Java types node functions declare with what their inputs will
 * hold: the type a dataset loads ({@link Dataset#valueType()}) or the return type of the node that
 * hands the value on in memory. Parameters are left to their binding ({@link
 * dev.sluice.pipeline.ParameterBinder}), which turns YAML values into the declared type. Also compares each output's type with what its
 * dataset saves. Only types known on both sides are compared, and only types that no value can have at
 * once fail: {@code List} against {@code DataFrame} fails, {@code Object} or {@code Collection} against
 * {@code List} never does. Whatever this check cannot see, the node checks again when it is called. Where a
 * node reads another transcoding than its producer writes, also asks the reader's dataset whether it can
 * read what the writer's stores ({@link Dataset#storedForm()}, {@link Dataset#cannotRead}).
 */
final class TypeCheck {
    /** Interfaces that values of unrelated declared types commonly implement too. */
    private static final Set<Class<?>> UNIVERSAL = Set.of(Object.class, Serializable.class, Cloneable.class);

    private final Pipeline pipeline;
    private final DataCatalog catalog;
    private final IoMode io;
    private final List<String> problems = new ArrayList<>();
    private boolean configuration;

    private TypeCheck(Pipeline pipeline, DataCatalog catalog, IoMode io) {
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.io = io;
    }

    /**
     * @throws ConfigurationException when a dataset does not hold what a node declares, naming the node,
     *     the argument, the dataset and both types
     * @throws PipelineDefinitionException when a node hands on a value its consumer cannot take
     */
    static void check(Pipeline pipeline, DataCatalog catalog, IoMode io) {
        TypeCheck check = new TypeCheck(pipeline, catalog, io);
        for (Node node : pipeline.nodes()) {
            check.outputs(node);
            check.inputs(node);
            check.transcodings(node);
        }
        check.report();
    }

    private void outputs(Node node) {
        List<Class<?>> types = node.outputTypes();
        for (int i = 0; i < types.size(); i++) {
            String output = node.outputs().get(i);
            Optional<CatalogEntry> entry = persisted(output);
            if (entry.isPresent() && !fits(types.get(i), entry.get().dataset().valueType())) {
                problem(
                        true,
                        "Node '" + node.name() + "' returns " + name(types.get(i)) + " for output '" + output
                                + "', but dataset " + describe(entry.get()) + " saves "
                                + name(entry.get().dataset().valueType()) + ". Return a "
                                + simpleName(entry.get().dataset().valueType()) + ", or give '" + output
                                + "' a type that saves " + simpleName(types.get(i))
                                + " (sluice catalog types lists what each type saves).");
            }
        }
    }

    private void inputs(Node node) {
        List<Class<?>> declared = node.inputTypes();
        for (int i = 0; i < declared.size(); i++) {
            Class<?> wanted = declared.get(i);
            String input = node.inputs().get(i);
            // Parameters are bound to the declared type (a YAML mapping to a record), and checked as such.
            if (wanted == Object.class || DatasetNames.isParameter(input)) {
                continue;
            }
            Optional<CatalogEntry> entry = catalog.entry(input);
            Node producer = pipeline.producerOf(input);
            if (producer != null && handedOn(producer, input, entry)) {
                Class<?> returned =
                        producer.outputTypes().get(producer.outputs().indexOf(input));
                if (!fits(returned, wanted)) {
                    problem(
                            false,
                            argument(node, i, wanted) + ", but node '" + producer.name() + "' returns "
                                    + name(returned) + " for it. Declare the argument as " + simpleName(returned)
                                    + ", or return a " + simpleName(wanted) + " from '" + producer.name() + "'.");
                }
            }
            boolean loaded = entry.isPresent()
                    && (producer == null || entry.get().dataset().isPersistent());
            if (loaded && !fits(entry.get().dataset().valueType(), wanted)) {
                Class<?> held = entry.get().dataset().valueType();
                String verb = entry.get().dataset().isPersistent() ? " loads " : " holds a ";
                problem(
                        true,
                        argument(node, i, wanted) + ", but dataset " + describe(entry.get()) + verb + name(held)
                                + ". Declare the argument as " + simpleName(held) + ", or give '" + input
                                + "' a type that loads " + simpleName(wanted)
                                + " (sluice catalog types lists what each type loads).");
            }
        }
    }

    /**
     * Where {@code node} reads {@code input} through another transcoding than its producer writes, whether the
     * reader's type can read what the writer's stores (a Spark directory through the JVM's parquet type, say).
     */
    private void transcodings(Node node) {
        for (String input : node.inputs()) {
            Node producer = pipeline.producerOf(input);
            Optional<CatalogEntry> reader = persisted(input);
            if (producer != null && reader.isPresent() && !producer.outputs().contains(input)) {
                transcoding(node, input, reader.get(), producer);
            }
        }
    }

    private void transcoding(Node node, String input, CatalogEntry reader, Node producer) {
        String base = DatasetNames.strip(input);
        String written = producer.outputs().stream()
                .filter(output -> DatasetNames.strip(output).equals(base))
                .findFirst()
                .orElseThrow();
        Optional<CatalogEntry> writer = persisted(written);
        if (writer.isEmpty()) {
            return;
        }
        writer.get()
                .dataset()
                .storedForm()
                .flatMap(form -> reader.dataset().cannotRead(form, written))
                .ifPresent(reason -> problem(
                        true,
                        "Node '" + node.name() + "' reads " + describe(reader) + ", which node '" + producer.name()
                                + "' writes as " + describe(writer.get()) + ", but cannot read it: " + reason
                                + "."));
    }

    /** Whether a consumer of {@code input} may get the producer's value itself rather than a reload. */
    private boolean handedOn(Node producer, String input, Optional<CatalogEntry> entry) {
        if (!producer.outputs().contains(input)) {
            return false; // another transcoding: always loaded through the consumer's own entry
        }
        if (entry.isEmpty() || !entry.get().dataset().isPersistent()) {
            return true;
        }
        boolean handsOff = io == IoMode.TEE || io == IoMode.CACHE;
        return handsOff && entry.get().tee() && entry.get().dataset().valueType() == Object.class;
    }

    private Optional<CatalogEntry> persisted(String dataset) {
        return catalog.entry(dataset).filter(e -> e.dataset().isPersistent());
    }

    /** Whether some value can be both a {@code held} and a {@code wanted}. */
    static boolean fits(Class<?> held, Class<?> wanted) {
        return UNIVERSAL.contains(held)
                || UNIVERSAL.contains(wanted)
                || wanted.isAssignableFrom(held)
                || held.isAssignableFrom(wanted);
    }

    private static String argument(Node node, int index, Class<?> wanted) {
        return "Node '" + node.name() + "' argument " + (index + 1)
                + node.argumentName(index).map(n -> " '" + n + "'").orElse("") + " (input '"
                + node.inputs().get(index) + "') is declared as " + name(wanted);
    }

    private static String describe(CatalogEntry entry) {
        Object type = entry.dataset().describe().get("type");
        return "'" + entry.name() + "' (" + (type == null ? "" : type + ", ") + entry.source() + ")";
    }

    private static String name(Class<?> type) {
        return type.getTypeName();
    }

    private static String simpleName(Class<?> type) {
        return type.getSimpleName();
    }

    private void problem(boolean fromCatalog, String message) {
        configuration |= fromCatalog;
        problems.add(message);
    }

    private void report() {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.size() == 1
                ? problems.get(0) + " No node was run."
                : "The pipeline's types do not fit (" + problems.size() + " problems); no node was run:"
                        + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", problems);
        if (configuration) {
            throw new ConfigurationException(message);
        }
        throw new PipelineDefinitionException(message);
    }
}
