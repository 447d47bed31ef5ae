package dev.sluice.sql;

import java.util.Locale;
import java.util.Optional;

/** What a table save does when the table already exists (pandas' and Kedro's {@code if_exists}). */
public enum IfExists {
    /** Refuse to save; the table stays as it is. pandas' and Kedro's default. */
    FAIL,
    /** Drop the table and create it anew with the saved value's columns, in one transaction. */
    REPLACE,
    /** Insert the saved rows after the existing ones; create the table if there is none. */
    APPEND;

    /** The value named {@code text} ({@code replace}, case-insensitive), if any. */
    public static Optional<IfExists> parse(String text) {
        for (IfExists value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The spelling in catalog files. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
