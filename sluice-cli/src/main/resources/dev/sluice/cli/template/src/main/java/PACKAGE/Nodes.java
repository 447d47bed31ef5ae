package {{package}};

import java.util.Map;
import java.util.TreeMap;

/** The project's node functions: pure functions of their inputs. */
public final class Nodes {
    private Nodes() {}

    /** Upper-cases every line and appends the configured suffix. */
    public static String shout(String text, Map<String, Object> options) {
        String suffix = String.valueOf(options.getOrDefault("suffix", ""));
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.toUpperCase()).append(suffix).append('\n');
            }
        }
        return out.toString();
    }

    /** Counts how often each word occurs. */
    public static Map<String, Integer> countWords(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                counts.merge(word.toLowerCase(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
