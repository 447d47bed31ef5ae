package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints by edit distance, for unknown names in user input. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The known name closest to {@code unknown}, if one is close enough to be a likely typo. A name
     * that only lacks its namespace ({@code clean} for {@code ingest.clean}) is matched first, then a
     * name within a few edits, then a name that starts with {@code unknown} ({@code split} for
     * {@code split_data}).
     */
    public static Optional<String> closest(String unknown, Collection<String> known) {
        String namespaced = null;
        String extended = null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.endsWith("." + unknown) && isBefore(candidate, namespaced)) {
                namespaced = candidate;
            }
            if (unknown.length() >= 3 && candidate.startsWith(unknown) && isBefore(candidate, extended)) {
                extended = candidate;
            }
            int d = distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            // Ties go to the alphabetically first name so that hints do not depend on set order.
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (namespaced != null) {
            return Optional.of(namespaced);
        }
        int limit = unknown.length() <= 3 ? 1 : Math.max(2, unknown.length() / 3);
        if (best != null && bestDistance <= limit) {
            return Optional.of(best);
        }
        return Optional.ofNullable(extended);
    }

    /**
     * {@code " (did you mean 'x'?)"} naming a close match for each unknown name that has one, or ""
     * when none has.
     */
    public static String didYouMean(Collection<String> unknown, Collection<String> known) {
        List<String> hints = new ArrayList<>();
        for (String name : unknown) {
            Optional<String> match = closest(name, known);
            if (match.isPresent()) {
                hints.add(unknown.size() == 1 ? "'" + match.get() + "'" : "'" + match.get() + "' for '" + name + "'");
            }
        }
        return hints.isEmpty() ? "" : " (did you mean " + String.join(", ", hints) + "?)";
    }

    private static boolean isBefore(String candidate, String current) {
        return current == null
                || candidate.length() < current.length()
                || (candidate.length() == current.length() && candidate.compareTo(current) < 0);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
