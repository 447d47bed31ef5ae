package dev.sluice.pipeline;

import dev.sluice.NodeExecutionException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.pipeline.Functions.Fn0;
import dev.sluice.pipeline.Functions.Fn1;
import dev.sluice.pipeline.Functions.Fn2;
import dev.sluice.pipeline.Functions.Fn3;
import dev.sluice.pipeline.Functions.Fn4;
import dev.sluice.pipeline.Functions.Fn5;
import dev.sluice.pipeline.Functions.Fn6;
import dev.sluice.pipeline.Functions.NamedFn;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A pure function with named inputs and outputs: the unit a {@link Pipeline} is made of.
 *
 * <p>Build one with {@link #builder()} or {@link #named(String)}:
 *
 * <pre>{@code
 * Node split = Node.named("split_data")
 *         .inputs("iris", "params:test_ratio")
 *         .outputs("train", "test")
 *         .fn(DataScience::split);   // returns a List, an array or a record of two values
 * }</pre>
 *
 * <p>Inputs are positional ({@code inputs(String...)}, passed to the function in order) or by
 * argument name ({@code inputs(Map)} with {@code fnByName(...)}, read through {@link Inputs}). One
 * output receives the return value itself; several outputs receive the elements of a returned
 * {@link List}, array or record, by position; {@code outputs(Map)} maps keys of a returned
 * {@link Map} (or record component names) to datasets. Nodes are immutable and thread-safe; their
 * functions must not mutate their inputs.
 */
public final class Node {
    /** Letters and digits of any script, '_', '.' and '-': what Python's {@code [\w.-]+} in Kedro accepts. */
    static final Pattern NAME = Pattern.compile("[\\w.-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final String name;
    private final String namespace;
    private final Set<String> tags;
    private final List<String> inputs;
    private final List<String> argumentNames;
    private final List<String> outputs;
    private final List<String> outputKeys;
    private final Serializable function;
    private final Invoker invoker;
    /** The declared Java type and name of each input and the return type; parameters are bound to their types. */
    private final Signature signature;
    /** Computed once: a join's hash covers every one of its inputs, and nodes are hash keys throughout. */
    private final int hash;

    /** How the function is called: positional values, or values by argument name. */
    interface Invoker {
        Object call(Node node, List<Object> values) throws Exception;
    }

    private Node(
            String name,
            String namespace,
            Set<String> tags,
            List<String> inputs,
            List<String> argumentNames,
            List<String> outputs,
            List<String> outputKeys,
            Serializable function,
            Invoker invoker,
            Signature signature) {
        this.name = name;
        this.namespace = namespace;
        this.tags = Set.copyOf(tags);
        this.inputs = List.copyOf(inputs);
        this.argumentNames = argumentNames == null ? null : List.copyOf(argumentNames);
        this.outputs = List.copyOf(outputs);
        this.outputKeys = outputKeys == null ? null : List.copyOf(outputKeys);
        this.function = function;
        this.invoker = invoker;
        this.signature = signature;
        this.hash = Objects.hash(this.name, this.inputs, this.outputs);
    }

    /** Starts a node whose name defaults to the function's method name (or its first output). */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Starts a node called {@code name}: letters and digits (of any script), '_', '.' and '-'. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The full name, prefixed by the namespace when there is one ({@code ns.name}). */
    public String name() {
        return name;
    }

    /** The namespace (dotted, possibly nested), if any. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    public Set<String> tags() {
        return tags;
    }

    /** Input dataset names, in the order the function receives them; may repeat a name. */
    public List<String> inputs() {
        return inputs;
    }

    /** Output dataset names, in declaration order. */
    public List<String> outputs() {
        return outputs;
    }

    /**
     * The Java types this node declares for its parameter inputs ({@code params:...} and
     * {@code parameters}) by dataset name: read from the parameter types of a method reference or a
     * lambda with typed parameters, or given with {@link Builder#inputType}. {@link #run} binds each such
     * parameter to its type (a {@code Map} from YAML to a record, say) with {@link ParameterBinder};
     * the project checks the binding before a run. Types that take any value ({@code Object}) are left
     * out.
     */
    public Map<String, Type> parameterTypes() {
        Map<String, Type> types = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Type type = signature.argumentTypes().get(i);
            if (type != null && type != Object.class && DatasetNames.isParameter(inputs.get(i))) {
                types.putIfAbsent(inputs.get(i), type);
            }
        }
        return Collections.unmodifiableMap(types);
    }

    /**
     * The Java type the function declares for each input, in input order (primitives boxed, generics
     * erased): read from a method reference or a lambda with typed parameters, or given with {@link
     * Builder#inputType}. {@code Object} where neither tells (a lambda whose parameter types are
     * inferred as {@code Object}, inputs read by name). Before calling the function, {@link #run}
     * checks each value against it; runners check datasets against it before a run.
     */
    public List<Class<?>> inputTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Type type : signature.argumentTypes()) {
            types.add(type == null ? Object.class : FunctionTypes.raw(type));
        }
        return Collections.unmodifiableList(types);
    }

    /**
     * The Java type of each output, in output order, as far as the function's return type tells: the
     * return type for one output; for several, the components of a returned record or the element type
     * of a returned array. {@code Object} where it does not tell (a {@code List} or {@code Map}).
     */
    public List<Class<?>> outputTypes() {
        Class<?> returned = signature.returnType() == null ? Object.class : FunctionTypes.raw(signature.returnType());
        List<Class<?>> types = new ArrayList<>();
        if (outputs.size() == 1 && outputKeys == null) {
            types.add(returned);
            return types;
        }
        Map<String, Class<?>> components = new LinkedHashMap<>();
        if (returned.isRecord()) {
            for (RecordComponent component : returned.getRecordComponents()) {
                components.put(component.getName(), FunctionTypes.raw(component.getType()));
            }
        }
        List<Class<?>> byPosition = new ArrayList<>(components.values());
        for (int i = 0; i < outputs.size(); i++) {
            Class<?> type = Object.class;
            if (outputKeys != null) {
                type = components.getOrDefault(outputKeys.get(i), Object.class);
            } else if (returned.isArray()) {
                type = FunctionTypes.raw(returned.getComponentType());
            } else if (byPosition.size() == outputs.size()) {
                type = byPosition.get(i);
            }
            types.add(type);
        }
        return types;
    }

    /**
     * The name of the function argument that receives input {@code index}: the argument name given
     * with {@code inputs(Map)}, or the parameter name when the function's class was compiled with
     * {@code -parameters}.
     */
    public Optional<String> argumentName(int index) {
        if (argumentNames != null) {
            return Optional.of(argumentNames.get(index));
        }
        return Optional.ofNullable(signature.argumentNames().get(index));
    }

    /**
     * Calls the function with the given input values (keyed by dataset name) and returns its
     * outputs keyed by dataset name, in declaration order.
     *
     * @throws NodeExecutionException if the function throws or returns a value that does not fit the
     *     declared outputs; the message names this node
     */
    public Map<String, Object> run(Map<String, ?> inputValues) {
        List<Object> values = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            if (!inputValues.containsKey(input)) {
                throw new NodeExecutionException(
                        name,
                        "Node '" + name + "' was not given its input '" + input + "'; it received "
                                + inputValues.keySet(),
                        null);
            }
            values.add(inputValues.get(input));
        }
        bindParameters(values);
        checkArgumentTypes(values);
        Object result;
        try {
            result = invoker.call(this, values);
        } catch (NodeExecutionException e) {
            throw e;
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            String message = e instanceof ClassCastException cast
                    ? GraphMessages.castFailed(this, cast, values).orElse(null)
                    : null;
            throw new NodeExecutionException(name, message != null ? message : "Node '" + name + "' failed: " + e, e);
        }
        return mapOutputs(result);
    }

    /** Fails, naming the argument, its dataset and both types, when a value does not fit the signature. */
    private void checkArgumentTypes(List<Object> values) {
        List<Class<?>> types = inputTypes();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null && !types.get(i).isInstance(value)) {
                throw new NodeExecutionException(
                        name, GraphMessages.argumentType(this, i, types.get(i), value.getClass()), null);
            }
        }
    }

    private void bindParameters(List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            Type type = signature.argumentTypes().get(i);
            String input = inputs.get(i);
            if (type == null || type == Object.class || !DatasetNames.isParameter(input)) {
                continue;
            }
            try {
                values.set(i, ParameterBinder.bind(values.get(i), type));
            } catch (ParameterBindingException e) {
                throw new NodeExecutionException(
                        name,
                        "Node '" + name + "' cannot take parameter '" + input + "' as " + type.getTypeName() + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Returns a copy of this node with a different full name, namespace, tags, inputs or outputs; the
     * function and the argument and output keys stay. The copy is checked like a newly built node.
     */
    Node with(
            String newName, String newNamespace, Set<String> newTags, List<String> newInputs, List<String> newOutputs) {
        checkName("node name", newName);
        newTags.forEach(tag -> checkName("tag", tag));
        checkDatasets(newName, newInputs, newOutputs);
        return new Node(
                newName,
                newNamespace,
                newTags,
                newInputs,
                argumentNames,
                newOutputs,
                outputKeys,
                function,
                invoker,
                signature);
    }

    /** Returns a copy of this node with extra tags. */
    public Node withTags(String... extraTags) {
        Set<String> all = new LinkedHashSet<>(tags);
        for (String tag : extraTags) {
            all.add(checkName("tag", tag));
        }
        return with(name, namespace, all, inputs, outputs);
    }

    Inputs namedInputs(List<Object> values) {
        Map<String, Object> byArgument = new LinkedHashMap<>();
        Map<String, String> datasets = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byArgument.put(argumentNames.get(i), values.get(i));
            datasets.put(argumentNames.get(i), inputs.get(i));
        }
        return new Inputs(name, byArgument, datasets);
    }

    private Map<String, Object> mapOutputs(Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (outputs.isEmpty()) {
            return out;
        }
        if (outputKeys != null) {
            Map<String, Object> byKey = keyed(result);
            for (int i = 0; i < outputs.size(); i++) {
                String key = outputKeys.get(i);
                if (!byKey.containsKey(key)) {
                    throw outputMismatch(
                            "returned no value for key '" + key + "' (it returned keys " + byKey.keySet() + ")");
                }
                out.put(outputs.get(i), requireValue(byKey.get(key), outputs.get(i)));
            }
            return out;
        }
        if (outputs.size() == 1) {
            out.put(outputs.get(0), requireValue(result, outputs.get(0)));
            return out;
        }
        List<Object> positional = positional(result);
        if (positional.size() != outputs.size()) {
            throw outputMismatch(
                    "returned " + positional.size() + " values but declares " + outputs.size() + " outputs " + outputs);
        }
        for (int i = 0; i < outputs.size(); i++) {
            out.put(outputs.get(i), requireValue(positional.get(i), outputs.get(i)));
        }
        return out;
    }

    private Object requireValue(Object value, String output) {
        if (value == null) {
            throw outputMismatch("returned null for output '" + output
                    + "'; a node must return a value for every output (datasets cannot hold null)");
        }
        return value;
    }

    private List<Object> positional(Object result) {
        if (result instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (result != null && result.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(result); i++) {
                list.add(Array.get(result, i));
            }
            return list;
        }
        if (result instanceof Record record) {
            return new ArrayList<>(recordComponents(record).values());
        }
        throw outputMismatch("declares " + outputs.size() + " outputs " + outputs
                + " so it must return a List, an array or a record, but returned "
                + (result == null ? "null" : result.getClass().getName()));
    }

    private Map<String, Object> keyed(Object result) {
        if (result instanceof Map<?, ?> map) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            map.forEach((k, v) -> byKey.put(String.valueOf(k), v));
            return byKey;
        }
        if (result instanceof Record record) {
            return recordComponents(record);
        }
        throw outputMismatch(
                "declares outputs by key " + outputKeys + " so it must return a Map or a record, but returned "
                        + (result == null ? "null" : result.getClass().getName()));
    }

    private Map<String, Object> recordComponents(Record record) {
        Map<String, Object> components = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                components.put(component.getName(), accessor.invoke(record));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new NodeExecutionException(
                        name,
                        "Node '" + name + "' returned a record of type "
                                + record.getClass().getName() + " whose component '" + component.getName()
                                + "' cannot be read: " + e,
                        e);
            }
        }
        return components;
    }

    private NodeExecutionException outputMismatch(String what) {
        return new NodeExecutionException(name, "Node '" + name + "' " + what, null);
    }

    /** Checks one node's dataset names: well formed, no output twice, no output read back or a parameter. */
    static void checkDatasets(String node, List<String> inputs, List<String> outputs) {
        if (inputs.isEmpty() && outputs.isEmpty()) {
            throw new PipelineDefinitionException(GraphMessages.noInputsOrOutputs(node));
        }
        for (String dataset : inputs) {
            DatasetNames.check(node, dataset);
        }
        // Compare base names: x@csv and x@pandas are one stored dataset, as in Kedro.
        Map<String, String> outputByBase = new LinkedHashMap<>();
        for (String dataset : outputs) {
            DatasetNames.check(node, dataset);
            if (DatasetNames.isParameter(dataset)) {
                throw new PipelineDefinitionException(GraphMessages.outputIsParameter(node, dataset));
            }
            String previous = outputByBase.putIfAbsent(DatasetNames.strip(dataset), dataset);
            if (previous != null) {
                throw new PipelineDefinitionException(GraphMessages.duplicateOutputInNode(node, previous, dataset));
            }
        }
        for (String dataset : inputs) {
            String output = outputByBase.get(DatasetNames.strip(dataset));
            if (output != null) {
                throw new PipelineDefinitionException(GraphMessages.inputIsOwnOutput(node, dataset, output));
            }
        }
    }

    static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new PipelineDefinitionException(GraphMessages.invalidName(what, value));
        }
        return value;
    }

    @Override
    public String toString() {
        return "Node(" + name + ": " + inputs + " -> " + outputs + ")";
    }

    /**
     * Nodes are equal when they declare the same name, namespace, tags, inputs and outputs and wrap the
     * same function object. Set algebra on pipelines compares less: see {@link Pipeline#union}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Node other
                && hash == other.hash
                && name.equals(other.name)
                && Objects.equals(namespace, other.namespace)
                && tags.equals(other.tags)
                && inputs.equals(other.inputs)
                && Objects.equals(argumentNames, other.argumentNames)
                && outputs.equals(other.outputs)
                && Objects.equals(outputKeys, other.outputKeys)
                && function == other.function;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Collects a node's name, inputs, outputs, tags and namespace; a {@code fn(...)} call checks them
     * against the function and returns the node.
     */
    public static final class Builder {
        private String name;
        private String namespace;
        private final Set<String> tags = new LinkedHashSet<>();
        private List<String> inputs = List.of();
        private List<String> argumentNames;
        private List<String> outputs = List.of();
        private List<String> outputKeys;
        private final Map<String, Type> declaredTypes = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Positional inputs: the function receives them in this order. */
        public Builder inputs(String... datasets) {
            return inputs(List.of(datasets));
        }

        /** Positional inputs: the function receives them in this order. */
        public Builder inputs(List<String> datasets) {
            this.inputs = List.copyOf(datasets);
            this.argumentNames = null;
            return this;
        }

        /**
         * Inputs by argument name ({@code argument -> dataset}); use with {@link #fnByName(NamedFn)}. A
         * {@link LinkedHashMap} or {@link SortedMap} keeps its order; any other map (such as
         * {@code Map.of}) is taken in argument-name order.
         */
        public Builder inputs(Map<String, String> argumentToDataset) {
            Map<String, String> ordered = ordered(argumentToDataset);
            this.argumentNames = new ArrayList<>(ordered.keySet());
            this.inputs = new ArrayList<>(ordered.values());
            return this;
        }

        /** One output takes the return value; several take a returned List, array or record by position. */
        public Builder outputs(String... datasets) {
            return outputs(List.of(datasets));
        }

        public Builder outputs(List<String> datasets) {
            this.outputs = List.copyOf(datasets);
            this.outputKeys = null;
            return this;
        }

        /**
         * Outputs by key ({@code key -> dataset}): the function returns a Map or a record with these keys.
         * A {@link LinkedHashMap} or {@link SortedMap} keeps its order; any other map (such as
         * {@code Map.of}) is taken in key order.
         */
        public Builder outputs(Map<String, String> keyToDataset) {
            Map<String, String> ordered = ordered(keyToDataset);
            this.outputKeys = new ArrayList<>(ordered.keySet());
            this.outputs = new ArrayList<>(ordered.values());
            return this;
        }

        // Map.of iterates in an order that changes from one JVM run to the next; node inputs and
        // outputs must not, so only maps that promise an order keep theirs.
        private static Map<String, String> ordered(Map<String, String> map) {
            if (map instanceof LinkedHashMap || map instanceof SortedMap) {
                return map;
            }
            return new TreeMap<>(map);
        }

        public Builder tags(String... tags) {
            return tags(List.of(tags));
        }

        public Builder tags(Collection<String> tags) {
            this.tags.addAll(tags);
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * Declares the Java type the function takes for input {@code dataset}, where it cannot be read from
         * the function (a lambda with untyped parameters, {@link #fnByName}). For a parameter
         * ({@code params:...}) the value from YAML is bound to it: a record, a {@code List<Double>}, an
         * enum. See {@link Node#parameterTypes()}.
         */
        public Builder inputType(String dataset, Type type) {
            declaredTypes.put(Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(type, "type"));
            return this;
        }

        public <R> Node fn(Fn0<R> fn) {
            return build(fn, 0, (node, v) -> fn.apply());
        }

        @SuppressWarnings("unchecked")
        public <A, R> Node fn(Fn1<A, R> fn) {
            return build(fn, 1, (node, v) -> fn.apply((A) v.get(0)));
        }

        @SuppressWarnings("unchecked")
        public <A, B, R> Node fn(Fn2<A, B, R> fn) {
            return build(fn, 2, (node, v) -> fn.apply((A) v.get(0), (B) v.get(1)));
        }

        @SuppressWarnings("unchecked")
        public <A, B, C, R> Node fn(Fn3<A, B, C, R> fn) {
            return build(fn, 3, (node, v) -> fn.apply((A) v.get(0), (B) v.get(1), (C) v.get(2)));
        }

        @SuppressWarnings("unchecked")
        public <A, B, C, D, R> Node fn(Fn4<A, B, C, D, R> fn) {
            return build(fn, 4, (node, v) -> fn.apply((A) v.get(0), (B) v.get(1), (C) v.get(2), (D) v.get(3)));
        }

        @SuppressWarnings("unchecked")
        public <A, B, C, D, E, R> Node fn(Fn5<A, B, C, D, E, R> fn) {
            return build(
                    fn, 5, (node, v) -> fn.apply((A) v.get(0), (B) v.get(1), (C) v.get(2), (D) v.get(3), (E) v.get(4)));
        }

        @SuppressWarnings("unchecked")
        public <A, B, C, D, E, F, R> Node fn(Fn6<A, B, C, D, E, F, R> fn) {
            return build(
                    fn,
                    6,
                    (node, v) -> fn.apply(
                            (A) v.get(0), (B) v.get(1), (C) v.get(2), (D) v.get(3), (E) v.get(4), (F) v.get(5)));
        }

        /**
         * A function that reads its inputs by argument name; requires {@link #inputs(Map)}. It has its
         * own name because a one-argument lambda would otherwise fit both this and {@link #fn(Fn1)}.
         */
        public <R> Node fnByName(NamedFn<R> fn) {
            if (argumentNames == null && !inputs.isEmpty()) {
                throw new PipelineDefinitionException(GraphMessages.namedFunctionNeedsNamedInputs(displayName()));
            }
            if (argumentNames == null) {
                argumentNames = List.of();
            }
            return build(fn, inputs.size(), (node, v) -> fn.apply(node.namedInputs(v)));
        }

        private Node build(Serializable function, int arity, Invoker invoker) {
            Objects.requireNonNull(function, "function");
            if (inputs.isEmpty() && outputs.isEmpty()) {
                throw new PipelineDefinitionException(GraphMessages.noInputsOrOutputs(
                        name != null ? name : FunctionTypes.methodName(function).orElse("<unnamed>")));
            }
            if (name == null) {
                name = defaultName(function);
            }
            checkName("node name", name);
            if (namespace != null) {
                for (String part : namespace.split("\\.", -1)) {
                    checkName("namespace", part);
                }
            }
            for (String tag : tags) {
                checkName("tag", tag);
            }
            if (arity != inputs.size()) {
                throw new PipelineDefinitionException(GraphMessages.arityMismatch(displayName(), arity, inputs));
            }
            checkDatasets(displayName(), inputs, outputs);
            String fullName = namespace == null ? name : namespace + "." + name;
            return new Node(
                    fullName,
                    namespace,
                    tags,
                    inputs,
                    argumentNames,
                    outputs,
                    outputKeys,
                    function,
                    invoker,
                    new Signature(
                            inputTypes(function, arity),
                            argumentNames == null
                                    ? FunctionTypes.argumentNames(function, arity)
                                            .orElse(Collections.nCopies(arity, null))
                                    : Collections.nCopies(inputs.size(), null),
                            FunctionTypes.returnType(function).orElse(null)));
        }

        private List<Type> inputTypes(Serializable function, int arity) {
            Set<String> unknown = new TreeSet<>(declaredTypes.keySet());
            unknown.removeAll(inputs);
            if (!unknown.isEmpty()) {
                throw new PipelineDefinitionException(
                        GraphMessages.typeForUnknownInput(displayName(), unknown, inputs));
            }
            // fnByName functions take one Inputs argument, so their types can only be declared.
            List<Type> read = argumentNames == null
                    ? FunctionTypes.argumentTypes(function, arity).orElse(null)
                    : null;
            List<Type> types = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                Type declared = declaredTypes.get(inputs.get(i));
                types.add(declared != null ? declared : read == null ? null : read.get(i));
            }
            return types;
        }

        private String displayName() {
            return name != null ? name : "<unnamed node with outputs " + outputs + ">";
        }

        private String defaultName(Serializable function) {
            Optional<String> method = FunctionTypes.methodName(function);
            if (method.isPresent()) {
                return method.get();
            }
            if (!outputs.isEmpty()) {
                return DatasetNames.strip(outputs.get(0)).replace(':', '_') + "_node";
            }
            throw new PipelineDefinitionException(GraphMessages.nameRequired(inputs));
        }
    }
}
