package dev.sluice.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Where a piece of configuration was written: a file with a one-based line and column, or a
 * description such as {@code --params} for values that come from elsewhere.
 */
record Position(String file, int line, int column) {
    static Position of(String file, Optional<Mark> mark) {
        return mark.map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Position(file, 0, 0));
    }

    /** A position for values that were not read from a file, such as runtime parameters. */
    static Position from(String description) {
        return new Position(description, 0, 0);
    }

    /** {@code conf/base/catalog.yml:12}, the form catalog entries use as their source. */
    String fileAndLine() {
        return line > 0 ? file + ":" + line : file;
    }

    /** {@code conf/base/catalog.yml:12:5}, the form error messages use. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
