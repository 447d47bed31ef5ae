package dev.sluice.sql;

import dev.sluice.storage.Location;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file (or directory of files) a DuckDB query reads as a view: where it is, its format, and the
 * options of DuckDB's reader ({@code delim}, {@code header}, ... for {@code read_csv}).
 *
 * @param view the view's name in the query
 * @param location the file, or a directory whose files of the format are read together
 * @param format parquet, csv or json, or {@link #FROM_FILES}
 * @param options reader options, each a DuckDB named parameter
 */
record DuckDbFile(String view, Location location, String format, Map<String, Object> options) {
    /** The format of a directory given without one: that of the files inside it, which must agree. */
    static final String FROM_FILES = "from files";

    static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    DuckDbFile {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        options = Map.copyOf(options);
    }

    /** The format a file name says: parquet, csv or json; empty when its extension tells nothing. */
    static Optional<String> formatOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String compressed : new String[] {".gz", ".zst"}) {
            if (lower.endsWith(compressed)) {
                lower = lower.substring(0, lower.length() - compressed.length());
            }
        }
        if (lower.endsWith(".parquet") || lower.endsWith(".pq")) {
            return Optional.of("parquet");
        }
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
            return Optional.of("csv");
        }
        if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of("json");
        }
        return Optional.empty();
    }

    /** DuckDB's table function for {@code format}. */
    static String reader(String format) {
        return switch (format) {
            case "parquet" -> "read_parquet";
            case "csv" -> "read_csv";
            default -> "read_json_auto";
        };
    }
}
