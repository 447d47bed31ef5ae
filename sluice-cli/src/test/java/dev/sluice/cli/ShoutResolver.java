package dev.sluice.cli;

import dev.sluice.config.ConfigResolver;
import java.util.List;
import java.util.Locale;

/** {@code ${shout:text}}: the text in capitals; registered through ServiceLoader by {@link ResolverCliTest}. */
public final class ShoutResolver implements ConfigResolver {
    @Override
    public String name() {
        return "shout";
    }

    @Override
    public Object resolve(List<Object> arguments) {
        return String.valueOf(arguments.get(0)).toUpperCase(Locale.ROOT);
    }
}
