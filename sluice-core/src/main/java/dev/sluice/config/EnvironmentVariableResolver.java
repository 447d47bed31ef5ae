package dev.sluice.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code ${oc.env:VAR}} and {@code ${oc.env:VAR,default}} for every configuration file. Without it only
 * credentials files may read environment variables (Kedro's rule, because catalog and parameter
 * values are printed and logged); register it, in code or in
 * {@code META-INF/services/dev.sluice.config.ConfigResolver}, to allow them everywhere, as Kedro
 * projects do with {@code CUSTOM_RESOLVERS = {"oc.env": oc.env}}.
 */
public final class EnvironmentVariableResolver implements ConfigResolver {
    private final Function<String, String> environment;

    /** Reads the process's environment. */
    public EnvironmentVariableResolver() {
        this(System::getenv);
    }

    /** Reads variables from {@code environment}, which returns {@code null} for an unset variable. */
    public EnvironmentVariableResolver(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String name() {
        return Interpolator.ENVIRONMENT;
    }

    /** The variable's value; else the default as text (or {@code null}); else an error naming the variable. */
    @Override
    public Object resolve(List<Object> arguments) {
        if (arguments.isEmpty() || arguments.size() > 2 || arguments.get(0) == null) {
            throw new IllegalArgumentException("give the variable's name and at most one default");
        }
        String variable = String.valueOf(arguments.get(0));
        String value = environment.apply(variable);
        if (value != null) {
            return value;
        }
        if (arguments.size() == 2) {
            // Environment variables are text, and so is a scalar default.
            Object fallback = arguments.get(1);
            return fallback instanceof String || fallback instanceof Number || fallback instanceof Boolean
                    ? String.valueOf(fallback)
                    : fallback;
        }
        throw new IllegalArgumentException("environment variable '" + variable + "' is not set; set it, or give a "
                + "default: ${oc.env:" + variable + ",<default>}");
    }
}
