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

    /**
     * Whether two dataset names look like one name written two ways, tuned to keep false alarms rare on
     * real pipelines: they differ only in case or in the separators {@code _ . -}
     * ({@code modelinput_table} and {@code model_input_table}), or in one word without digits: by up to
     * two edits from eight letters on ({@code preprocesed_shuttles} and {@code preprocessed_shuttles}),
     * else by one letter left out, added or swapped with its neighbour ({@code iris_dta},
     * {@code iris_data}). Names that differ in a word of one or two letters ({@code X_train} and
     * {@code y_train}), in a number ({@code sales_2023} and {@code sales_2024}), in one replaced letter
     * of a short word ({@code raw_cars} and {@code raw_bars}), in a whole word ({@code train_x} and
     * {@code test_x}) or in their number of words never match.
     */
    public static boolean isLikelyTypo(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        String[] left = words(a);
        String[] right = words(b);
        if (String.join("", left).equals(String.join("", right))) {
            return true;
        }
        if (left.length != right.length) {
            return false;
        }
        int differing = -1;
        for (int i = 0; i < left.length; i++) {
            if (!left[i].equals(right[i])) {
                if (differing >= 0) {
                    return false;
                }
                differing = i;
            }
        }
        String one = left[differing];
        String other = right[differing];
        if (Math.min(one.length(), other.length()) < 3 || hasDigit(one) || hasDigit(other)) {
            return false;
        }
        int distance = transpositionDistance(one, other);
        if (Math.max(one.length(), other.length()) >= 8) {
            return distance <= 2;
        }
        // In a short word, one replaced letter usually makes another word (cars, bars; test, text); a
        // letter left out, doubled or swapped is the slip.
        return distance == 1 && (one.length() != other.length() || !oneLetterReplaced(one, other));
    }

    private static boolean oneLetterReplaced(String one, String other) {
        int differences = 0;
        for (int i = 0; i < one.length(); i++) {
            if (one.charAt(i) != other.charAt(i)) {
                differences++;
            }
        }
        return differences == 1;
    }

    private static String[] words(String name) {
        return name.toLowerCase(Locale.ROOT).split("[_.\\-]+", -1);
    }

    private static boolean hasDigit(String word) {
        return word.chars().anyMatch(Character::isDigit);
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit ({@code mdoel} for {@code model}). */
    static int transpositionDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
