package dev.sluice.pipeline;

import dev.sluice.NodeExecutionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The values a node receives by argument name, for nodes declared with {@code inputs(Map)}. */
public final class Inputs {
    private final String nodeName;
    private final Map<String, Object> byArgument;
    private final Map<String, String> datasets;

    Inputs(String nodeName, Map<String, Object> byArgument, Map<String, String> datasets) {
        this.nodeName = nodeName;
        this.byArgument = Collections.unmodifiableMap(new LinkedHashMap<>(byArgument));
        this.datasets = Map.copyOf(datasets);
    }

    /** The value of argument {@code name}, cast to the caller's type. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!byArgument.containsKey(name)) {
            throw new IllegalArgumentException("Node '" + nodeName + "' has no input argument '" + name
                    + "'; its arguments are " + byArgument.keySet());
        }
        return (T) byArgument.get(name);
    }

    /**
     * The value of argument {@code name}, checked against {@code type}.
     *
     * @throws NodeExecutionException naming the node, the argument, its dataset and both types
     */
    public <T> T get(String name, Class<T> type) {
        Object value = get(name);
        if (value != null && !type.isInstance(value)) {
            String dataset = datasets.get(name);
            throw new NodeExecutionException(
                    nodeName,
                    "Node '" + nodeName + "' reads argument '" + name + "' as a " + type.getName()
                            + ", but dataset '" + dataset + "' gave it a "
                            + value.getClass().getName()
                            + ". Read it as a " + value.getClass().getName() + " (or a type it extends), or make '"
                            + dataset + "' hold a " + type.getSimpleName() + ": change its catalog entry's type "
                            + "(sluice catalog types lists what each type loads) or the node that produces it.",
                    null);
        }
        return type.cast(value);
    }

    public Set<String> names() {
        return byArgument.keySet();
    }

    public Map<String, Object> asMap() {
        return byArgument;
    }
}
