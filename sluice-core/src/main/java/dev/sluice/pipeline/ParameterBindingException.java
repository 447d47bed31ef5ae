package dev.sluice.pipeline;

import dev.sluice.ConfigurationException;
import java.util.List;
import java.util.Optional;

/**
 * A parameter value that does not fit the type a node declares for it. It says where inside the value
 * the problem is ({@link #path}), which record component was being bound ({@link #component}) and what
 * is wrong ({@link #problem}); the project adds the file and line the value came from.
 */
public final class ParameterBindingException extends ConfigurationException {
    private final List<Object> path;
    private final String component;
    private final String problem;

    ParameterBindingException(List<Object> path, String component, String problem) {
        super(message(path, component, problem));
        this.path = List.copyOf(path);
        this.component = component;
        this.problem = problem;
    }

    /** Keys (text) and list indexes (integers) from the bound value down to the bad one; empty for the value itself. */
    public List<Object> path() {
        return path;
    }

    /** The record component being bound, such as {@code double testSize of record com.example.ModelOptions}. */
    public Optional<String> component() {
        return Optional.ofNullable(component);
    }

    /** What is wrong, and how to fix it. */
    public String problem() {
        return problem;
    }

    /** The path as dotted keys with list indexes in brackets: {@code model.layers[2]}. */
    public static String dotted(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(step);
            }
        }
        return out.toString();
    }

    private static String message(List<Object> path, String component, String problem) {
        String where = path.isEmpty() ? "the value" : "'" + dotted(path) + "'";
        return where + (component == null ? "" : " (component " + component + ")") + ": " + problem + ".";
    }
}
