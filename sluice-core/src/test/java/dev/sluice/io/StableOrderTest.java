package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StableOrderTest {
    @Test
    void of_unorderedMapsAndSets_iterateInTheirKeysOrderAtAnyDepth() {
        Map<String, Object> value = Map.of(
                "zeta",
                1,
                "alpha",
                List.of(Map.of("k", 1, "b", 2, "x", 3)),
                "mid",
                Set.of("q", "c", "m", "a"),
                "numbers",
                new HashMap<>(Map.of(30, "c", 4, "a", 100, "b")));

        @SuppressWarnings("unchecked")
        Map<String, Object> ordered = (Map<String, Object>) StableOrder.of(value);

        assertThat(ordered).isEqualTo(value);
        assertThat(ordered.keySet()).containsExactly("alpha", "mid", "numbers", "zeta");
        assertThat(keys(((List<?>) ordered.get("alpha")).get(0))).containsExactly("b", "k", "x");
        assertThat(elements(ordered.get("mid"))).containsExactly("a", "c", "m", "q");
        assertThat(keys(ordered.get("numbers"))).as("natural order, not text").containsExactly(4, 30, 100);
    }

    @Test
    void of_orderedCollections_keepTheirOrderAndAreNotCopied() {
        Map<String, Integer> chosen = new LinkedHashMap<>();
        chosen.put("z", 1);
        chosen.put("a", 2);
        List<Object> list = List.of("b", "a", chosen, new TreeMap<>(Map.of("y", 1, "x", 2)));

        assertThat(StableOrder.of(list)).isSameAs(list);
        assertThat(StableOrder.of("text")).isEqualTo("text");
    }

    @Test
    void of_keysOfMixedTypes_areOrderedByTheirText() {
        Set<Object> mixed = new HashSet<>(List.of(10, "9", 'a', 2.5));

        assertThat(elements(StableOrder.of(mixed))).containsExactly(10, 2.5, "9", 'a');
    }

    private static List<Object> keys(Object map) {
        return new ArrayList<>(((Map<?, ?>) map).keySet());
    }

    private static List<Object> elements(Object set) {
        return new ArrayList<>((Set<?>) set);
    }
}
