package dev.sluice.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The values a node receives by argument name, for nodes declared with {@code inputs(Map)}. */
public final class Inputs {
    private final String nodeName;
    private final Map<String, Object> byArgument;

    Inputs(String nodeName, Map<String, Object> byArgument) {
        this.nodeName = nodeName;
        this.byArgument = Collections.unmodifiableMap(new LinkedHashMap<>(byArgument));
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

    /** The value of argument {@code name}, checked against {@code type}. */
    public <T> T get(String name, Class<T> type) {
        Object value = get(name);
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("Node '" + nodeName + "' input argument '" + name + "' is a "
                    + value.getClass().getName() + ", not a " + type.getName());
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
