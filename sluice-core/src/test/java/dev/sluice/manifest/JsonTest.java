package dev.sluice.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final String AWKWARD =
            "\"\\\n\r\t\b\f\u0000\u001f\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff:#{[&*!|>%@";

    @Test
    void write_anyTextWithoutLoneSurrogates_readsBackUnchanged() {
        Seeded.forAll(1000, random -> {
            String text = text(random);
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put(text, List.of(text, 1L));

            Object parsed = Json.parse(Json.write(tree), "test");

            assertThat(parsed).isEqualTo(Map.of(text, List.of(text, 1)));
        });
    }

    /** Up to 12 pieces: any text, characters JSON or YAML treat specially, and surrogate pairs. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = Gen.between(random, 0, 12);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(3)) {
                case 0 -> text.append(withoutLoneSurrogates(Gen.chars(random, 0, 8)));
                case 1 -> text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
                default -> text.append(Gen.oneOf(random, "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff"));
            }
        }
        return text.toString();
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints()
                .filter(cp -> !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    @Test
    void write_loneSurrogate_becomesReplacementCharacter() {
        Object parsed = Json.parse(Json.write(List.of("a\ud800b")), "test");

        assertThat(parsed).isEqualTo(List.of("a\ufffdb"));
    }

    @Test
    void write_nestedValues_readBackWithJsonTypes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("null", null);
        tree.put("true", true);
        tree.put("int", 42);
        tree.put("long", 1_700_000_000_000L);
        tree.put("double", 0.25);
        tree.put("nan", Double.NaN);
        tree.put("empty", Map.of());
        tree.put("none", List.of());
        tree.put("objects", List.of(Map.of("k", "v"), Map.of()));
        tree.put("enum", Thread.State.NEW);

        Object parsed = Json.parse(Json.write(tree), "test");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("null", null);
        expected.put("true", true);
        expected.put("int", 42);
        expected.put("long", 1_700_000_000_000L);
        expected.put("double", 0.25);
        expected.put("nan", null);
        expected.put("empty", Map.of());
        expected.put("none", new ArrayList<>());
        expected.put("objects", Arrays.asList(Map.of("k", "v"), Map.of()));
        expected.put("enum", "NEW");
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void write_keepsKeyOrderAndIndents() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("b", List.of("x", "y"));
        tree.put("a", Map.of("c", 1));

        assertThat(Json.write(tree)).isEqualTo("{\n  \"b\": [\"x\", \"y\"],\n  \"a\": {\n    \"c\": 1\n  }\n}\n");
    }
}
