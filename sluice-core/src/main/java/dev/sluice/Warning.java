package dev.sluice;

import java.util.Objects;

/**
 * Something the user should know that does not stop the work: a setting with no effect, an old
 * spelling, a name that looks like a typo of another.
 *
 * @param source where it comes from: a file and line ({@code conf/base/catalog.yml:12}), a pipeline or
 *     a node; empty when there is no better place to point at
 * @param message what is wrong and what to do about it
 */
public record Warning(String source, String message) {
    public Warning {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** The source and the message, as logged. */
    @Override
    public String toString() {
        return source.isEmpty() ? message : source + ": " + message;
    }
}
