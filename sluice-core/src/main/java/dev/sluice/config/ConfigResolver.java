package dev.sluice.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A custom interpolation resolver: {@code ${name:arg1,arg2}} in any configuration file calls
 * {@link #resolve} with the arguments. Kedro's {@code CUSTOM_RESOLVERS} setting.
 *
 * <p>Register one in code ({@code Project.Builder.resolver}, {@code ProjectConfig.Loader.resolver}) or
 * list its class, with a public no-argument constructor, in
 * {@code META-INF/services/dev.sluice.config.ConfigResolver}; the project finds those with
 * {@link java.util.ServiceLoader} and logs each with the jar it came from.
 *
 * <p>Arguments arrive as YAML would read them: quoted text as a {@code String}, plain values typed
 * ({@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code null} or {@code String}),
 * {@code [a, b]} as a {@code List} and {@code {k: v}} as a {@code Map}; an argument may itself be an
 * interpolation, resolved first. The result must be text, a number, a boolean, {@code null}, or a
 * {@code List} or {@code Map} of those. A resolver that throws fails the configuration with the file,
 * line and column of the interpolation, so its message should say what was wrong with the arguments.
 *
 * <p>{@code globals} and {@code runtime_params} are built in and cannot be replaced. Registering a
 * resolver called {@code oc.env}, such as {@link EnvironmentVariableResolver}, lets every file read
 * environment variables (by default only credentials may), as registering {@code oc.env} in Kedro's
 * {@code CUSTOM_RESOLVERS} does. Resolvers may be called from any thread that loads configuration.
 */
public interface ConfigResolver {
    /** The name used in {@code ${name:...}}: dotted identifiers such as {@code add} or {@code my.upper}. */
    String name();

    /** The value of {@code ${name:arguments}}. */
    Object resolve(List<Object> arguments) throws Exception;

    /** A resolver called {@code name} that applies {@code function} to the arguments. */
    static ConfigResolver of(String name, Function<List<Object>, Object> function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        return new ConfigResolver() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object resolve(List<Object> arguments) {
                return function.apply(arguments);
            }

            @Override
            public String toString() {
                return "resolver '" + name + "'";
            }
        };
    }
}
