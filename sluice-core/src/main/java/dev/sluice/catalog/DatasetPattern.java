package dev.sluice.catalog;

import dev.sluice.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset factory pattern such as {@code "{namespace}.{name}_csv"}: matches dataset names and fills
 * the matched placeholders into an entry's settings. Immutable and thread-safe.
 *
 * <p>A placeholder matches one or more characters, dots included, and as few as possible from the
 * left, like Kedro's {@code parse}-based matching; a placeholder used twice must match the same text
 * both times. Patterns are tried in {@link #MATCH_ORDER}.
 */
public final class DatasetPattern {
    /**
     * Kedro's precedence: more literal characters first, then more placeholders, then alphabetical;
     * a catch-all (no literal characters, e.g. {@code "{default}"}) therefore comes last.
     */
    public static final Comparator<DatasetPattern> MATCH_ORDER = Comparator.comparingInt(DatasetPattern::specificity)
            .reversed()
            .thenComparing(Comparator.comparingInt((DatasetPattern p) -> p.placeholderCount)
                    .reversed())
            .thenComparing(DatasetPattern::pattern);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String pattern;
    private final List<String> placeholders;
    private final int placeholderCount;
    private final int specificity;
    private final Pattern regex;
    private final List<String> groupNames;

    private DatasetPattern(
            String pattern,
            List<String> placeholders,
            int placeholderCount,
            int specificity,
            Pattern regex,
            List<String> groupNames) {
        this.pattern = pattern;
        this.placeholders = placeholders;
        this.placeholderCount = placeholderCount;
        this.specificity = specificity;
        this.regex = regex;
        this.groupNames = groupNames;
    }

    /** Whether a catalog name is a pattern rather than a dataset name: it contains a brace. */
    public static boolean isPattern(String name) {
        return name.indexOf('{') >= 0 || name.indexOf('}') >= 0;
    }

    /**
     * Parses {@code pattern}.
     *
     * @throws ConfigurationException if a brace does not enclose a placeholder name ({@code [A-Za-z_]\w*})
     *     or the pattern has no placeholder
     */
    public static DatasetPattern parse(String pattern) {
        StringBuilder regex = new StringBuilder("\\A");
        List<String> groupNames = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int count = 0;
        int literal = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                Matcher placeholder = PLACEHOLDER.matcher(pattern).region(i, pattern.length());
                if (!placeholder.lookingAt()) {
                    throw new ConfigurationException(invalid(pattern));
                }
                String name = placeholder.group(1);
                count++;
                int earlier = groupNames.indexOf(name);
                if (earlier >= 0) {
                    regex.append("\\").append(earlier + 1);
                } else {
                    groupNames.add(name);
                    regex.append("(.+?)");
                }
                names.add(name);
                i = placeholder.end();
            } else if (c == '}') {
                throw new ConfigurationException(invalid(pattern));
            } else {
                int next = nextBrace(pattern, i);
                regex.append(Pattern.quote(pattern.substring(i, next)));
                literal += next - i;
                i = next;
            }
        }
        if (count == 0) {
            throw new ConfigurationException(invalid(pattern));
        }
        regex.append("\\z");
        return new DatasetPattern(
                pattern,
                List.copyOf(names),
                count,
                literal,
                Pattern.compile(regex.toString(), Pattern.DOTALL),
                List.copyOf(groupNames));
    }

    private static int nextBrace(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{' || c == '}') {
                return j;
            }
        }
        return text.length();
    }

    private static String invalid(String pattern) {
        return "Invalid dataset factory pattern '" + pattern + "': write placeholders as {name} with a name of "
                + "letters, digits and '_' (e.g. \"{name}_csv\" or \"{namespace}.{name}\"), and use no other braces.";
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** The distinct placeholder names, in order of first appearance. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The number of literal characters (outside placeholders): Kedro's specificity. */
    public int specificity() {
        return specificity;
    }

    /** Whether this pattern matches every name (no literal characters), like {@code "{default}"}. */
    public boolean isCatchAll() {
        return specificity == 0;
    }

    /** The placeholder values if {@code name} matches this pattern as a whole. */
    public Optional<Map<String, String>> match(String name) {
        Matcher matcher = regex.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            values.put(groupNames.get(g), matcher.group(g + 1));
        }
        return Optional.of(Collections.unmodifiableMap(values));
    }

    /**
     * A copy of {@code value} (a string, or maps and lists of them, as read from YAML) with every
     * {@code {placeholder}} in its strings replaced. Map keys and non-string values stay as they are.
     *
     * @throws ConfigurationException if a string names a placeholder this pattern does not have
     */
    public Object fill(Object value, Map<String, String> values) {
        if (value instanceof String text) {
            return fillText(text, values);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> filled = new LinkedHashMap<>();
            map.forEach((key, child) -> filled.put(key, fill(child, values)));
            return Collections.unmodifiableMap(filled);
        }
        if (value instanceof List<?> list) {
            List<Object> filled = new ArrayList<>(list.size());
            for (Object item : list) {
                filled.add(fill(item, values));
            }
            return Collections.unmodifiableList(filled);
        }
        return value;
    }

    /**
     * The placeholder names used in the strings of {@code value} that this pattern does not define;
     * empty when the entry can always be filled.
     */
    public Set<String> unknownPlaceholdersIn(Object value) {
        Set<String> unknown = new LinkedHashSet<>();
        collectPlaceholders(value, unknown);
        unknown.removeAll(placeholders);
        return unknown;
    }

    private static void collectPlaceholders(Object value, Set<String> into) {
        if (value instanceof String text) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                into.add(matcher.group(1));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(child -> collectPlaceholders(child, into));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectPlaceholders(item, into));
        }
    }

    private String fillText(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = values.get(matcher.group(1));
            if (replacement == null) {
                throw new ConfigurationException("The value '" + text + "' uses placeholder {" + matcher.group(1)
                        + "}, which dataset factory pattern '" + pattern + "' does not define; use only "
                        + placeholders.stream().map(p -> "{" + p + "}").toList() + ".");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
