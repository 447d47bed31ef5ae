package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.testing.Gen;
import dev.sluice.testing.Seeded;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatasetPatternTest {
    @Test
    void match_extractsPlaceholders() {
        DatasetPattern pattern = DatasetPattern.parse("{namespace}.{name}_csv");

        assertThat(pattern.match("sales.orders_csv")).contains(Map.of("namespace", "sales", "name", "orders"));
        assertThat(pattern.match("orders_csv")).isEmpty();
        assertThat(pattern.match("sales.orders_csv.bak")).isEmpty();
    }

    @Test
    void match_placeholdersMayContainDots_leftmostIsShortest() {
        assertThat(DatasetPattern.parse("{a}.{b}").match("x.y.z")).contains(Map.of("a", "x", "b", "y.z"));
    }

    @Test
    void match_repeatedPlaceholder_mustMatchTheSameText() {
        DatasetPattern pattern = DatasetPattern.parse("{name}/{name}");

        assertThat(pattern.match("a/a")).contains(Map.of("name", "a"));
        assertThat(pattern.match("a/b")).isEmpty();
    }

    @Test
    void match_literalRegexCharactersAreLiteral() {
        assertThat(DatasetPattern.parse("{name}.*").match("cars.*")).contains(Map.of("name", "cars"));
        assertThat(DatasetPattern.parse("{name}.*").match("cars.x")).isEmpty();
    }

    @Test
    void specificity_countsLiteralCharacters() {
        DatasetPattern pattern = DatasetPattern.parse("{layer}.{name}_data");

        assertThat(pattern.specificity()).isEqualTo(6);
        assertThat(pattern.placeholders()).containsExactly("layer", "name");
        assertThat(pattern.isCatchAll()).isFalse();
        assertThat(DatasetPattern.parse("{default}").isCatchAll()).isTrue();
    }

    @Test
    void matchOrder_followsKedro_specificityThenMorePlaceholdersThenAlphabetical() {
        List<String> sorted = Stream.of("{default}", "{a}_x", "{b}_{c}x", "raw_{a}", "{z}_y", "{a}{b}")
                .map(DatasetPattern::parse)
                .sorted(DatasetPattern.MATCH_ORDER)
                .map(DatasetPattern::pattern)
                .collect(Collectors.toList());

        assertThat(sorted).containsExactly("raw_{a}", "{b}_{c}x", "{a}_x", "{z}_y", "{a}{b}", "{default}");
    }

    @Test
    void parse_rejectsBadPlaceholders() {
        assertThat(List.of("{}", "{na-me}", "{name", "name}", "plain", "{1st}"))
                .allSatisfy(bad -> assertThatThrownBy(() -> DatasetPattern.parse(bad))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("Invalid dataset factory pattern '" + bad + "'"));
    }

    @Test
    void fill_replacesOnlyKnownPlaceholdersInStrings() {
        DatasetPattern pattern = DatasetPattern.parse("{name}_csv");

        Object filled = pattern.fill(
                Map.of("filepath", "data/{name}.csv", "n", 3, "list", List.of("{name}", "{ not a placeholder }")),
                Map.of("name", "cars"));

        assertThat(filled)
                .isEqualTo(
                        Map.of("filepath", "data/cars.csv", "n", 3, "list", List.of("cars", "{ not a placeholder }")));
    }

    @Test
    void fill_unknownPlaceholder_isAnError() {
        DatasetPattern pattern = DatasetPattern.parse("{name}_csv");

        assertThat(pattern.unknownPlaceholdersIn(Map.of("a", List.of("{nmae}", "{name}"))))
                .containsExactly("nmae");
        assertThatThrownBy(() -> pattern.fill("data/{nmae}.csv", Map.of("name", "cars")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("placeholder {nmae}");
    }

    @Test
    void fill_valueWithDollarAndBackslash_isInsertedLiterally() {
        assertThat(DatasetPattern.parse("{name}_x").fill("{name}", Map.of("name", "a$1\\b")))
                .isEqualTo("a$1\\b");
    }

    @Test
    void matchThenFill_rebuildsTheName() {
        Seeded.forAll(1000, random -> {
            String layer = Gen.from(random, LETTERS, 1, 12);
            String name = Gen.chars(random, 1, 20);
            DatasetPattern pattern = DatasetPattern.parse("{layer}.{name}_csv");
            String dataset = layer + "." + name + "_csv";

            Map<String, String> values = pattern.match(dataset).orElseThrow();

            assertThat(pattern.fill("{layer}.{name}_csv", values)).isEqualTo(dataset);
        });
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
}
