package dev.sluice.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small generators over a seeded {@link Random}, for {@link Seeded} properties. Number generators
 * return the bounds of their range more often than a uniform draw would, since bugs gather there.
 */
public final class Gen {
    private Gen() {}

    /** An int from {@code min} to {@code max}, both included. */
    public static int between(Random random, int min, int max) {
        return (int) longBetween(random, min, max);
    }

    /** A long from {@code min} to {@code max}, both included; one draw in eight is a bound. */
    public static long longBetween(Random random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int edge = random.nextInt(16);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        if (max - min >= 0 && max - min < Long.MAX_VALUE) {
            return min + random.nextLong(max - min + 1);
        }
        long value;
        do {
            value = random.nextLong();
        } while (value < min || value > max);
        return value;
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public static <T> T oneOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of {@code choices}. */
    public static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A string of {@code minLength} to {@code maxLength} characters, each any UTF-16 char. */
    public static String chars(Random random, int minLength, int maxLength) {
        int length = between(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mostly ASCII, sometimes anything, so that both common and awkward text come up.
            text.append(
                    (char) (random.nextInt(4) == 0 ? random.nextInt(Character.MAX_VALUE + 1) : random.nextInt(128)));
        }
        return text.toString();
    }

    /** A string of {@code minLength} to {@code maxLength} characters from {@code alphabet}. */
    public static String from(Random random, String alphabet, int minLength, int maxLength) {
        int length = between(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** {@code size} ints from {@code min} to {@code max}. */
    public static List<Integer> ints(Random random, int size, int min, int max) {
        List<Integer> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(between(random, min, max));
        }
        return values;
    }
}
